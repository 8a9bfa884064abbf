"""Who may change which pacts and actions (core.permissions explains policies)."""

from __future__ import annotations

from django.db.models import Q

from pactmonitor.core.permissions import EVERYTHING, NOTHING, Actor, PermissionPolicy

from .choices import PactLevel


def coordinated_actions(user: Actor, prefix: str = "") -> Q:
    """The actions a coordinator answers for: the national coordinator those of the national
    pact; a landsdeel coordinator those whose pact or own region lies in their landsdeel.

    ``prefix`` reaches the action from another model (``"action__"`` from a status update)."""
    if user.is_administrator:
        return EVERYTHING
    if user.is_national:
        return Q(**{f"{prefix}pact__level": PactLevel.NATIONAL})
    ids = user.landsdeel_ids()
    if not ids:
        return NOTHING
    return Q(**{f"{prefix}pact__region__in": ids}) | Q(**{f"{prefix}region__in": ids})


def led_actions(user: Actor, prefix: str = "") -> Q:
    """The actions an action owner's organisation leads."""
    organisation = user.owner_organisation_id
    return Q(**{f"{prefix}leads": organisation}) if organisation else NOTHING


def coordinated_pacts(user: Actor, action: str, prefix: str = "") -> Q:
    """The pacts a coordinator edits: the national coordinator the national pact, a landsdeel
    coordinator those of their landsdeel. ``prefix`` reaches the pact from another model."""
    if user.is_administrator:
        return EVERYTHING
    if action != "edit":
        return NOTHING
    if user.is_national:
        return Q(**{f"{prefix}level": PactLevel.NATIONAL})
    ids = user.landsdeel_ids()
    return Q(**{f"{prefix}region__in": ids}) if ids else NOTHING


class PactPolicy(PermissionPolicy):
    """A coordinator edits the pacts of their scope (and adds actions to them)."""

    def rule(self, user: Actor, action: str) -> Q:
        return coordinated_pacts(user, action)


class ActionPolicy(PermissionPolicy):
    """A coordinator edits the actions of their scope; an action owner reports on them only."""

    def rule(self, user: Actor, action: str) -> Q:
        if user.is_administrator:
            return EVERYTHING
        return coordinated_actions(user) if action == "edit" else NOTHING


class PactMilestonePolicy(PermissionPolicy):
    """A pact's planning is part of the pact: who edits the pact edits its planning."""

    def rule(self, user: Actor, action: str) -> Q:
        return coordinated_pacts(user, action, prefix="pact__")
