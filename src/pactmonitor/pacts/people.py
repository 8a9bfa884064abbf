"""Who answers for an action: the people reminded of its drafts and told of its steps.

- its owners: active action owners (with an e-mail address) of an organisation that leads it;
- its coordinators: the landsdeel coordinators whose landsdeel holds it, and for a national
  action the national coordinators (``coordinated_actions``: the scope they edit it in).

``answering`` finds them for any number of actions in three queries, so a page or a command
that asks for a whole round asks as much as for one action.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper, QuerySet

from pactmonitor.accounts.choices import Role
from pactmonitor.core.permissions import NOTHING
from pactmonitor.regions.tree import one_region_tree

from .models import Action
from .permissions import coordinated_actions

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

ROLES = [Role.ACTION_OWNER, Role.LANDSDEEL_COORDINATOR, Role.NATIONAL_COORDINATOR]


def reachable_users() -> QuerySet[User]:
    """Active users an e-mail can reach."""
    return get_user_model().objects.filter(is_active=True).exclude(email="").order_by("username")


@dataclass
class People:
    """Action id → its owners, its landsdeel coordinators, its national coordinators."""

    owners: dict[int, list[User]] = field(default_factory=lambda: defaultdict(list))
    landsdeel: dict[int, list[User]] = field(default_factory=lambda: defaultdict(list))
    national: dict[int, list[User]] = field(default_factory=lambda: defaultdict(list))

    def coordinators(self, action_id: int) -> list[User]:
        return [*self.landsdeel.get(action_id, []), *self.national.get(action_id, [])]

    def everyone(self, action_id: int) -> list[User]:
        return [*self.owners.get(action_id, []), *self.coordinators(action_id)]


def answering(action_ids: Iterable[int]) -> People:
    ids = list(action_ids)
    people = People()
    users = list(reachable_users().filter(role__in=ROLES))
    _find_owners(ids, [u for u in users if u.role == Role.ACTION_OWNER], people)
    coordinators = [u for u in users if u.role != Role.ACTION_OWNER]
    with one_region_tree():  # every coordinator's landsdeel from one reading of the tree
        rules = {f"c{i}": coordinated_actions(u) for i, u in enumerate(coordinators)}
    rules = {name: rule for name, rule in rules.items() if rule != NOTHING}
    if not rules:
        return people
    # One query: per action, a column per coordinator saying whether it lies in their scope.
    flags = {
        name: ExpressionWrapper(rule, output_field=BooleanField()) for name, rule in rules.items()
    }
    for row in Action.objects.filter(pk__in=ids).annotate(**flags).values("pk", *rules):
        for name in rules:
            if row[name]:
                user = coordinators[int(name[1:])]
                by_role = (
                    people.national if user.role == Role.NATIONAL_COORDINATOR else people.landsdeel
                )
                by_role[row["pk"]].append(user)
    return people


def _find_owners(ids: list[int], owners: list[User], people: People) -> None:
    leads = Action.objects.filter(pk__in=ids, leads__isnull=False).values_list("pk", "leads")
    led: dict[int, list[int]] = defaultdict(list)
    for action_id, organisation_id in leads:
        led[organisation_id].append(action_id)
    for user in owners:
        for action_id in led.get(user.organisation_id or 0, []):
            people.owners[action_id].append(user)
