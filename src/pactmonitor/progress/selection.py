"""Steps on a selection of a round's updates: confirm unchanged, submit, approve or send back
the chosen items.

The work page posts the chosen items with the revision each had when the page was shown
(``"<pk>:<revision>"``). ``plan`` says, before anything changes, what will happen to each item;
``carry_out`` does it in one transaction, refusing one by one the items that changed since
(another revision or state) with the reason, while the others go on. An item outside the user's
scope for the step refuses the whole request (the caller answers 403; nothing changes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pactmonitor.pacts.models import Organisation, Pact

from . import services
from .choices import Reporting, UpdateState
from .models import ReportingRound, StatusUpdate, StatusUpdateQuerySet
from .permissions import APPROVABLE, CONFIRMABLE, SENDABLE_BACK, SUBMITTABLE

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from pactmonitor.accounts.models import User


def _confirm(updates: StatusUpdateQuerySet, user: User, comment: str) -> int:
    for update in updates.order_by("pk"):
        services.confirm_unchanged(update, user=user)
    return len(updates)


def _submit(updates: StatusUpdateQuerySet, user: User, comment: str) -> int:
    return services.submit_updates(updates, user=user)


def _approve(updates: StatusUpdateQuerySet, user: User, comment: str) -> int:
    return services.approve_updates(updates, user=user)


def _send_back(updates: StatusUpdateQuerySet, user: User, comment: str) -> int:
    for update in updates.order_by("pk"):
        services.send_back_update(update, comment=comment, user=user)
    return len(updates)


@dataclass(frozen=True)
class Step:
    scope: str  # the policy's scope action (progress.permissions)
    condition: Q  # the states the step starts from
    verb: StrOrPromise  # "indienen": for "12 indienen, waarvan 3 ongewijzigd"
    done: StrOrPromise  # "ingediend"
    wrong_state: StrOrPromise
    run: Callable[[StatusUpdateQuerySet, User, str], int]
    needs_comment: bool = False
    # The step makes the untouched items reported (confirming), so no warning that they stay
    # "niet gerapporteerd".
    reports: bool = False
    # Beyond the state: the items that may go on (one query for all), and why the others
    # may not.
    allowed: Callable[[StatusUpdateQuerySet], StatusUpdateQuerySet] | None = None
    not_allowed: StrOrPromise = ""

    def __post_init__(self) -> None:
        if self.allowed is not None and not self.not_allowed:
            raise ValueError("a step that narrows its items says why (not_allowed)")


STEPS = {
    "confirm": Step(
        "edit",
        CONFIRMABLE,
        gettext_lazy("ongewijzigd bevestigen"),
        gettext_lazy("ongewijzigd bevestigd"),
        gettext_lazy("is geen ongewijzigd overgenomen concept van een open ronde (meer)"),
        _confirm,
        reports=True,
        # Only a draft with an earlier report has a content to confirm (as confirm_unchanged).
        allowed=StatusUpdateQuerySet.with_earlier_update,
        not_allowed=gettext_lazy(
            "Kan niet: er is geen eerdere stand van zaken om te bevestigen; vul de update in."
        ),
    ),
    "submit": Step(
        "submit",
        SUBMITTABLE,
        gettext_lazy("indienen"),
        gettext_lazy("ingediend"),
        gettext_lazy("is geen concept van een open ronde meer"),
        _submit,
    ),
    "approve": Step(
        "review",
        APPROVABLE,
        gettext_lazy("goedkeuren"),
        gettext_lazy("goedgekeurd"),
        gettext_lazy("is niet (meer) ingediend"),
        _approve,
    ),
    "send_back": Step(
        "review",
        SENDABLE_BACK,
        gettext_lazy("terugsturen"),
        gettext_lazy("teruggestuurd"),
        gettext_lazy("is niet ingediend of goedgekeurd in een open ronde"),
        _send_back,
        needs_comment=True,
    ),
}


class SelectionRefused(ValueError):
    """The request as a whole makes no sense (no items, unknown step, no comment)."""


@dataclass
class Plan:
    step: Step
    going: list[tuple[StatusUpdate, int]] = field(default_factory=list)  # (update, revision)
    refused: list[tuple[StatusUpdate | None, str]] = field(default_factory=list)

    @property
    def untouched(self) -> int:
        """How many of the items that go on report nothing (carried over, not confirmed)."""
        return sum(1 for update, _ in self.going if update.reporting == Reporting.NOT_REPORTED)

    @property
    def summary(self) -> str:
        """ "12 indienen, waarvan 3 ongewijzigd": what confirming will do. A step that makes
        the items reported says only how many ("3 ongewijzigd bevestigen")."""
        if self.step.reports:
            return _("%(count)d %(verb)s") % {"count": len(self.going), "verb": self.step.verb}
        return _("%(count)d %(verb)s, waarvan %(untouched)d ongewijzigd (niet gerapporteerd)") % {
            "count": len(self.going),
            "verb": self.step.verb,
            "untouched": self.untouched,
        }

    def items(self) -> list[str]:
        return [f"{update.pk}:{revision}" for update, revision in self.going]


def parse_items(values: Iterable[str]) -> dict[int, int]:
    """``["12:3", ...]`` → {pk: revision}; a malformed value is refused as a whole."""
    items: dict[int, int] = {}
    for value in values:
        pk, _sep, revision = value.partition(":")
        if not (pk.isdigit() and revision.isdigit()):
            raise SelectionRefused(_("Onbekende keuze: %(value)s.") % {"value": value[:40]})
        items[int(pk)] = int(revision)
    if not items:
        raise SelectionRefused(_("Kies eerst een of meer updates."))
    return items


def step_named(name: str) -> Step:
    if name not in STEPS:
        raise SelectionRefused(_("Onbekende stap."))
    return STEPS[name]


def plan(
    round: ReportingRound, user: User, step: Step, items: dict[int, int], *, lock: bool = False
) -> Plan:
    """What the step will do to each item. Raises PermissionDenied when an item lies outside
    the user's scope for the step."""
    updates = StatusUpdate.objects.filter(pk__in=list(items)).select_related(
        "round", "action__pact", "sub_measure", "updated_by"
    )
    if lock:
        updates = updates.select_for_update(of=("self",))
    found = {update.pk: update for update in updates.order_by("pk")}
    inside = set(
        StatusUpdate.objects.filter(pk__in=list(found))
        .for_user(user, step.scope)
        .values_list("pk", flat=True)
    )
    if set(found) - inside:
        raise PermissionDenied
    in_state = StatusUpdate.objects.filter(step.condition, pk__in=list(found))
    startable = set(in_state.values_list("pk", flat=True))
    allowed = startable
    if step.allowed is not None:
        allowed = set(step.allowed(in_state).values_list("pk", flat=True))
    result = Plan(step)
    for pk, revision in items.items():
        update = found.get(pk)
        reason = _refusal(round, step, update, revision, startable, allowed)
        if reason:
            result.refused.append((update, reason))
        else:
            assert update is not None
            result.going.append((update, revision))
    return result


