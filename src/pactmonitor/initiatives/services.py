"""Initiatives under review: what a landsdeel coordinator adds or changes is public only once
the national coordinator approves it (initiatives/permissions.py says who does what).

A new initiative is stored at once but stays out of every public list until approved. A change
to a public initiative is kept aside (``InitiativeChange``) so the public goes on seeing the
approved version; approving applies it through the same form, as its proposer's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ReviewState
from .forms import InitiativeForm
from .models import Initiative, InitiativeChange

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User


R = TypeVar("R", Initiative, InitiativeChange)


class ReviewRefused(ValidationError):
    """A review step that the state of the initiative or change does not allow."""


def _reviews(user: User) -> bool:
    return user.is_national or user.is_administrator


@transaction.atomic
def save_initiative(form: InitiativeForm, *, user: User) -> InitiativeChange | None:
    """Save a valid form; for a public initiative edited by a landsdeel coordinator, keep the
    change aside for review instead (returned)."""
    initiative = form.instance
    if initiative.pk and initiative.is_public and not _reviews(user):
        return _propose_change(initiative, form, user)
    if not initiative.pk or not initiative.is_public:
        if _reviews(user):
            initiative.review_state = ReviewState.APPROVED
            initiative.reviewed_by, initiative.reviewed_at = user, timezone.now()
        else:
            initiative.review_state = ReviewState.PENDING
            initiative.review_comment = ""
        initiative.proposed_by = initiative.proposed_by or user
    form.save()
    return None


def _form_data(form: InitiativeForm) -> dict[str, list[str]]:
    data = form.data
    assert isinstance(data, QueryDict)  # a bound form of a request's POST
    return {name: data.getlist(form.add_prefix(name)) for name in form.fields}


def _propose_change(initiative: Initiative, form: InitiativeForm, user: User) -> InitiativeChange:
    # One change waits per initiative: a newer proposal replaces the one before.
    change = initiative.changes.pending().select_for_update().first() or InitiativeChange(
        initiative=initiative
    )
    change.data, change.proposed_by = _form_data(form), user
    change.save()
    return change


def _lock(model: type[R], pk: int, field: str) -> R:
    found = model._default_manager.select_for_update().get(pk=pk)
    if getattr(found, field) != ReviewState.PENDING:
        raise ReviewRefused(_("Dit is al beoordeeld."))
    return found


def _reviewed(obj: Initiative | InitiativeChange, field: str, state: str, user: User) -> None:
    setattr(obj, field, state)
    obj.reviewed_by, obj.reviewed_at = user, timezone.now()


@transaction.atomic
def approve_initiative(initiative: Initiative, *, user: User) -> Initiative:
    locked = _lock(Initiative, initiative.pk, "review_state")
    _reviewed(locked, "review_state", ReviewState.APPROVED, user)
    locked.review_comment = ""
    locked.save()
    return locked


@transaction.atomic
def reject_initiative(initiative: Initiative, *, comment: str, user: User) -> Initiative:
    if not comment.strip():
        raise ReviewRefused(_("Zeg bij het afwijzen waarom."))
    locked = _lock(Initiative, initiative.pk, "review_state")
    _reviewed(locked, "review_state", ReviewState.REJECTED, user)
    locked.review_comment = comment.strip()
    locked.save()
    return locked


def change_form(change: InitiativeChange) -> InitiativeForm:
    """The proposed change bound to the form, as its proposer would submit it now."""
    data = QueryDict(mutable=True)
    for name, values in change.data.items():
        data.setlist(name, values)
    initiative = Initiative.objects.get(pk=change.initiative_id)
    proposer = change.proposed_by
    if proposer is None:
        raise ReviewRefused(_("De indiener van deze wijziging bestaat niet meer."))
    return InitiativeForm(data, instance=initiative, user=proposer)


@transaction.atomic
def approve_change(change: InitiativeChange, *, user: User) -> Initiative:
    locked = _lock(InitiativeChange, change.pk, "state")
    form = change_form(locked)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(str(m) for m in e)}"
            for name, e in form.errors.items()
        ]
        raise ReviewRefused(
            _("Deze wijziging past niet meer: %(problems)s. Wijs haar af.")
            % {"problems": "; ".join(problems)}
        )
    initiative = form.save()
    _reviewed(locked, "state", ReviewState.APPROVED, user)
    locked.save()
    return initiative


@transaction.atomic
def reject_change(change: InitiativeChange, *, comment: str, user: User) -> InitiativeChange:
    if not comment.strip():
        raise ReviewRefused(_("Zeg bij het afwijzen waarom."))
    locked = _lock(InitiativeChange, change.pk, "state")
    _reviewed(locked, "state", ReviewState.REJECTED, user)
    locked.review_comment = comment.strip()
    locked.save()
    return locked
