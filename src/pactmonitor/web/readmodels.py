"""What the public pages show, read in few queries. Only published facts come out of here."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from pactmonitor.charts.data import public_actions, public_updates
from pactmonitor.indicators import rollup
from pactmonitor.indicators.models import Finding, Indicator, Observation, Target
from pactmonitor.indicators.series import IndicatorFigures, LevelSeries
from pactmonitor.initiatives.models import Initiative, InitiativeQuerySet
from pactmonitor.pacts.choices import PactLevel
from pactmonitor.pacts.models import Action, ActionQuerySet, OperationalGoal, Pact, PactMilestone
from pactmonitor.progress.choices import Basis, ProfileState, Reporting, Status
from pactmonitor.progress.models import RegionProfile, ReportingRound, StatusUpdate
from pactmonitor.progress.reporting import action_reporting
from pactmonitor.progress.reporting import counts as reporting_tally
from pactmonitor.progress.rollup import RolledUpStatus, action_status, rollup_inputs
from pactmonitor.regions.models import Region
from pactmonitor.regions.tree import region_tree

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def rounds_for(pact: Pact) -> list[ReportingRound]:
    """The published rounds a pact is reported in: its own, else those of the pact it serves,
    from the start of its own period (a pact of 2016–2019 is not "niet gerapporteerd" in 2014)."""
    published = ReportingRound.objects.published().filter(pact__in=[pact.pk, pact.parent_id])
    by_pact: dict[int, list[ReportingRound]] = defaultdict(list)
    for round in published.order_by("peildatum", "pk"):
        by_pact[round.pact_id].append(round)
    return _rounds_of(pact, by_pact)


def _rounds_of(pact: Pact, by_pact: dict[int, list[ReportingRound]]) -> list[ReportingRound]:
    """The rule of rounds_for, on rounds already read (pact id → rounds by peildatum)."""
    rounds = by_pact.get(pact.pk) or by_pact.get(pact.parent_id or 0) or []
    if pact.period_start:
        rounds = [r for r in rounds if r.peildatum.year >= pact.period_start]
    return rounds


def latest_round_with_updates(rounds: list[ReportingRound]) -> ReportingRound | None:
    """The newest round that has public status updates (a round may hold only profiles)."""
    with_updates = set(
        StatusUpdate.objects.public().filter(round__in=rounds).values_list("round_id", flat=True)
    )
    return next(
        (r for r in reversed(rounds) if r.pk in with_updates), rounds[-1] if rounds else None
    )


def national_pact() -> Pact | None:
    return Pact.objects.filter(level=PactLevel.NATIONAL).order_by("id").first()


@dataclass
class ActionRow:
    action: Action
    status: RolledUpStatus
    overdue_goals: list[OperationalGoal] = field(default_factory=list)
    next_deadline: OperationalGoal | None = None
    reporting: Reporting = Reporting.NOT_REPORTED

    @property
    def is_overdue(self) -> bool:
        return bool(self.overdue_goals)


def action_rows(pact: Pact, round: ReportingRound | None) -> list[ActionRow]:
    """Every action of the pact with its status in ``round`` and its overdue goals."""
    actions = public_actions(pact)
    _prefetch_people(actions)
    updates = public_updates([round]) if round else {}
    rows = []
    for action in actions:
        status = (
            action_status(action, round, updates.get((round.pk, action.pk), []))
            if round
            else (RolledUpStatus(Status.ONBEKEND, Basis.UNKNOWN, ""))
        )
        goals = list(action.operational_goals.all())
        found = updates.get((round.pk, action.pk), []) if round else []
        rows.append(
            ActionRow(
                action,
                status,
                overdue_goals(goals, status, round),
                _next_deadline(goals),
                action_reporting(found),
            )
        )
    return rows


def _prefetch_people(actions: list[Action]) -> None:
    prefetch_related_objects(actions, "leads", "operational_goals")


def overdue_goals(
    goals: Iterable[OperationalGoal], status: RolledUpStatus, round: ReportingRound | None
) -> list[OperationalGoal]:
    """Goals whose deadline passed before the round's peildatum while the action is not afgerond."""
    if round is None or status.status == Status.AFGEROND:
        return []
    return [g for g in goals if g.deadline and g.deadline < round.peildatum]


