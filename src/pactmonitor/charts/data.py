"""The public facts the charts draw: rolled-up action statuses per published round."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from pactmonitor.pacts.models import Action, Pact, SubMeasure
from pactmonitor.progress.models import ReportingRound, StatusUpdate
from pactmonitor.progress.rollup import RolledUpStatus, action_status, rollup_inputs


@dataclass(frozen=True)
class ActionStatus:
    action: Action
    status: RolledUpStatus


def public_actions(pact: Pact) -> list[Action]:
    """The pact's actions with what the status roll-up and the lists need, in three queries."""
    return list(
        Action.objects.filter(pact=pact)
        .select_related("action_line", "pact")
        .prefetch_related(Prefetch("sub_measures", queryset=SubMeasure.objects.order_by("letter")))
    )


def public_updates(rounds: list[ReportingRound]) -> dict[tuple[int, int], list[StatusUpdate]]:
    """(round id, action id) → the round's public updates for the action, in one query."""
    return rollup_inputs(StatusUpdate.objects.public().filter(round__in=rounds))


def round_statuses(
    round: ReportingRound, actions: list[Action] | None = None
) -> list[ActionStatus]:
    """Every action of the round's pact with its rolled-up public status in the round."""
    actions = public_actions(round.pact) if actions is None else actions
    updates = public_updates([round]) if round.is_published else {}
    return [
        ActionStatus(a, action_status(a, round, updates.get((round.pk, a.pk), []))) for a in actions
    ]
