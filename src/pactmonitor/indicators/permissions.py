"""Who may import and withdraw open-data batches (core.permissions explains policies)."""

from __future__ import annotations

from django.db.models import Q

from pactmonitor.core.permissions import EVERYTHING, NOTHING, Actor, PermissionPolicy


class ImportBatchPolicy(PermissionPolicy):
    """Imports change the national figures: the national coordinator and the administrator."""

    actions = ("view", "import", "withdraw")

    def rule(self, user: Actor, action: str) -> Q:
        return EVERYTHING if user.is_national or user.is_administrator else NOTHING


class FindingPolicy(PermissionPolicy):
    """A qualitative finding is edited by the national coordinator, or by the landsdeel
    coordinator of the region it is about."""

    def rule(self, user: Actor, action: str) -> Q:
        if user.is_administrator:
            return EVERYTHING
        if action != "edit":
            return NOTHING
        if user.is_national:
            return EVERYTHING
        ids = user.landsdeel_ids()
        return Q(region__in=ids) if ids else NOTHING
