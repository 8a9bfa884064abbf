from django.db import models
from django.utils.translation import gettext_lazy as _

# What an action number may be: 1 to 3 digits and at most one lower-case letter ("12", "3b").
# Every number of the bundled pacts fits; the form, the model and the dataset checker use it.
ACTION_NUMBER_PATTERN = r"\A[0-9]{1,3}[a-z]?\Z"
ACTION_NUMBER_HELP = _("1 tot 3 cijfers, eventueel gevolgd door één kleine letter, zoals 12 of 3b.")


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
