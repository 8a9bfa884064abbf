from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ACTION_OWNER = "action_owner", _("actiehouder")
    LANDSDEEL_COORDINATOR = "landsdeel_coordinator", _("landsdeelcoördinator")
    NATIONAL_COORDINATOR = "national_coordinator", _("landelijk coördinator")
    ADMINISTRATOR = "administrator", _("beheerder")
