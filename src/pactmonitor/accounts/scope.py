"""What a user may change, written once as query conditions per model.

Every rule is a ``Q`` over the model's own fields, so the same rule filters a list
(``StatusUpdate.objects.editable_by(user)``) and checks a single object (``user.can_edit(obj)``):
a page never shows an edit link that the save would refuse, and the other way round.

The verbs:
- ``edit``: change the object (for a status update: its draft content);
- ``submit``: hand a landsdeel's (or the national) drafts to the national coordinator;
- ``review``: approve a submitted update or send it back;
- ``manage``: open and publish rounds, correct published updates, manage users;
- ``view``: see the object in the work pages (drafts are not public).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q, QuerySet

from pactmonitor.pacts.choices import PactLevel

from .choices import Role

if TYPE_CHECKING:
    from .models import User

NOTHING = Q(pk__in=[])
EVERYTHING = Q()
VERBS = ("view", "edit", "submit", "review", "manage")

M = TypeVar("M", bound=Model)


def is_administrator(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.role == Role.ADMINISTRATOR)


def is_national(user: User) -> bool:
    return user.is_active and user.role == Role.NATIONAL_COORDINATOR


def landsdeel_ids(user: User) -> set[int]:
    """The coordinator's landsdeel and every region under it in the main tree."""
    if not (user.is_active and user.role == Role.LANDSDEEL_COORDINATOR and user.landsdeel):
        return set()
    return user.landsdeel.descendant_ids()


def actions_in_landsdeel(ids: set[int], prefix: str = "") -> Q:
    """An action lies in a landsdeel through its pact's region or its own region."""
    if not ids:
        return NOTHING
    return Q(**{f"{prefix}pact__region__in": ids}) | Q(**{f"{prefix}region__in": ids})


def national_actions(prefix: str = "") -> Q:
    return Q(**{f"{prefix}pact__level": PactLevel.NATIONAL})


def action_rule(user: User, verb: str, prefix: str = "") -> Q:
    """Which actions' status updates the user may edit, submit or review."""
    if is_administrator(user):
        return EVERYTHING
    if verb in ("review", "manage"):
        return EVERYTHING if is_national(user) else NOTHING
    if verb == "view":
        return EVERYTHING if is_national(user) else action_rule(user, "edit", prefix)
    if is_national(user):
        return national_actions(prefix)
    if user.is_active and user.role == Role.LANDSDEEL_COORDINATOR:
        return actions_in_landsdeel(landsdeel_ids(user), prefix)
    if (
        verb == "edit"
        and user.is_active
        and user.role == Role.ACTION_OWNER
        and user.organisation_id
    ):
        return Q(**{f"{prefix}leads": user.organisation_id})
    return NOTHING


def registry_rule(user: User, model_label: str) -> Q:
    """Which pacts, actions, initiatives and profiles the user may edit."""
    if is_administrator(user):
        return EVERYTHING
    ids = landsdeel_ids(user)
    if model_label == "pacts.Pact":
        if is_national(user):
            return Q(level=PactLevel.NATIONAL)
        return Q(region__in=ids) if ids else NOTHING
    if model_label == "pacts.Action":
        return national_actions() if is_national(user) else actions_in_landsdeel(ids)
    if model_label == "initiatives.Initiative":
        return Q(regions__in=ids) if ids else NOTHING
    if model_label == "regions.RegionProfile":
        return Q(region__in=ids) if ids else NOTHING
    if model_label in ("progress.ReportingRound", "accounts.User"):
        return EVERYTHING if is_national(user) else NOTHING
    return NOTHING


def rule(user: User, verb: str, model: type[Model]) -> Q:
    """The condition on ``model`` for what ``user`` may do with ``verb``."""
    if verb not in VERBS:
        raise ValueError(f"unknown verb {verb!r}")
    label = model._meta.label
    if label == "progress.StatusUpdate":
        return action_rule(user, verb, prefix="action__")
    if label in ("progress.Milestone", "progress.Source"):
        return action_rule(user, verb, prefix="update__action__")
    if verb == "edit":
        return registry_rule(user, label)
    if verb == "manage" and label == "progress.ReportingRound":
        return registry_rule(user, label)
    if verb == "view" and label == "progress.ReportingRound":
        return EVERYTHING if user.is_active and (user.role or user.is_superuser) else NOTHING
    return NOTHING


def get_for_user(user: User, queryset: QuerySet[M], verb: str, **lookup: object) -> M:
    """The one permission-checked lookup every view uses.

    404 when the object does not exist, 403 when it exists but lies outside the user's scope
    for ``verb`` (the distinction helps users; the objects themselves are not secret).
    """
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    obj = get_object_or_404(queryset, **lookup)
    if not user.can(verb, obj):
        raise PermissionDenied
    return obj
