"""A change to the region tree or to an import batch makes the columnar snapshot stale.

Seed observations are not in the snapshot (see ``rollup``), so saving one changes nothing
there. Saving an import batch (when it lands, in the import's transaction, and when it is
withdrawn, from the work page or the admin) marks the snapshot stale, so the new version
commits together with the figures.
"""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save


def _stale(**kwargs: Any) -> None:
    from .rollup import mark_stale

    if kwargs.get("raw"):  # loading fixtures: the tables may not be complete yet
        return
    mark_stale()


def connect() -> None:
    from pactmonitor.regions.models import Region

    from .models import ImportBatch

    for model in (Region, ImportBatch):
        post_save.connect(_stale, sender=model, dispatch_uid=f"stale-{model.__name__}-save")
        post_delete.connect(_stale, sender=model, dispatch_uid=f"stale-{model.__name__}-delete")
    m2m_changed.connect(_stale, sender=Region.part_of.through, dispatch_uid="stale-part-of")
