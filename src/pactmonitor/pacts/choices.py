from django.db import models
from django.utils.translation import gettext_lazy as _


class PactLevel(models.TextChoices):
    NATIONAL = "national", _("landelijk")
    REGIONAL = "regional", _("landsdeel")
    SUBREGIONAL = "subregional", _("subregionaal")
    ARRANGEMENT = "arrangement", _("samenwerkingsarrangement")


class Sector(models.TextChoices):
    """The three O's of the pact, plus everything else."""

    ONDERWIJS = "onderwijs", _("onderwijs")
    ONDERNEMERS = "ondernemers", _("ondernemers")
    OVERHEID = "overheid", _("overheid")
    OVERIG = "overig", _("overig")


class LeadBasis(models.TextChoices):
    """How the lead of an action was read: at the action itself, or from a line elsewhere."""

    STATED = "stated", _("bij de actie genoemd")
    INFERRED = "inferred", _("afgeleid")
