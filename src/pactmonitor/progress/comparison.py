"""The round comparison: what changed between two rounds of a pact.

One read model on the models (no stored table) that the public comparison page, the annex's
changes section and the API all read, so they cannot disagree:

- per action, its status in each round, rolled up from its sub-measures by the same rule as the
  pages and reports (``rollup``), and whether it was reported there (``progress.reporting``:
  a draft carried over untouched is not a report; changed or confirmed unchanged is);
- per landsdeel, what changed in its profile (organisation, priorities, main results).

An action falls in one of four groups: newly reported (reported now, not in the earlier round),
not reported (nothing reported now), moved (reported in both, another status) or unchanged.
The API's ``status_changes`` is wider: every action whose rolled-up status differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch

from pactmonitor.pacts.models import Action
from pactmonitor.regions.models import Region

from .choices import Reporting
from .models import RegionProfile, RegionResult, ReportingRound, StatusUpdate
from .reporting import action_reporting
from .rollup import RolledUpStatus, roll_up_updates, rollup_inputs

Updates = Mapping[int, Sequence[StatusUpdate]]  # action id → its current updates of a round


@dataclass(frozen=True)
class ActionComparison:
    action: Action
    before: RolledUpStatus
    after: RolledUpStatus
    reporting_before: Reporting
    reporting_after: Reporting

    @property
    def reported_before(self) -> bool:
        return self.reporting_before != Reporting.NOT_REPORTED

    @property
    def reported_after(self) -> bool:
        return self.reporting_after != Reporting.NOT_REPORTED

    @property
    def status_changed(self) -> bool:
        return self.before.status != self.after.status

    @property
    def is_newly_reported(self) -> bool:
        return self.reported_after and not self.reported_before

    @property
    def is_not_reported(self) -> bool:
        return not self.reported_after

    @property
    def has_moved(self) -> bool:
        """Reported in both rounds, with another status now."""
        return self.reported_before and self.reported_after and self.status_changed


# The API's name for an action whose status differs between the rounds.
StatusChange = ActionComparison


@dataclass(frozen=True)
class ResultLine:
    """A main result as a reader compares it: its action line, place, heading ("Kop") and text."""

    action_line: str
    subregion: str
    heading: str
    text: str

    @classmethod
    def of(cls, result: RegionResult) -> ResultLine:
        return cls(
            result.action_line.name if result.action_line else "",
            result.subregion.name if result.subregion else "",
            result.heading,
            result.text,
        )


@dataclass(frozen=True)
class ProfileComparison:
    region: Region
    before: RegionProfile | None
    after: RegionProfile | None
    results_added: tuple[ResultLine, ...] = ()
    results_dropped: tuple[ResultLine, ...] = ()

    @property
    def organisation_changed(self) -> bool:
        return _text(self.before, "organisation") != _text(self.after, "organisation")

    @property
    def priorities_changed(self) -> bool:
        return _text(self.before, "priorities") != _text(self.after, "priorities")

    @property
    def changed(self) -> bool:
        return bool(
            self.organisation_changed
            or self.priorities_changed
            or self.results_added
            or self.results_dropped
        )


def _text(profile: RegionProfile | None, name: str) -> str:
    return getattr(profile, name).strip() if profile is not None else ""


@dataclass(frozen=True)
class RoundComparison:
    later: ReportingRound
    earlier: ReportingRound | None  # None: no earlier round to compare with
    actions: list[ActionComparison]
    profiles: list[ProfileComparison] = field(default_factory=list)

    @property
    def moved(self) -> list[ActionComparison]:
        return [a for a in self.actions if a.has_moved]

    @property
    def newly_reported(self) -> list[ActionComparison]:
        return [a for a in self.actions if a.is_newly_reported]

    @property
    def not_reported(self) -> list[ActionComparison]:
        return [a for a in self.actions if a.is_not_reported]

    @property
    def status_changes(self) -> list[ActionComparison]:
        return [a for a in self.actions if a.status_changed]

    @property
    def changed_profiles(self) -> list[ProfileComparison]:
        return [p for p in self.profiles if p.changed]


def public_updates(round: ReportingRound, action_ids: Iterable[int]) -> dict[int, list]:
    """The current published updates of a published round, by action id (one query)."""
    updates = StatusUpdate.objects.public().filter(round=round, action__in=list(action_ids))
    return {action: found for (_, action), found in rollup_inputs(updates).items()}


def reporting_of(updates: Updates) -> dict[int, Reporting]:
    """Action id → whether it reported anything (``progress.reporting``; no query)."""
    return {pk: action_reporting(found) for pk, found in updates.items()}


def earlier_round_with_updates(
    later: ReportingRound, actions: Iterable[Action]
) -> ReportingRound | None:
    """The latest published round of the same pact before ``later`` in which at least one of
    ``actions`` was reported: an empty round in between is not a baseline."""
    reported = (
        StatusUpdate.objects.public()
        .reported()
        .filter(round=OuterRef("pk"), action__in=[a.pk for a in actions])
    )
    return (
        ReportingRound.objects.published()
        .filter(pact=later.pact_id, peildatum__lt=later.peildatum)
        .filter(Exists(reported))
        .order_by("-peildatum")
        .first()
    )


def compare_actions(
    actions: Sequence[Action],
    earlier: ReportingRound | None,
    later: ReportingRound,
    *,
    later_updates: Updates | None = None,
) -> list[ActionComparison]:
    """Each action (``sub_measures`` prefetched) in both rounds, in the order given.

    ``later_updates`` are the later round's updates when the caller has read them already (a
    concept report shows the approved updates of a round not yet published)."""
    ids = [a.pk for a in actions]
    now = later_updates if later_updates is not None else public_updates(later, ids)
    before: Updates = public_updates(earlier, ids) if earlier is not None else {}
    reporting_now, reporting_before = reporting_of(now), reporting_of(before)
    nothing = Reporting.NOT_REPORTED
    return [
        ActionComparison(
            action,
            roll_up_updates(action, before.get(action.pk, [])),
            roll_up_updates(action, now.get(action.pk, [])),
            reporting_before.get(action.pk, nothing),
            reporting_now.get(action.pk, nothing),
        )
        for action in actions
    ]


def _profiles(round: ReportingRound | None, regions: list[Region]) -> dict[int, RegionProfile]:
    if round is None:
        return {}
    results = RegionResult.objects.select_related("action_line", "subregion")
    found = RegionProfile.objects.published().filter(round=round, region__in=regions)
    found = found.prefetch_related(Prefetch("results", queryset=results))
    return {p.region_id: p for p in found}


def _results(profile: RegionProfile | None) -> list[ResultLine]:
    return [ResultLine.of(r) for r in profile.results.all()] if profile else []


def compare_profiles(
    regions: Sequence[Region], earlier: ReportingRound | None, later: ReportingRound
) -> list[ProfileComparison]:
    """What changed in each landsdeel's profile between the rounds (two queries a round)."""
    before, after = _profiles(earlier, list(regions)), _profiles(later, list(regions))
    compared = []
    for region in regions:
        old, new = before.get(region.pk), after.get(region.pk)
        if old is None and new is None:
            continue
        old_results, new_results = _results(old), _results(new)
        compared.append(
            ProfileComparison(
                region,
                old,
                new,
                tuple(r for r in new_results if r not in old_results),
                tuple(r for r in old_results if r not in new_results),
            )
        )
    return compared


