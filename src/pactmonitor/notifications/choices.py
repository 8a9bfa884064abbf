from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """What a notification is about (one per step of the round cycle, and the digest)."""

    SENT_BACK = "sent_back", _("teruggestuurd")
    SUBMITTED = "submitted", _("ingediend")
    APPROVED = "approved", _("goedgekeurd")
    PUBLISHED = "published", _("gepubliceerd")
    CORRECTED = "corrected", _("gecorrigeerd")


class Delivery(models.TextChoices):
    """Where a notification stands, as the coordinators' page filters it."""

    SENT = "sent", _("verstuurd")
    PENDING = "pending", _("wacht")
    FAILED = "failed", _("mislukt")
