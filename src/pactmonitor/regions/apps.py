from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "pactmonitor.regions"
    verbose_name = _("Regio's")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .models import Region
        from .tree import forget_region_tree

        for signal in (post_save, post_delete):
            signal.connect(forget_region_tree, sender=Region, dispatch_uid=f"tree-{signal}")
        for through in (Region.part_of.through, Region.groupings.through):
            m2m_changed.connect(forget_region_tree, sender=through, dispatch_uid=f"tree-{through}")
