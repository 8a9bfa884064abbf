"""The summary of a report: status counts per action line and per landsdeel, and what changed
since the previous round."""

from __future__ import annotations

from pactmonitor.pacts.models import Action
from pactmonitor.progress.choices import Reporting
from pactmonitor.progress.models import ReportingRound
from pactmonitor.progress.reporting import action_reporting
from pactmonitor.progress.rollup import roll_up_updates
from pactmonitor.regions.models import Region

from .. import figures
from ..documents import ActionLineSection, Changes, Mark, Move, StatusCount, Summary
from ..formatting import plain
from .actions import actions_of
from .statuses import mark, round_updates, row_mark, status_count


def _changes(round: ReportingRound, actions: list[Action], now: dict[int, list]) -> Changes:
    previous = round.previous()
    changes = Changes(previous_round=previous.name if previous else "")
    before = round_updates(previous) if previous else {}
    for action in actions:
        label = f"{action.number}. {plain(action.title)}"
        updates = now.get(action.id, [])
        if not updates:
            changes.not_reported.append(label)
            continue
        reporting = action_reporting(updates)
        (changes.confirmed if reporting == Reporting.CONFIRMED else changes.changed).append(label)
        if previous is None:
            continue
        if not before.get(action.id):
            changes.new.append(label)
            continue
        old = roll_up_updates(action, before[action.id])
        new = roll_up_updates(action, updates)
        if old.status != new.status:
            changes.moved.append(
                Move(label, mark(old.status, old.basis), mark(new.status, new.basis))
            )
    return changes


def landsdeel_counts(round: ReportingRound, now: dict[int, list]) -> list[StatusCount]:
    counts = []
    for region in Region.objects.landsdelen().order_by("name"):
        actions = actions_of(Action.objects.in_region(region))
        counts.append(status_count(region.name, (row_mark(a, now) for a in actions)))
    return counts


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
