"""Who may do what with rounds and status updates (core.permissions explains policies).

A step of the round cycle is allowed when the update lies in the user's scope *and* is in a
state the step starts from. Both are written here once: the services refuse a step whose state
condition fails (with a message), the views refuse a user outside the scope (403), and the work
pages offer a step only where both hold.
"""

from __future__ import annotations

from django.db.models import Q

from pactmonitor.core.permissions import ACTIONS, EVERYTHING, NOTHING, Actor, PermissionPolicy
from pactmonitor.pacts.permissions import coordinated_actions, led_actions

from .choices import RoundState, UpdateState

# The states each step of the round cycle starts from (conditions on a status update's rows).
OPEN_DRAFT = Q(is_current=True, state=UpdateState.DRAFT, round__state=RoundState.OPEN)
READY_FOR_REVIEW = Q(is_current=True, state=UpdateState.READY, round__state=RoundState.OPEN)
SUBMITTABLE = Q(
    is_current=True, state__in=[UpdateState.DRAFT, UpdateState.READY], round__state=RoundState.OPEN
)
# Still as the round opened it: nobody changed the content or confirmed it unchanged.
NOT_REPORTED = Q(carried_over=True, confirmed_at__isnull=True)
CONFIRMABLE = SUBMITTABLE & NOT_REPORTED
APPROVABLE = Q(state=UpdateState.SUBMITTED)
SENDABLE_BACK = Q(
    state__in=[UpdateState.SUBMITTED, UpdateState.APPROVED], round__state=RoundState.OPEN
)
CORRECTABLE = Q(is_current=True, state=UpdateState.PUBLISHED)


class ReportingRoundPolicy(PermissionPolicy):
    """Everyone with a role sees the rounds; the national coordinator (and the administrator)
    opens, approves and publishes them; coordinators see a round's state at a glance."""

    actions = (*ACTIONS, "add", "oversee")

    def rule(self, user: Actor, action: str) -> Q:
        if action == "view":
            return EVERYTHING if user.has_role else NOTHING
        if action == "oversee":
            return EVERYTHING if user.is_coordinator else NOTHING
        if action in ("add", "edit", "manage"):
            return EVERYTHING if user.is_national or user.is_administrator else NOTHING
        return NOTHING


def update_rule(user: Actor, action: str, prefix: str = "") -> Q:
    """The scope of a status update, reached through its action (``prefix`` reaches the update
    from a milestone or a vindplaats)."""
    if user.is_administrator:
        return EVERYTHING
    if action in ("review", "manage"):
        return EVERYTHING if user.is_national else NOTHING
    if action == "view" and user.is_national:
        return EVERYTHING
    coordinated = coordinated_actions(user, f"{prefix}action__")
    if action == "submit" or coordinated != NOTHING:
        return coordinated
    # Only an action owner reaches here with something: the actions their organisation leads.
    return led_actions(user, f"{prefix}action__") if action in ("view", "edit") else NOTHING


class StatusUpdatePolicy(PermissionPolicy):
    """Scope: an owner edits the updates of the actions their organisation leads; a landsdeel
    coordinator edits and submits those of their landsdeel; the national coordinator edits and
    submits the national pact's, sees all, and reviews and corrects. Steps add their state."""

    actions = (*ACTIONS, "approve", "send_back", "correct", "mark_ready", "take_back", "confirm")
    steps = {
        "mark_ready": ("edit", OPEN_DRAFT),
        "take_back": ("edit", READY_FOR_REVIEW),
        "confirm": ("edit", CONFIRMABLE),
        "approve": ("review", APPROVABLE),
        "send_back": ("review", SENDABLE_BACK),
        "correct": ("manage", CORRECTABLE),
    }

    def rule(self, user: Actor, action: str) -> Q:
        if action not in self.steps:
            return update_rule(user, action)
        scope, state = self.steps[action]
        inside = update_rule(user, scope)
        return NOTHING if inside == NOTHING else inside & state


class EvidencePolicy(PermissionPolicy):
    """A milestone or vindplaats goes with its update's scope."""

    def rule(self, user: Actor, action: str) -> Q:
        return update_rule(user, action, prefix="update__")


class RegionProfilePolicy(PermissionPolicy):
    """A landsdeel coordinator edits their landsdeel's profile."""

    def rule(self, user: Actor, action: str) -> Q:
        if user.is_administrator:
            return EVERYTHING
        ids = user.landsdeel_ids()
        return Q(region__in=ids) if action == "edit" and ids else NOTHING
