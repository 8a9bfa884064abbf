"""Which changes drop the public page cache (the cache itself: ``pactmonitor.core.pagecache``).

A change drops the cached pages, after it commits, only when a public page can show it. Not
public, so never a reason to drop: a draft, submitted or approved status update (and its
milestones and vindplaatsen), anything of a round that is not published (a profile being
written, its results), a review comment (it lives on a non-public update), contact persons,
reminders sent, user accounts and their settings, and the history rows simple-history writes
beside every change (the change itself is judged). Everything else of the public apps — the
pact registry, regions, indicators, initiatives, source documents, a round's own record — is
public. Writes the signals do not see (``bulk_create``, ``QuerySet.update``) call
``public_changed()`` themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.models import HistoricalChanges

from pactmonitor.core.pagecache import public_changed
from pactmonitor.initiatives.models import Initiative, InitiativeChange
from pactmonitor.pacts.models import ContactPerson
from pactmonitor.progress.models import (
    Milestone,
    ProposedCorrection,
    RegionProfile,
    RegionResult,
    SentReminder,
    Source,
    StatusUpdate,
)

PUBLIC_APPS = {"regions", "pacts", "progress", "indicators", "initiatives", "provenance"}


def _update_is_public(update: StatusUpdate) -> bool:
    return update.is_frozen and update.round.is_published


def _profile_is_public(profile: RegionProfile) -> bool:
    return profile.round.is_published


# Models of the public apps whose rows are public only in some states. Judged on the row as
# saved or deleted: a published update never changes state again (StatusUpdate.save refuses),
# and a round's own change (publish, re-open) always drops everything.
# Each rule takes a row of its own model (a dict cannot say so to the type checker: Any).
PUBLIC_WHEN: dict[type[Model], Callable[[Any], bool]] = {
    StatusUpdate: _update_is_public,
    Milestone: lambda milestone: _update_is_public(milestone.update),
    Source: lambda source: _update_is_public(source.update),
    RegionProfile: _profile_is_public,
    RegionResult: lambda result: _profile_is_public(result.profile),
    ContactPerson: lambda person: False,
    SentReminder: lambda reminder: False,
    # A proposal is not public; approving it saves the correction, which is.
    ProposedCorrection: lambda proposal: False,
    # Review states change only through initiatives.services (read-only in the admin): pending
    # → approved (public from then on) or rejected (never public).
    Initiative: lambda initiative: initiative.is_public,
    InitiativeChange: lambda change: False,
}


def can_change_a_public_page(sender: type[Model], instance: Model) -> bool:
    if issubclass(sender, HistoricalChanges):
        return False
    if sender._meta.app_label not in PUBLIC_APPS:
        return False
    rule = PUBLIC_WHEN.get(sender)
    try:
        return rule is None or rule(instance)
    except ObjectDoesNotExist:  # a parent already gone: judge it public, to be safe
        return True


def connect_invalidation() -> None:
    """Drop the cached pages (after commit) whenever a public row changes."""

    def on_change(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        if can_change_a_public_page(sender, instance):
            public_changed()

    def on_m2m(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        # ``sender`` is the through table; judge the row whose relation changed.
        if can_change_a_public_page(type(instance), instance):
            public_changed()

    post_save.connect(on_change, weak=False, dispatch_uid="pactmonitor-pages-save")
    post_delete.connect(on_change, weak=False, dispatch_uid="pactmonitor-pages-delete")
    m2m_changed.connect(on_m2m, weak=False, dispatch_uid="pactmonitor-pages-m2m")
