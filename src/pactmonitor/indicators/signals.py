"""A change to an observation or to the region tree makes the columnar snapshot stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save


def _stale(**kwargs) -> None:
    from .rollup import mark_stale

    mark_stale()


def connect() -> None:
    from pactmonitor.regions.models import Region

    from .models import Observation

    for model in (Observation, Region):
        post_save.connect(_stale, sender=model, dispatch_uid=f"stale-{model.__name__}-save")
        post_delete.connect(_stale, sender=model, dispatch_uid=f"stale-{model.__name__}-delete")
    m2m_changed.connect(_stale, sender=Region.groupings.through, dispatch_uid="stale-groupings")
