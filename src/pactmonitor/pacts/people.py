"""Who answers for an action: the people reminded of its drafts and told of its steps.

- its owners: active action owners (with an e-mail address) of an organisation that leads it;
- its coordinators: the landsdeel coordinators whose landsdeel holds it, and for a national
  action the national coordinators (``coordinated_actions``, the scope they edit it in).

Each function answers for many actions in a fixed number of queries (one per coordinator).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from pactmonitor.accounts.choices import Role
from pactmonitor.regions.tree import one_region_tree

from .models import Action
from .permissions import coordinated_actions

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

COORDINATOR_ROLES = [Role.LANDSDEEL_COORDINATOR, Role.NATIONAL_COORDINATOR]


def reachable_users() -> QuerySet[User]:
    """Active users an e-mail can reach."""
    return get_user_model().objects.filter(is_active=True).exclude(email="").order_by("username")


def owners_by_action(action_ids: Iterable[int]) -> dict[int, list[User]]:
    """Action id → its owners (empty when no leading organisation has an account)."""
    leads = Action.objects.filter(pk__in=list(action_ids)).values_list("pk", "leads")
    organisations: dict[int, set[int]] = defaultdict(set)
    for action_id, organisation_id in leads:
        if organisation_id is not None:
            organisations[organisation_id].add(action_id)
    found: dict[int, list[User]] = defaultdict(list)
    owners = reachable_users().filter(role=Role.ACTION_OWNER, organisation__in=list(organisations))
    for user in owners:
        assert user.organisation_id is not None  # filtered above
        for action_id in sorted(organisations[user.organisation_id]):
            found[action_id].append(user)
    return found


def coordinators_by_action(
    action_ids: Iterable[int], roles: Iterable[str] = COORDINATOR_ROLES
) -> dict[int, list[User]]:
    """Action id → its coordinators with one of ``roles``."""
    ids = list(action_ids)
    found: dict[int, list[User]] = defaultdict(list)
    with one_region_tree():  # every coordinator's landsdeel from one reading of the tree
        for user in reachable_users().filter(role__in=list(roles)):
            covered = Action.objects.filter(coordinated_actions(user), pk__in=ids)
            for action_id in covered.values_list("pk", flat=True):
                found[action_id].append(user)
    return found
