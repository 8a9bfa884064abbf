"""Initiatives under review: what a landsdeel coordinator adds or changes is public only once
the national coordinator approves it (initiatives/permissions.py says who does what).

A new initiative is stored at once but stays out of every public list until approved. A change
to a public initiative is kept aside (``InitiativeChange``) so the public goes on seeing the
approved version; approving applies it through the same form, as its proposer's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from pactmonitor.core.review import lock_in_state, required_comment, take_step

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


# The state every step of a review starts from.
PENDING = Q(review_state=ReviewState.PENDING)
CHANGE_PENDING = Q(state=ReviewState.PENDING)


def _already_reviewed() -> ReviewRefused:
    return ReviewRefused(_("Dit is al beoordeeld."))


def _reject(obj: R, pending: Q, comment: str, user: User) -> R:
    comment = required_comment(comment, ReviewRefused(_("Zeg bij het afwijzen waarom.")))
    return take_step(
        obj,
        allowed=pending,
        refusal=_already_reviewed(),
        to=ReviewState.REJECTED,
        user=user,
        comment=comment,
    )


@transaction.atomic
def approve_initiative(initiative: Initiative, *, user: User) -> Initiative:
    return take_step(
        initiative,
        allowed=PENDING,
        refusal=_already_reviewed(),
        to=ReviewState.APPROVED,
        user=user,
    )


@transaction.atomic
def reject_initiative(initiative: Initiative, *, comment: str, user: User) -> Initiative:
    return _reject(initiative, PENDING, comment, user)


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


@dataclass(frozen=True)
class ChangedField:
    """One field of a proposed change: the approved and the proposed value as a reader sees
    them (a choice by its Dutch label, never its code; a list joined)."""

    label: str
    approved: str
    proposed: str
    name: str

    @property
    def changed(self) -> bool:
        return self.approved != self.proposed


def _shown(field: forms.Field, value: Any) -> str:
    if value is None or value == "" or (isinstance(value, Iterable) and not len(list(value))):
        return "–"
    if isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        objects = value if isinstance(value, Iterable) else [value]
        return ", ".join(sorted(str(obj) for obj in objects))
    if isinstance(field, forms.ChoiceField):
        # In the order of the choices, each by its label; a code no longer among them as is.
        choices = list(cast(Iterable[tuple[Any, Any]], field.choices))
        codes = [str(code) for code in (value if isinstance(value, list | tuple) else [value])]
        labels = [str(label) for code, label in choices if str(code) in codes]
        known = {str(code) for code, _label in choices}
        return ", ".join(labels + [code for code in codes if code not in known])
    return str(value)


def change_fields(form: InitiativeForm) -> list[ChangedField]:
    """Every field of the bound change form (``change_form``, validated) beside the approved
    value, in the form's order. A field the change can no longer fill shows "–"."""
    data = dict(getattr(form, "cleaned_data", {}))
    # The regions of other landsdelen are kept by the form's save (not the proposer's to
    # change), so they belong to what approving makes.
    if form.kept_regions and "regions" in data:
        data["regions"] = [*data["regions"], *form.kept_regions]
    return [
        ChangedField(
            label=str(field.label),
            approved=_shown(field, form.initial.get(name)),
            proposed=_shown(field, data.get(name)),
            name=name,
        )
        for name, field in form.fields.items()
    ]


@transaction.atomic
def approve_change(change: InitiativeChange, *, user: User) -> Initiative:
    locked = lock_in_state(change, CHANGE_PENDING, _already_reviewed())
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
    locked.record_review(ReviewState.APPROVED, user=user)
    locked.save()
    return initiative


@transaction.atomic
def reject_change(change: InitiativeChange, *, comment: str, user: User) -> InitiativeChange:
    return _reject(change, CHANGE_PENDING, comment, user)
