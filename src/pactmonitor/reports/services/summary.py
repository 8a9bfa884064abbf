"""The summary of a report: status counts per action line and per landsdeel, and what changed
since the previous round."""

from __future__ import annotations

from django.utils.formats import date_format

from pactmonitor.pacts.models import Action
from pactmonitor.progress.choices import Reporting
from pactmonitor.progress.comparison import (
    compare_rounds,
    earlier_round_with_updates,
    reporting_of,
)
from pactmonitor.progress.models import ReportingRound
from pactmonitor.progress.reporting import counts as reporting_counts
from pactmonitor.regions.models import Region

from .. import figures
from ..documents import (
    ActionLineSection,
    Changes,
    Mark,
    Move,
    ReportingCount,
    StatusCount,
    Summary,
)
from ..formatting import plain
from .actions import actions_of
from .statuses import mark, row_mark, status_count


def _changes(round: ReportingRound, actions: list[Action], now: dict[int, list]) -> Changes:
    """The annex's changes section, read from the one round comparison the public comparison
    page reads too, against the latest earlier round in which these actions were reported."""
    earlier = earlier_round_with_updates(round, actions)
    compared = compare_rounds(round, earlier, actions=actions, later_updates=now)
    changes = Changes(
        previous_round=earlier.name if earlier else "",
        compared_with=_compared_with(round, earlier),
    )
    for row in compared.actions:
        label = f"{row.action.number}. {plain(row.action.title)}"
        if row.is_not_reported:
            changes.not_reported.append(label)
            continue
        confirmed = row.reporting_after == Reporting.CONFIRMED
        (changes.confirmed if confirmed else changes.changed).append(label)
        if earlier is None:
            continue
        if row.is_newly_reported:
            changes.new.append(label)
        elif row.has_moved:
            old, new = row.before, row.after
            changes.moved.append(
                Move(label, mark(old.status, old.basis), mark(new.status, new.basis))
            )
    return changes


def _compared_with(round: ReportingRound, earlier: ReportingRound | None) -> str:
    """The sentence that says against which round the section compares, and why that one."""
    if earlier is None:
        if round.previous() is None:
            return "Dit is de eerste ronde: er is geen vorige ronde om mee te vergelijken."
        return (
            "In geen eerdere gepubliceerde ronde is over deze acties gerapporteerd: "
            "er is niets om mee te vergelijken."
        )
    peildatum = date_format(earlier.peildatum, "j F Y")
    sentence = f"Vergeleken met {earlier.name} (peildatum {peildatum})"
    previous = round.previous()
    if previous is not None and previous.pk != earlier.pk:
        return (
            f"{sentence}, de laatste eerdere ronde waarin over deze acties is gerapporteerd "
            f"({previous.name} bevat geen rapportage over deze acties)."
        )
    return f"{sentence}, de vorige ronde."


def landsdeel_counts(
    round: ReportingRound, now: dict[int, list]
) -> tuple[list[StatusCount], list[ReportingCount]]:
    """Per landsdeel, the status of its actions and whether each reported in the round: the
    reporting read from the same updates as the changes section (``reporting_of``)."""
    statuses, reported = [], []
    reporting = reporting_of(now)
    for region in Region.objects.landsdelen().order_by("name"):
        actions = actions_of(Action.objects.in_region(region))
        statuses.append(status_count(region.name, (row_mark(a, now) for a in actions)))
        tally = dict(reporting_counts(reporting.get(a.pk, Reporting.NOT_REPORTED) for a in actions))
        reported.append(
            ReportingCount(
                region.name,
                changed=tally[Reporting.CHANGED],
                confirmed=tally[Reporting.CONFIRMED],
                not_reported=tally[Reporting.NOT_REPORTED],
            )
        )
    return statuses, reported


def summary(
    round: ReportingRound,
    actions: list[Action],
    now: dict[int, list],
    lines: list[ActionLineSection],
    landsdelen: list[StatusCount],
) -> Summary:
    # Regional pacts each have their own action lines with the same names: count by name.
    by_name: dict[str, list[Mark]] = {}
    for section in lines:
        by_name.setdefault(section.name, []).extend(r.mark for r in section.actions)
    by_line = [status_count(name, marks) for name, marks in by_name.items()]
    result = Summary(by_line, landsdelen, _changes(round, actions, now))
    result.charts = figures.summary_charts(result)
    return result