def _next_deadline(goals: Iterable[OperationalGoal]) -> OperationalGoal | None:
    dated = [g for g in goals if g.deadline]
    return max(dated, key=lambda g: g.deadline or datetime.date.min) if dated else None


def status_counts(rows: Iterable[ActionRow]) -> list[tuple[str, StrOrPromise, int]]:
    counts = Counter(r.status.status for r in rows)
    return [(s.value, s.label, counts[s.value]) for s in Status]


def reporting_counts(rows: Iterable[ActionRow]) -> dict:
    """How many of the round's actions were changed, confirmed unchanged or not reported (the
    public updates are the reported ones: an action without one was not reported)."""
    tally = reporting_tally(row.reporting for row in rows)
    reported = sum(count for value, count in tally if value != Reporting.NOT_REPORTED)
    return {"tally": tally, "reported": reported, "total": sum(count for _v, count in tally)}


def status_grid(pact: Pact, rounds: list[ReportingRound]) -> list[tuple]:
    """(action, [(round, status), ...]) for every action of the pact, in four queries."""
    actions = public_actions(pact)
    updates = public_updates(rounds)
    return [
        (a, [(r, action_status(a, r, updates.get((r.pk, a.pk), []))) for r in rounds])
        for a in actions
    ]


def grid_summary(pact: Pact, rounds: list[ReportingRound], grid: list[tuple]) -> str:
    cells = [status for _, row in grid for _, status in row]
    known = sum(1 for s in cells if s.status != Status.ONBEKEND)
    return _(
        "Status van %(actions)d acties van %(pact)s in %(rounds)d gepubliceerde rondes; "
        "in %(known)d van de %(cells)d gevallen is de status bekend."
    ) % {
        "actions": len(grid),
        "pact": pact.name,
        "rounds": len(rounds),
        "known": known,
        "cells": len(cells),
    }


@dataclass
class RoundHistory:
    round: ReportingRound
    status: RolledUpStatus
    updates: list[StatusUpdate]
    earlier_versions: list[StatusUpdate]


def action_history(action: Action, rounds: list[ReportingRound]) -> list[RoundHistory]:
    """The action's public status in each published round, newest first, with every detail."""
    published = (
        StatusUpdate.objects.published()
        .reported()
        .filter(action=action, round__in=rounds)
        .select_related("sub_measure", "supersedes", "provenance_document")
        .prefetch_related("milestones", "sources")
        .order_by("sub_measure__letter", "version")
    )
    current: defaultdict[int, list[StatusUpdate]] = defaultdict(list)
    earlier: defaultdict[int, list[StatusUpdate]] = defaultdict(list)
    for update in published:
        (current if update.is_current else earlier)[update.round_id].append(update)
    return [
        RoundHistory(r, action_status(action, r, current[r.pk]), current[r.pk], earlier[r.pk])
        for r in reversed(rounds)
    ]


def related_actions(action: Action) -> dict[str, list[Action]]:
    return {
        "serves": list(action.serves_actions.in_pact_order().select_related("pact")),
        "served_by": list(action.served_by.in_pact_order().select_related("pact")),
    }


@dataclass
class ProfileView:
    profile: RegionProfile
    results_by_heading: list[tuple[str, list]]
    new_results: set[int]
    organisation_changed: bool
    priorities_changed: bool
    previous: RegionProfile | None
    # Carried over untouched: the round has no new profile, and its text is not shown as one.
    not_updated: bool = False


