from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "pactmonitor.web"
    verbose_name = _("Publieke website")

    def ready(self) -> None:
        from .caching import connect_invalidation

        connect_invalidation()
