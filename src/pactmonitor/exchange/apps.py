from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "pactmonitor.exchange"
    verbose_name = _("Uitwisseling")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from pactmonitor.indicators.models import ImportBatch

        def figures_changed(sender: type, instance: ImportBatch, **kwargs: object) -> None:
            # An import or a withdrawal changes the figure tables of the open-data downloads.
            from pactmonitor.downloads.services import OPEN_DATA, request_edition

            request_edition(OPEN_DATA)

        post_save.connect(
            figures_changed, sender=ImportBatch, weak=False, dispatch_uid="opendata-figures"
        )