def landsdeel_profiles(region: Region) -> list[ProfileView]:
    """Profiles of published rounds, oldest first, each with what changed since the one before
    (a round whose profile nobody updated is listed as "niet bijgewerkt", without its text)."""
    profiles = list(
        (RegionProfile.objects.published() | RegionProfile.objects.not_updated())
        .filter(region=region)
        .select_related("round")
        .prefetch_related("results__action_line", "results__subregion")
        .order_by("round__peildatum")
    )
    views: list[ProfileView] = []
    previous = None
    for profile in profiles:
        if profile.state == ProfileState.NOT_UPDATED:
            views.append(ProfileView(profile, [], set(), False, False, previous, not_updated=True))
            continue
        results = list(profile.results.all())
        earlier: set[str] = {r.text.strip() for r in previous.results.all()} if previous else set()
        grouped: dict[str, list] = {}
        for result in results:
            heading = (
                result.action_line.name
                if result.action_line
                else (result.subregion.name if result.subregion else "")
            )
            grouped.setdefault(heading, []).append(result)
        views.append(
            ProfileView(
                profile,
                list(grouped.items()),
                {r.pk for r in results if previous and r.text.strip() not in earlier},
                bool(previous and previous.organisation.strip() != profile.organisation.strip()),
                bool(previous and previous.priorities.strip() != profile.priorities.strip()),
                previous,
            )
        )
        previous = profile
    return views


def region_members(region: Region) -> list[Region]:
    return list(Region.objects.members(region).order_by("kind", "name"))


def region_initiatives(region: Region) -> InitiativeQuerySet:
    ids = region.descendant_ids() | region.grouped_member_ids()
    return Initiative.objects.public().filter(regions__in=ids).distinct().order_by("name")


def region_pacts(region: Region) -> QuerySet[Pact]:
    return Pact.objects.filter(region__in=region.descendant_ids()).order_by("level", "name")


@dataclass
class HeadlineFigure:
    """An indicator on the home page: the national imported series per level with verdict.

    Without imported figures, the latest seed figure is shown with its own region named, and
    a target only when it is that same region's own target: a region's figure never stands
    beside the national target as if the two were comparable.
    """

    figures: IndicatorFigures
    national: list[LevelSeries]
    seed: Observation | None = None
    seed_target: Target | None = None

    @property
    def indicator(self) -> Indicator:
        return self.figures.indicator


def headline_figures() -> list[HeadlineFigure]:
    """Every indicator with imported figures, and every headline indicator, headline first."""
    indicators = list(
        Indicator.objects.filter(
            Q(is_headline=True) | Q(pk__in=rollup.indicators_with_figures())
        ).order_by("-is_headline", "name")
    )
    found = []
    for figures in IndicatorFigures.load_many(indicators):
        national = figures.series(figures.national) if figures.national else []
        if national:
            found.append(HeadlineFigure(figures, national))
            continue
        # ``observations`` are the dated ones; ``or 0`` only tells the type checker so.
        seed = max(figures.observations, key=lambda o: o.year or 0, default=None)
        found.append(HeadlineFigure(figures, [], seed, _own_target(figures.targets, seed)))
    return found


def _own_target(targets: list[Target], observation: Observation | None) -> Target | None:
    """The target of the seed figure's own region and level, if the source gives one."""
    if observation is None or observation.region_id is None:
        return None
    same = [
        t
        for t in targets
        if t.region_id == observation.region_id and t.education_level == observation.education_level
    ]
    return max(same, key=lambda t: t.year or 0, default=None)


@dataclass
class LandsdeelSummary:
    region: Region
    pacts: list[Pact]
    action_count: int
    initiative_count: int
    latest_profile: RegionProfile | None


def landsdelen_side_by_side() -> list[LandsdeelSummary]:
    landsdelen = list(Region.objects.landsdelen().order_by("name"))
    pacts = list(Pact.objects.filter(region__isnull=False).order_by("level", "name"))
    action_counts = Counter(
        Action.objects.filter(pact__region__isnull=False).values_list("pact__region_id", flat=True)
    )
    initiative_regions = list(
        Initiative.regions.through.objects.filter(
            initiative__in=Initiative.objects.public()
        ).values_list("initiative_id", "region_id")
    )
    profiles = {
        p.region_id: p
        for p in RegionProfile.objects.published()
        .select_related("round")
        .order_by("round__peildatum")
    }
    summaries = []
    tree = region_tree()
    for landsdeel in landsdelen:
        inside = tree.descendant_ids(landsdeel.pk)
        summaries.append(
            LandsdeelSummary(
                landsdeel,
                [p for p in pacts if p.region_id in inside],
                sum(n for region_id, n in action_counts.items() if region_id in inside),
                len({i for i, r in initiative_regions if r in inside}),
                profiles.get(landsdeel.pk),
            )
        )
    return summaries


