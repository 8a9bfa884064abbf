from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionState(models.TextChoices):
    REQUESTED = "requested", _("aangevraagd")
    PRODUCING = "producing", _("wordt gemaakt")
    READY = "ready", _("klaar")
    FAILED = "failed", _("mislukt")
    SUPERSEDED = "superseded", _("overgeslagen (een nieuwere is aangevraagd)")


PENDING = (EditionState.REQUESTED, EditionState.PRODUCING)