def _refusal(
    round: ReportingRound,
    step: Step,
    update: StatusUpdate | None,
    revision: int,
    startable: set[int],
    allowed: set[int],
) -> str:
    if update is None:
        return _("Deze update bestaat niet (meer).")
    if update.round_id != round.pk:
        return _("Deze update hoort niet bij deze ronde.")
    if update.revision != revision:
        who = update.updated_by or _("iemand")
        return _(
            "Gewijzigd sinds u de pagina opende (nu: %(state)s, laatst bewerkt door %(who)s); "
            "bekijk de update opnieuw."
        ) % {"state": update.get_state_display(), "who": who}
    if update.pk not in startable:
        return _("Kan niet: de update %(reason)s (nu: %(state)s).") % {
            "reason": step.wrong_state,
            "state": update.get_state_display(),
        }
    if update.pk not in allowed:
        return str(step.not_allowed)
    return ""


@transaction.atomic
def carry_out(
    round: ReportingRound, user: User, step: Step, items: dict[int, int], comment: str = ""
) -> Plan:
    """Do the step to every item that may still take it; the plan says which were refused."""
    if step.needs_comment and not comment.strip():
        raise SelectionRefused(_("Zeg bij het terugsturen wat er anders moet."))
    result = plan(round, user, step, items, lock=True)
    going = StatusUpdate.objects.filter(pk__in=[update.pk for update, _ in result.going])
    step.run(going, user, comment)
    return result


NO_LEAD = "geen"


@dataclass
class Filters:
    """The work page's filters (GET): pact, owner (the lead organisation), state, reporting.

    Unknown values are ignored (the page then shows everything for that filter)."""

    pacts: list[Pact]
    organisations: list[Organisation]
    pact: str = ""
    organisation: str = ""
    state: str = ""
    reporting: str = ""

    states = UpdateState.choices
    reportings = Reporting.choices

    @classmethod
    def from_query(cls, query: Mapping[str, str], visible: StatusUpdateQuerySet) -> Filters:
        pacts = list(Pact.objects.filter(pk__in=visible.values("action__pact")).order_by("name"))
        organisations = list(
            Organisation.objects.filter(pk__in=visible.values("action__leads")).order_by("name")
        )
        chosen = cls(pacts, organisations)
        if query.get("pact") in {p.key for p in pacts}:
            chosen.pact = query["pact"]
        if query.get("organisatie") in {o.key for o in organisations} | {NO_LEAD}:
            chosen.organisation = query["organisatie"]
        if query.get("fase") in UpdateState.values:
            chosen.state = query["fase"]
        if query.get("rapportage") in Reporting.values:
            chosen.reporting = query["rapportage"]
        return chosen

    @property
    def is_filtered(self) -> bool:
        return bool(self.pact or self.organisation or self.state or self.reporting)

    def apply(self, updates: StatusUpdateQuerySet) -> StatusUpdateQuerySet:
        if self.pact:
            updates = updates.filter(action__pact__key=self.pact)
        if self.organisation == NO_LEAD:
            updates = updates.filter(action__leads__isnull=True)
        elif self.organisation:
            updates = updates.filter(
                pk__in=StatusUpdate.objects.filter(action__leads__key=self.organisation).values(
                    "pk"
                )
            )
        if self.state:
            updates = updates.filter(state=self.state)
        if self.reporting == Reporting.NOT_REPORTED:
            updates = updates.not_reported()
        elif self.reporting == Reporting.CONFIRMED:
            updates = updates.filter(carried_over=True, confirmed_at__isnull=False)
        elif self.reporting == Reporting.CHANGED:
            updates = updates.filter(carried_over=False)
        return updates
