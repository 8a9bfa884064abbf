"""Who may do what with rounds and status updates (core.permissions explains policies).

A step of the round cycle is allowed when the update lies in the user's scope *and* is in a
state the step starts from. Both are written here once: the services refuse a step whose state
condition fails (with a message), the views refuse a user outside the scope (403), and the work
pages offer a step only where both hold.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from pactmonitor.accounts.choices import Role
from pactmonitor.core.permissions import ACTIONS, EVERYTHING, NOTHING, Actor, PermissionPolicy
from pactmonitor.pacts.permissions import coordinated_actions, led_actions

from .choices import ProfileState, ProposalState, RoundState, UpdateState

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


# The states a landsdeel profile's steps start from.
PROFILE_EDITABLE = Q(state=ProfileState.DRAFT, round__state=RoundState.OPEN)
PROFILE_APPROVABLE = Q(state=ProfileState.SUBMITTED, round__state=RoundState.OPEN)
PROFILE_SENDABLE_BACK = Q(
    state__in=[ProfileState.SUBMITTED, ProfileState.APPROVED], round__state=RoundState.OPEN
)


class RegionProfilePolicy(PermissionPolicy):
    """A landsdeel coordinator edits and submits their landsdeel's profile; the national
    coordinator sees every profile and approves it or sends it back."""

    actions = (*ACTIONS, "approve", "send_back")
    # "edit" is the scope alone (the page says why a submitted profile cannot be changed).
    steps = {
        "submit": ("edit", PROFILE_EDITABLE),
        "approve": ("review", PROFILE_APPROVABLE),
        "send_back": ("review", PROFILE_SENDABLE_BACK),
    }

    def scope(self, user: Actor, action: str) -> Q:
        if user.is_administrator:
            return EVERYTHING
        if action == "review" or (action == "view" and user.is_national):
            return EVERYTHING if user.is_national else NOTHING
        ids = user.landsdeel_ids()
        return Q(region__in=ids) if action in ("view", "edit") and ids else NOTHING

    def rule(self, user: Actor, action: str) -> Q:
        if action not in self.steps:
            return self.scope(user, action)
        scope, state = self.steps[action]
        inside = self.scope(user, scope)
        return NOTHING if inside == NOTHING else inside & state


def sole_national_coordinator() -> bool:
    """Whether at most one active national coordinator exists: then nobody else can be the
    second pair of eyes on a correction, and the proposer may approve it (the page says so)."""
    users = get_user_model()._default_manager
    return users.filter(is_active=True, role=Role.NATIONAL_COORDINATOR).count() <= 1


class ProposedCorrectionPolicy(PermissionPolicy):
    """The national coordinators review proposed corrections. A proposal is approved by a
    national coordinator other than its proposer, unless no other exists. The administrator
    proposes corrections (``StatusUpdate`` "correct") but is not the second pair of eyes."""

    actions = (*ACTIONS, "approve", "reject")

    def rule(self, user: Actor, action: str) -> Q:
        if action in ("view", "review"):
            return EVERYTHING if user.is_national or user.is_administrator else NOTHING
        if action not in ("approve", "reject") or not user.is_national:
            return NOTHING
        pending = Q(state=ProposalState.PENDING)
        if action == "reject" or sole_national_coordinator():
            return pending
        return pending & ~Q(proposed_by=getattr(user, "pk", None))
