"""The enumerations of the exchange app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """What an upload did with one row of the workbook."""

    APPLIED = "applied", _("verwerkt")
    UNCHANGED = "unchanged", _("ongewijzigd")
    REFUSED = "refused", _("niet verwerkt")
