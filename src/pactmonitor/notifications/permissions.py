"""Who sees the outbox (core.permissions explains policies).

The national coordinator (and the administrator) sees every notification; a landsdeel
coordinator those about the actions of their landsdeel and those sent to themselves; nobody
else sees the outbox (a user's own e-mails are in their mailbox).
"""

from __future__ import annotations

from django.db.models import Q

from pactmonitor.core.permissions import EVERYTHING, NOTHING, Actor, PermissionPolicy
from pactmonitor.pacts.permissions import coordinated_actions


class NotificationPolicy(PermissionPolicy):
    def rule(self, user: Actor, action: str) -> Q:
        if action != "view" or not user.is_coordinator:
            return NOTHING
        if user.is_administrator or user.is_national:
            return EVERYTHING
        about = coordinated_actions(user, "actions__")
        mine = Q(recipient=user)
        return mine if about == NOTHING else mine | about
