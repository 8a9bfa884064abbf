"""Who may keep and who reviews which initiatives (core.permissions explains policies).

A landsdeel coordinator adds initiatives and edits those in their landsdeel; what they add or
change waits for the national coordinator's review before it is public. The landsdeel
coordinator does not review their own landsdeel's initiatives: they are the ones who enter
them, and a review is a second pair of eyes. The administrator's own changes need no review.
"""

from __future__ import annotations

from django.db.models import Q

from pactmonitor.core.permissions import ACTIONS, EVERYTHING, NOTHING, Actor, PermissionPolicy

from .choices import ReviewState

PENDING = Q(review_state=ReviewState.PENDING)


def _reviews(user: Actor) -> bool:
    return user.is_national or user.is_administrator


class InitiativePolicy(PermissionPolicy):
    """A landsdeel coordinator adds initiatives and edits those in their landsdeel; the
    national coordinator approves or rejects new ones."""

    actions = (*ACTIONS, "add", "approve", "reject")

    def rule(self, user: Actor, action: str) -> Q:
        if action in ("review", "approve", "reject"):
            allowed = EVERYTHING if _reviews(user) else NOTHING
            return allowed if action == "review" or allowed == NOTHING else PENDING
        if user.is_administrator:
            return EVERYTHING
        if action == "view" and user.is_national:
            return EVERYTHING
        ids = user.landsdeel_ids()
        if action == "add":
            return EVERYTHING if ids else NOTHING
        return Q(regions__in=ids) if action in ("view", "edit") and ids else NOTHING


class InitiativeChangePolicy(PermissionPolicy):
    """A proposed change to a public initiative: seen by the landsdeel coordinators of its
    regions, approved or rejected by the national coordinator."""

    actions = (*ACTIONS, "approve", "reject")

    def rule(self, user: Actor, action: str) -> Q:
        if _reviews(user):
            if action in ("view", "review"):
                return EVERYTHING
            return Q(state=ReviewState.PENDING) if action in ("approve", "reject") else NOTHING
        ids = user.landsdeel_ids()
        return Q(initiative__regions__in=ids) if action == "view" and ids else NOTHING
