"""The colour code of a report and the updates of a round that a report may show."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pactmonitor.pacts.models import Action
from pactmonitor.progress.choices import Basis, RoundState, Status, UpdateState
from pactmonitor.progress.models import ReportingRound, StatusUpdate
from pactmonitor.progress.rollup import roll_up_updates

from ..documents import Mark, StatusCount

LEGEND_ORDER = list(Status)  # the colour code: afgerond, op schema, vertraagd, onbekend


def mark(status: str, basis: str = Basis.UNKNOWN, reason: str = "") -> Mark:
    value = Status(status)
    return Mark(
        status=value.value,
        label=str(value.label),
        colour=value.colour,
        assessed=basis == Basis.ASSESSED and value != Status.ONBEKEND,
        reason=reason,
    )


def legend() -> list[Mark]:
    return [mark(status) for status in LEGEND_ORDER]


def round_updates(round: ReportingRound) -> dict[int, list[StatusUpdate]]:
    """The current updates of a round that may appear in its report, by action id.

    A published round shows what the public sees; a round not yet published (a concept
    report for the coordinator) shows what has been approved so far, never drafts.
    """
    # An update nobody changed or confirmed reports nothing: its action is "not reported".
    updates = StatusUpdate.objects.current().reported().filter(round=round)
    if round.state == RoundState.PUBLISHED:
        updates = updates.published()
    else:
        updates = updates.filter(state__in=[UpdateState.APPROVED, UpdateState.PUBLISHED])
    updates = updates.select_related("sub_measure").prefetch_related("milestones", "sources")
    found: dict[int, list[StatusUpdate]] = defaultdict(list)
    for update in updates.order_by("action_id", "sub_measure__letter", "id"):
        found[update.action_id].append(update)
    return found


def row_mark(action: Action, now: dict[int, list]) -> Mark:
    rolled = roll_up_updates(action, now.get(action.id, []))
    return mark(rolled.status, rolled.basis)


def status_count(group: str, marks: Iterable[Mark]) -> StatusCount:
    tally: dict[str, int] = defaultdict(int)
    for m in marks:
        tally[m.status] += 1
    return StatusCount(group, tuple((mark(s), tally[s.value]) for s in LEGEND_ORDER))