def pact_actions(later: ReportingRound, pact_id: int | None = None) -> list[Action]:
    """The actions of a pact (default: the round's own) in the pact's order, ready to roll up."""
    return list(
        Action.objects.filter(pact=pact_id or later.pact_id)
        .select_related("pact", "action_line")
        .prefetch_related("sub_measures")
        .order_by("position", "number")
    )


def compare_rounds(
    later: ReportingRound,
    earlier: ReportingRound | None,
    *,
    actions: Sequence[Action],
    regions: Sequence[Region] = (),
    later_updates: Updates | None = None,
) -> RoundComparison:
    """The comparison of ``later`` with ``earlier`` (both published and of one pact: the caller
    checks, or takes ``earlier_round_with_updates``) for these actions and landsdelen."""
    return RoundComparison(
        later,
        earlier,
        compare_actions(actions, earlier, later, later_updates=later_updates),
        compare_profiles(regions, earlier, later) if regions else [],
    )


def status_changes(earlier: ReportingRound, later: ReportingRound) -> list[StatusChange]:
    """Every action of the later round's pact whose rolled-up status differs between the two
    rounds, in the pact's order. Both rounds must be published and of one pact (the caller
    checks; a draft round's updates are not public and would count as "not reported")."""
    return compare_rounds(later, earlier, actions=pact_actions(later)).status_changes
