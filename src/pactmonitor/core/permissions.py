"""Permission policies: what a user may do with the rows of one model, written once.

After Wagtail's permission policies (``wagtail/permission_policies/base.py``) and NetBox's
``RestrictedQuerySet.restrict()``: each scoped model carries one policy (``Model.policy``) whose
``rule(user, action)`` is a ``Q`` over the model's own fields. The same rule

- filters a list: ``StatusUpdate.objects.for_user(user, "edit")`` (a ``ScopedQuerySet``);
- checks one object: ``can(user, "edit", update)``;
- answers a question about the model as a whole: ``can(user, "add", Initiative)`` (may the
  user add one, or do ``action`` with some row);

so a page never offers a step that the save would refuse, and the other way round. Views look
objects up through ``get_for_user`` (404 when missing, 403 outside scope) and guard creation
with ``check_for_user``; templates ask ``{% can %}`` (accounts/templatetags/permissions.py) or,
for a list, read the ids ``permitted_ids`` gave the view (one query per action, not per row).

The actions every policy knows:
- ``view``: see the object in the work pages (drafts are not public);
- ``edit``: change the object (for a status update: its draft content);
- ``submit``: hand a landsdeel's (or the national) drafts to the national coordinator;
- ``review``: approve a submitted update or send it back;
- ``manage``: open and publish rounds, correct published updates;
a policy may add its own (``add``, ``approve``, ``send_back``, ``correct``, ``oversee``,
``import``), and names them in ``actions``: an unknown action is a programming error.

This module is below the apps and imports none: what a policy reads from a user is the
``Actor`` protocol, which ``accounts.models.User`` implements.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Protocol, Self, TypeVar

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404

NOTHING = Q(pk__in=[])
EVERYTHING = Q()
ACTIONS = ("view", "edit", "submit", "review", "manage")

M = TypeVar("M", bound=Model)
QS = TypeVar("QS", bound="QuerySet[Any]")


class Actor(Protocol):
    """The facts about a user that policies read (``accounts.models.User`` has them all)."""

    is_active: bool

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_administrator(self) -> bool: ...

    @property
    def is_national(self) -> bool: ...

    @property
    def has_role(self) -> bool: ...

    @property
    def is_coordinator(self) -> bool: ...

    @property
    def owner_organisation_id(self) -> int | None: ...

    def landsdeel_ids(self) -> set[int]: ...


class PermissionPolicy:
    """The rule of one model. Subclasses write ``rule``; everything else is shared."""

    actions: ClassVar[tuple[str, ...]] = ACTIONS

    def rule(self, user: Actor, action: str) -> Q:
        """The condition on the model's rows for ``action`` by an active, signed-in ``user``."""
        raise NotImplementedError

    def condition(self, user: Actor | Any, action: str) -> Q:
        if action not in self.actions:
            raise ValueError(f"unknown action {action!r} for {type(self).__name__}")
        # An anonymous visitor or a blocked account may do nothing in the work pages.
        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return NOTHING
        return self.rule(user, action)

    def restrict(self, queryset: QS, user: Actor | Any, action: str) -> QS:
        """``queryset`` narrowed to the rows ``user`` may ``action`` (NetBox's restrict())."""
        condition = self.condition(user, action)
        if condition == EVERYTHING:
            return queryset
        if condition == NOTHING:
            return queryset.none()
        # A subquery rather than .distinct(): a rule may join a many-to-many field (an action's
        # leads, an initiative's regions), and .distinct() would not mix with every later query.
        inside = queryset.model._base_manager.filter(condition).values("pk")
        return queryset.filter(pk__in=inside)

    def can(self, user: Actor | Any, action: str, obj: Model | None = None) -> bool:
        """Whether ``user`` may ``action`` ``obj``; without ``obj``: some row, or a new one."""
        condition = self.condition(user, action)
        if condition == NOTHING:
            return False
        if obj is None:
            return True
        if obj.pk is None:
            return False
        if condition == EVERYTHING:
            return True
        return type(obj)._base_manager.filter(condition, pk=obj.pk).exists()


class ScopedQuerySet(QuerySet[M]):
    """A QuerySet that answers ``for_user(user, action)`` through its model's policy."""

    def for_user(self, user: Actor | Any, action: str = "view") -> Self:
        """The rows ``user`` may ``action`` (NetBox's ``restrict(user, action)``)."""
        return policy_of(self.model).restrict(self, user, action)


def policy_of(target: Model | type[Model] | str) -> PermissionPolicy:
    """The policy of a model, given the model, one of its objects or its label (templates)."""
    model = apps.get_model(target) if isinstance(target, str) else target
    policy = getattr(model, "policy", None)
    if not isinstance(policy, PermissionPolicy):
        raise TypeError(f"{model!r} has no permission policy")
    return policy


def can(user: Actor | Any, action: str, target: Model | type[Model] | str) -> bool:
    """Whether ``user`` may ``action`` an object, or (given a model) some row or a new one."""
    if isinstance(target, Model):
        return policy_of(target).can(user, action, target)
    return policy_of(target).can(user, action)


def get_for_user(user: Actor | Any, queryset: QuerySet[M], action: str, **lookup: Any) -> M:
    """The one permission-checked lookup every view uses.

    404 when the object does not exist, 403 when it exists but lies outside the user's scope
    for ``action`` (the distinction helps users; the objects themselves are not secret).
    """
    obj = get_object_or_404(queryset, **lookup)
    if not policy_of(queryset.model).can(user, action, obj):
        raise PermissionDenied
    return obj


def check_for_user(user: Actor | Any, action: str, model: type[Model]) -> None:
    """The check of a view that makes a new object (or acts on the model as a whole): 403
    unless the policy allows ``action``."""
    if not policy_of(model).can(user, action):
        raise PermissionDenied


def permitted_ids(
    user: Actor | Any, queryset: QuerySet[Model], actions: Iterable[str]
) -> dict[str, set[int]]:
    """For a list page: per action, the ids among ``queryset`` the user may act on.

    One query per action, however long the list; the template asks
    ``{% if update.pk in permitted.send_back %}``.
    """
    policy = policy_of(queryset.model)
    return {
        action: set(policy.restrict(queryset, user, action).order_by().values_list("pk", flat=True))
        for action in actions
    }
