"""The operational goals whose deadline passed before the peildatum, with the action's status."""

from __future__ import annotations

from pactmonitor.pacts.models import Action, OperationalGoal
from pactmonitor.progress.choices import Status
from pactmonitor.progress.models import ReportingRound

from ..documents import OverdueGoal
from ..formatting import dutch_date, plain
from .statuses import row_mark


def overdue_goals(
    round: ReportingRound, actions: list[Action], now: dict[int, list]
) -> list[OverdueGoal]:
    goals = OperationalGoal.objects.filter(action__in=actions).due_before(round.peildatum)
    by_id = {a.id: a for a in actions}
    found = []
    for goal in goals.order_by("deadline", "action__position", "id"):
        action = by_id[goal.action_id]
        status = row_mark(action, now)
        if status.status != Status.AFGEROND:
            found.append(
                OverdueGoal(
                    f"{action.pact.name} {action.number}. {plain(action.title)}",
                    plain(goal.text),
                    goal.deadline_text or dutch_date(goal.deadline),
                    status,
                )
            )
    return found
