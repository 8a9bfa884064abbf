from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PactsConfig(AppConfig):
    name = "pactmonitor.pacts"
    verbose_name = _("Pacten en acties")