def initiatives_matching(filters: dict) -> InitiativeQuerySet:
    """The initiative finder: the search words and filters, all combined with AND."""
    found = Initiative.objects.public()
    if filters.get("q"):
        found = found.search(filters["q"])
    if filters.get("landsdeel"):
        region = filters["landsdeel"]
        found = found.filter(regions__in=region.descendant_ids() | region.grouped_member_ids())
    if filters.get("region"):
        found = found.filter(regions__in=_region_and_members(filters["region"]))
    if filters.get("kind"):
        found = found.filter(kind=filters["kind"])
    if filters.get("action_line"):
        found = found.filter(action_lines__key=filters["action_line"])
    if filters.get("level"):
        found = found.with_education_level(filters["level"])
    return found.distinct().order_by("name").prefetch_related("regions")


def _region_and_members(region: Region) -> set[int]:
    """The region, every region inside it (municipalities of a COROP area or a province, the
    parts of a landsdeel) and the regions listed as working with it."""
    return region.descendant_ids() | set(
        Region.objects.members(region).values_list("id", flat=True)
    )


def region_observations(region: Region) -> QuerySet[Observation]:
    return (
        Observation.objects.filter(region=region)
        .select_related("indicator")
        .order_by("indicator__name", "year")
    )


def pact_planning(pact: Pact) -> list[PactMilestone]:
    """A pact's own planning, in the order of its document, with where each line is cited from."""
    return list(pact.planning.select_related("provenance_document").order_by("position"))


def findings_in(region: Region) -> list[Finding]:
    """The qualitative findings about a region and the regions inside it, in one query."""
    return list(
        Finding.objects.in_regions(region.descendant_ids())
        .select_related("region", "indicator", "provenance_document")
        .order_by("region__name", "pk")
    )


def indicator_findings(indicator: Indicator) -> list[Finding]:
    """The qualitative findings about an indicator, beside (never among) its figures."""
    return list(
        indicator.findings.select_related("region", "provenance_document").order_by(
            "region__name", "pk"
        )
    )


def pacts_with_rounds() -> list[Pact]:
    return list(
        Pact.objects.select_related("region", "parent").prefetch_related(
            Prefetch("rounds", queryset=ReportingRound.objects.published())
        )
    )


def actions_in_region(region: Region) -> ActionQuerySet:
    return Action.objects.in_region(region).in_pact_order().select_related("pact", "action_line")


@dataclass
class CurrentStatus:
    """An action's rolled-up status in the newest published round of its pact that has
    public updates (its own rounds, else those of the pact it serves)."""

    status: RolledUpStatus
    round: ReportingRound


def current_statuses(actions: list[Action]) -> dict[int, CurrentStatus]:
    """action id → its current status, for any list of actions, in three queries plus the
    actions' sub-measures (prefetched by the caller or here)."""
    rounds: dict[int, list[ReportingRound]] = defaultdict(list)
    for round in ReportingRound.objects.published().order_by("peildatum", "pk"):
        rounds[round.pact_id].append(round)
    public = StatusUpdate.objects.public().filter(action__in=[a.pk for a in actions])
    updates = rollup_inputs(public)
    with_updates = {round_id for round_id, _ in updates}
    prefetch_related_objects(actions, "sub_measures")
    found = {}
    for action in actions:
        candidates = _rounds_of(action.pact, rounds)
        latest = next((r for r in reversed(candidates) if r.pk in with_updates), None)
        if latest is not None:
            rolled = action_status(action, latest, updates.get((latest.pk, action.pk), []))
            found[action.pk] = CurrentStatus(rolled, latest)
    return found


@dataclass
class ActionWithStatus:
    action: Action
    current: CurrentStatus | None


def with_current_status(actions: Iterable[Action]) -> list[ActionWithStatus]:
    """The actions, each with its current status (None: never reported in a published round)."""
    listed = list(actions)
    statuses = current_statuses(listed)
    return [ActionWithStatus(a, statuses.get(a.pk)) for a in listed]
