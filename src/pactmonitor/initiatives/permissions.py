"""Who may keep which initiatives (core.permissions explains policies)."""

from __future__ import annotations

from django.db.models import Q

from pactmonitor.core.permissions import ACTIONS, EVERYTHING, NOTHING, Actor, PermissionPolicy


class InitiativePolicy(PermissionPolicy):
    """A landsdeel coordinator adds initiatives and edits those in their landsdeel."""

    actions = (*ACTIONS, "add")

    def rule(self, user: Actor, action: str) -> Q:
        if user.is_administrator:
            return EVERYTHING
        ids = user.landsdeel_ids()
        if action == "add":
            return EVERYTHING if ids else NOTHING
        return Q(regions__in=ids) if action == "edit" and ids else NOTHING
