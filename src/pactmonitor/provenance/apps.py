from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvenanceConfig(AppConfig):
    name = "pactmonitor.provenance"
    verbose_name = _("Herkomst")
