"""The state of a round at a glance: counts per landsdeel and organisation, who is late, and
how up to date each action's information is."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from pactmonitor.pacts.models import Organisation
from pactmonitor.regions.tree import region_tree

from .choices import Reporting, UpdateState
from .models import ReportingRound, StatusUpdate

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

COLUMNS = ["missing", "draft", "ready", "submitted", "approved", "published", "not_reported"]


def progress_of(update: StatusUpdate) -> str:
    """missing: a draft that reports nothing yet (as the round opened it); otherwise its state."""
    if update.state == UpdateState.DRAFT and update.reporting == Reporting.NOT_REPORTED:
        return "missing"
    return update.state


@dataclass
class Row:
    name: str
    counts: Counter = field(default_factory=Counter)
    has_owner: bool = True

    @property
    def cells(self) -> list[int]:
        return [self.counts[column] for column in COLUMNS]

    @property
    def open(self) -> int:
        return self.counts["missing"] + self.counts["draft"]


def landsdeel_names() -> dict[int, str]:
    """Region id → the name of the landsdeel it lies in (by main parent, see RegionTree)."""
    tree = region_tree()
    landsdelen = {pk: tree.landsdeel(pk) for pk in tree.regions}
    return {pk: landsdeel.name for pk, landsdeel in landsdelen.items() if landsdeel is not None}


def landsdeel_of(update: StatusUpdate, names: dict[int, str]) -> str:
    action = update.action
    for region_id in (action.region_id, action.pact.region_id):
        if region_id is not None and region_id in names:
            return names[region_id]
    return _("Landelijk")


def freshness(actions: list, round: ReportingRound) -> list[tuple]:
    """Per action: the latest round in which someone reported on it, and when."""
    touched = (
        StatusUpdate.objects.current()
        .filter(action__in=actions, round__peildatum__lte=round.peildatum)
        .reported()
        .select_related("round")
        .order_by("round__peildatum", "updated_at")
    )
    latest = {u.action_id: u for u in touched}
    return [(action, latest.get(action.pk)) for action in actions]


def round_overview(round: ReportingRound, user: User) -> dict:
    updates = list(
        StatusUpdate.objects.for_round(round)
        .current()
        .for_user(user, "view")
        .in_report_order()
        .select_related("action__pact")
        .prefetch_related("action__leads")
    )
    names = landsdeel_names()
    by_landsdeel: dict[str, Row] = {}
    by_organisation: dict[str, Row] = {}
    actions = {}
    for update in updates:
        # Its step in the cycle, and (in any step) whether it reports nothing: an untouched
        # draft submitted or approved is still not reported.
        tally = [progress_of(update)]
        if update.reporting == Reporting.NOT_REPORTED:
            tally.append("not_reported")
        landsdeel = landsdeel_of(update, names)
        by_landsdeel.setdefault(landsdeel, Row(landsdeel)).counts.update(tally)
        leads: list[Organisation | None] = list(update.action.leads.all()) or [None]
        for lead in leads:
            name = str(lead) if lead else _("(geen trekker)")
            row = by_organisation.setdefault(name, Row(name, has_owner=lead is not None))
            row.counts.update(tally)
        actions[update.action_id] = update.action
    today = timezone.localdate()
    is_past_deadline = bool(round.deadline and today > round.deadline)
    rows = defaultdict(list)
    for key, table in (("landsdelen", by_landsdeel), ("organisations", by_organisation)):
        rows[key] = sorted(table.values(), key=lambda row: row.name)
    # Late: past the deadline with drafts not yet submitted. Actions without a lead have no
    # one to chase but their landsdeel, so they count there only.
    late = [row for row in rows["landsdelen"] if is_past_deadline and row.open]
    late_organisations = [
        row for row in rows["organisations"] if is_past_deadline and row.open and row.has_owner
    ]
    ordered_actions = sorted(actions.values(), key=lambda a: (a.pact.name, a.position))
    return {
        "columns": COLUMNS,
        "landsdelen": rows["landsdelen"],
        "organisations": rows["organisations"],
        "late": late,
        "late_organisations": late_organisations,
        "is_past_deadline": is_past_deadline,
        "days_left": (round.deadline - today).days if round.deadline else None,
        "freshness": freshness(ordered_actions, round),
    }
