"""Who may edit which landsdeel profiles (core.permissions explains policies)."""

from __future__ import annotations

from django.db.models import Q

from pactmonitor.core.permissions import EVERYTHING, NOTHING, Actor, PermissionPolicy


class RegionProfilePolicy(PermissionPolicy):
    """A landsdeel coordinator edits their landsdeel's profile."""

    def rule(self, user: Actor, action: str) -> Q:
        if user.is_administrator:
            return EVERYTHING
        ids = user.landsdeel_ids()
        return Q(region__in=ids) if action == "edit" and ids else NOTHING
