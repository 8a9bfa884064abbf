"""Whether an action reported anything in a round: changed, confirmed unchanged, or not.

One rule for the public round page, the overview and the reports: an action counts as
``changed`` when any of its current updates in the round was changed, else ``confirmed`` when
any was confirmed unchanged, else ``not_reported`` (also when it has no update at all).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .choices import Reporting, UpdateState
from .models import ReportingRound, StatusUpdate

STRENGTH = {Reporting.NOT_REPORTED: 0, Reporting.CONFIRMED: 1, Reporting.CHANGED: 2}


def action_reporting(updates: Iterable[StatusUpdate]) -> Reporting:
    """The reporting of one action from its current updates in one round."""
    found = [update.reporting for update in updates]
    return max(found, key=STRENGTH.__getitem__, default=Reporting.NOT_REPORTED)


def round_reporting(round: ReportingRound, action_ids: Iterable[int]) -> dict[int, Reporting]:
    """Action id → its reporting in ``round``, from the round's current published updates (or,
    for a round not yet published, its approved ones), in one query."""
    states = [UpdateState.APPROVED, UpdateState.PUBLISHED]
    updates = StatusUpdate.objects.current().filter(round=round, state__in=states)
    by_action: dict[int, list[StatusUpdate]] = {pk: [] for pk in action_ids}
    for update in updates.filter(action__in=list(by_action)).only(
        "action_id", "carried_over", "confirmed_at"
    ):
        by_action[update.action_id].append(update)
    return {pk: action_reporting(found) for pk, found in by_action.items()}


def counts(reporting: Iterable[Reporting]) -> list[tuple[Reporting, int]]:
    """How many of each, in a fixed order (changed, confirmed, not reported)."""
    tally = Counter(reporting)
    return [(value, tally[value]) for value in Reporting]
