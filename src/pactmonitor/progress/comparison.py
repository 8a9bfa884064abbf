"""The round comparison: which actions changed status between two published rounds of a pact.

A small read model on the models (no stored table): the status of each action in each round,
rolled up from its sub-measures by the same rule as the pages and reports (``rollup``), from the
current published versions only (``StatusUpdate.objects.public()``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pactmonitor.pacts.models import Action

from .models import ReportingRound, StatusUpdate
from .rollup import RolledUpStatus, action_status, rollup_inputs


@dataclass(frozen=True)
class StatusChange:
    action: Action
    before: RolledUpStatus
    after: RolledUpStatus


def status_changes(earlier: ReportingRound, later: ReportingRound) -> list[StatusChange]:
    """Every action of the later round's pact whose rolled-up status differs between the two
    rounds, in the pact's order. Both rounds must be published and of one pact (the caller
    checks; a draft round's updates are not public and would count as "not reported")."""
    updates = rollup_inputs(StatusUpdate.objects.public().filter(round__in=[earlier, later]))
    actions = (
        Action.objects.filter(pact=later.pact_id)
        .select_related("pact", "action_line")
        .prefetch_related("sub_measures")
        .order_by("position", "number")
    )
    changes = []
    for action in actions:
        old = action_status(action, earlier, updates.get((earlier.pk, action.pk), []))
        new = action_status(action, later, updates.get((later.pk, action.pk), []))
        if old.status != new.status:
            changes.append(StatusChange(action, old, new))
    return changes
