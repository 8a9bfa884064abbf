from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "pactmonitor.indicators"
    verbose_name = _("Indicatoren")

    def ready(self) -> None:
        from . import signals

        signals.connect()
