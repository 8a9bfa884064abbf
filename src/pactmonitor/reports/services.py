"""Gather what a report shows from the database, into the plain objects of ``documents.py``.

This is the one place that reads the models for a report. It reads a round's updates in a
fixed number of queries (not one per action), so a pact twenty times larger costs about
twenty times as much, not more. Everything is ordered explicitly, so the same round always
gives the same document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from django.db.models import Prefetch, QuerySet

from pactmonitor.indicators.models import ImportBatch, Indicator, Observation, Target
from pactmonitor.indicators.rollup import indicators_with_figures
from pactmonitor.indicators.series import IndicatorFigures
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action, OperationalGoal, Pact
from pactmonitor.progress.choices import Basis, RoundState, Status, UpdateState
from pactmonitor.progress.models import ReportingRound, StatusUpdate
from pactmonitor.progress.rollup import RolledUpStatus, roll_up
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region, RegionProfile

from . import figures
from .choices import ReportKind
from .documents import (
    ActionLineSection,
    ActionRow,
    Changes,
    IndicatorSection,
    IndicatorVerdicts,
    InitiativeRow,
    LandsdeelProfile,
    LevelVerdict,
    Link,
    Mark,
    Move,
    OverdueGoal,
    PactSection,
    Report,
    ResultGroup,
    RoundInfo,
    StatusCount,
    SubMeasureRow,
    Summary,
)
from .formatting import blocks, dutch_date, dutch_value, plain

LEGEND_ORDER = list(Status)  # the colour code: afgerond, op schema, vertraagd, onbekend


class ReportInputError(ValueError):
    """Bad input from the user (unknown round or landsdeel): one line that says what is valid."""


# --- looking up what the user asked for -------------------------------------------------


def find_round(slug: str, *, published_only: bool = False) -> ReportingRound:
    rounds = ReportingRound.objects.select_related("pact").order_by("peildatum", "slug")
    if published_only:
        rounds = rounds.published()
    found = next((r for r in rounds if r.slug == slug), None)
    if found is None:
        valid = ", ".join(r.slug for r in rounds) or "geen"
        raise ReportInputError(f"onbekende ronde {slug!r}; geldige rondes: {valid}")
    return found


def find_pact(key: str | None) -> Pact:
    pacts = list(Pact.objects.order_by("key"))
    valid = ", ".join(p.key for p in pacts) or "geen"
    if not key:
        raise ReportInputError(f"geef --pact; geldige pacten: {valid}")
    found = next((p for p in pacts if p.key == key.strip()), None)
    if found is None:
        raise ReportInputError(f"onbekend pact {key!r}; geldige pacten: {valid}")
    return found


def find_landsdeel(name: str | None) -> Region:
    landsdelen = list(Region.objects.landsdelen().order_by("name"))
    valid = ", ".join(r.key for r in landsdelen) or "geen"
    if not name:
        raise ReportInputError(f"geef --landsdeel; geldige landsdelen: {valid}")
    wanted = name.strip().lower()
    for region in landsdelen:
        names = {
            region.key.lower(),
            region.name.lower(),
            region.name.lower().removeprefix("landsdeel "),
        }
        if wanted in names or wanted.removeprefix("landsdeel ") in names:
            return region
    raise ReportInputError(f"onbekend landsdeel {name!r}; geldige landsdelen: {valid}")


# --- statuses ----------------------------------------------------------------------------


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


def _round_updates(round: ReportingRound) -> dict[int, list[StatusUpdate]]:
    """The current updates of a round that may appear in its report, by action id.

    A published round shows what the public sees; a round not yet published (a concept
    report for the coordinator) shows what has been approved so far, never drafts.
    """
    updates = StatusUpdate.objects.current().filter(round=round)
    if round.state == RoundState.PUBLISHED:
        updates = updates.published()
    else:
        updates = updates.filter(state__in=[UpdateState.APPROVED, UpdateState.PUBLISHED])
    updates = updates.select_related("sub_measure").prefetch_related("milestones", "sources")
    found: dict[int, list[StatusUpdate]] = defaultdict(list)
    for update in updates.order_by("action_id", "sub_measure__letter", "id"):
        found[update.action_id].append(update)
    return found


def _rolled_up(action: Action, updates: list[StatusUpdate]) -> RolledUpStatus:
    own = next((u for u in updates if u.sub_measure_id is None), None)
    by_letter = {u.sub_measure.letter: u for u in updates if u.sub_measure is not None}
    letters = [s.letter for s in action.sub_measures.all()]
    return roll_up(own, {letter: by_letter.get(letter) for letter in letters})


# --- rows --------------------------------------------------------------------------------


def _milestones(update: StatusUpdate) -> list[str]:
    """Dated milestones; those the narrative already says in the same words are left out."""
    told = " ".join(plain(update.narrative).split())
    found = []
    for m in sorted(update.milestones.all(), key=lambda m: (m.date is None, m.date, m.id)):
        text = plain(m.text)
        if text and text in told:
            continue
        when = m.date_text or dutch_date(m.date)
        found.append(f"{when}: {text}" if when and not text.startswith(when) else text)
    return found


def _sources(update: StatusUpdate) -> list[Link]:
    return [Link(plain(s.title), s.url) for s in sorted(update.sources.all(), key=lambda s: s.id)]


def _owners(action: Action) -> str:
    leads = sorted(str(o) for o in action.leads.all())
    return ", ".join(leads) or plain(action.lead_text)


def _deadline(action: Action) -> str:
    goals = sorted(
        action.operational_goals.all(), key=lambda g: (g.deadline is None, g.deadline, g.id)
    )
    return "; ".join(
        g.deadline_text or dutch_date(g.deadline) for g in goals if g.deadline_text or g.deadline
    )


def _quote(update: StatusUpdate | None) -> str:
    """The words an assessed status was read from: shown, so the reader can judge it."""
    if update is None or update.basis != Basis.ASSESSED:
        return ""
    return plain(update.basis_quote)


def _own_text(action: Action) -> str:
    """The action's full text, unless it only repeats its title and lettered sub-measures."""
    text = plain(action.text)
    subs = [plain(s.text)[:60] for s in action.sub_measures.all()]
    if not text or text == plain(action.title) or (subs and all(s in text for s in subs)):
        return ""
    return text


def action_row(action: Action, updates: list[StatusUpdate]) -> ActionRow:
    rolled = _rolled_up(action, updates)
    own = next((u for u in updates if u.sub_measure_id is None), None)
    by_sub = {u.sub_measure_id: u for u in updates if u.sub_measure_id is not None}
    row = ActionRow(
        number=action.number,
        title=plain(action.title),
        text=_own_text(action),
        mark=mark(rolled.status, rolled.basis, rolled.reason),
        reported=bool(updates),
        owners=_owners(action),
        deadline=_deadline(action),
    )
    for sub in action.sub_measures.all():
        update = by_sub.get(sub.id)
        row.sub_measures.append(
            SubMeasureRow(
                letter=sub.letter,
                text=plain(sub.text),
                mark=mark(update.status, update.basis) if update else None,
                basis_quote=_quote(update),
                narrative=blocks(update.narrative) if update else [],
                new=blocks(update.new) if update else [],
                milestones=_milestones(update) if update else [],
                sources=_sources(update) if update else [],
            )
        )
    if own is not None:
        row.basis_quote = _quote(own)
        row.narrative = blocks(own.narrative)
        row.new = blocks(own.new)
        row.milestones = _milestones(own)
        row.sources = _sources(own)
    return row


def _actions(queryset: QuerySet[Action]) -> list[Action]:
    return list(
        queryset.select_related("pact", "action_line")
        .prefetch_related("sub_measures", "leads", "operational_goals")
        .order_by("pact__name", "position", "number")
    )


def _by_action_line(rows: Iterable[tuple[Action, ActionRow]]) -> list[ActionLineSection]:
    sections: dict[object, ActionLineSection] = {}
    order: dict[object, tuple] = {}
    for action, row in rows:
        line = action.action_line
        key = line.pk if line else None
        if key not in sections:
            name = line.name if line else "Overige acties"
            sections[key] = ActionLineSection(name, plain(line.national_goal) if line else "", [])
            order[key] = (line is None, line.order if line else 0, name)
        sections[key].actions.append(row)
    return [sections[key] for key in sorted(sections, key=lambda k: order[k])]


# --- summary -----------------------------------------------------------------------------


def _count(group: str, marks: Iterable[Mark]) -> StatusCount:
    tally: dict[str, int] = defaultdict(int)
    for m in marks:
        tally[m.status] += 1
    return StatusCount(group, tuple((mark(s), tally[s.value]) for s in LEGEND_ORDER))


def _changes(round: ReportingRound, actions: list[Action], now: dict[int, list]) -> Changes:
    previous = round.previous()
    changes = Changes(previous_round=previous.name if previous else "")
    before = _round_updates(previous) if previous else {}
    for action in actions:
        label = f"{action.number}. {plain(action.title)}"
        updates = now.get(action.id, [])
        if not updates:
            changes.not_reported.append(label)
            continue
        if previous is None:
            continue
        if not before.get(action.id):
            changes.new.append(label)
            continue
        old = _rolled_up(action, before[action.id])
        new = _rolled_up(action, updates)
        if old.status != new.status:
            changes.moved.append(
                Move(label, mark(old.status, old.basis), mark(new.status, new.basis))
            )
    return changes


def _landsdeel_counts(round: ReportingRound, now: dict[int, list]) -> list[StatusCount]:
    counts = []
    for region in Region.objects.landsdelen().order_by("name"):
        actions = _actions(Action.objects.in_region(region))
        counts.append(_count(region.name, (_row_mark(a, now) for a in actions)))
    return counts


def _row_mark(action: Action, now: dict[int, list]) -> Mark:
    rolled = _rolled_up(action, now.get(action.id, []))
    return mark(rolled.status, rolled.basis)


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
    by_line = [_count(name, marks) for name, marks in by_name.items()]
    result = Summary(by_line, landsdelen, _changes(round, actions, now))
    result.charts = figures.summary_charts(result)
    return result


# --- the reports -------------------------------------------------------------------------


def round_info(round: ReportingRound) -> RoundInfo:
    return RoundInfo(
        slug=round.slug,
        name=round.name,
        pact=round.pact.name,
        peildatum=round.peildatum,
        peildatum_text=dutch_date(round.peildatum),
        is_published=round.state == RoundState.PUBLISHED,
    )


def bijlage1(round: ReportingRound) -> Report:
    now = _round_updates(round)
    actions = _actions(Action.objects.filter(pact=round.pact))
    lines = _by_action_line((a, action_row(a, now.get(a.id, []))) for a in actions)
    return Report(
        kind=ReportKind.BIJLAGE1,
        title="Bijlage 1: de stand van zaken per maatregel",
        subtitle=f"{round.pact.name} – {round.name}",
        introduction=(
            f"In deze bijlage treft u de stand van zaken aan van de {len(actions)} acties van "
            f"het {round.pact.name}, per actielijn, op de peildatum {dutch_date(round.peildatum)}. "
            "Met een kleurcode – geel (afgerond), blauw (op schema; implementatie nog niet "
            "afgerond) en rood (vertraagd) – is aangegeven of de implementatie van de actie op "
            "koers ligt. Grijs betekent dat de status onbekend is: niemand heeft die "
            "gerapporteerd. Een status die niet is gerapporteerd maar uit de tekst blijkt, "
            "staat er als ‘afgeleid’ bij."
        ),
        round=round_info(round),
        summary=summary(round, actions, now, lines, _landsdeel_counts(round, now)),
        legend=legend(),
        lines=lines,
        verdicts=_verdicts(None),
    )


def _landsdeel_name(region: Region) -> str:
    """ "Landsdeel Noord", as the report calls it, whether or not the name says so."""
    if region.kind == RegionKind.LANDSDEEL and not region.name.lower().startswith("landsdeel"):
        return f"Landsdeel {region.name}"
    return region.name


def _description(region: Region) -> str:
    provinces = sorted(c.name for c in region.children.all() if c.kind == RegionKind.PROVINCIE)
    if not provinces:
        return _landsdeel_name(region)
    listed = (
        provinces[0] if len(provinces) == 1 else f"{', '.join(provinces[:-1])} en {provinces[-1]}"
    )
    word = "provincie" if len(provinces) == 1 else "provincies"
    return f"{_landsdeel_name(region)} ({word} {listed})"


def _results(profile: RegionProfile) -> list[ResultGroup]:
    groups: dict[object, ResultGroup] = {}
    order: dict[object, tuple] = {}
    for result in profile.results.all():
        line = result.action_line
        key = line.pk if line else None
        if key not in groups:
            heading = f"Actielijn {line.name}" if line else "Algemeen"
            groups[key] = ResultGroup(heading, [])
            order[key] = (line is not None, line.order if line else 0, heading)
        label = plain(result.subregion.name if result.subregion else result.heading)
        if line and label.lower().startswith("actielijn"):
            label = ""  # the group's heading already names the action line
        groups[key].parts.append((label, blocks(result.text)))
    return [groups[key] for key in sorted(groups, key=lambda k: order[k])]


def landsdeel_profile(region: Region, round: ReportingRound) -> LandsdeelProfile:
    profile = (
        RegionProfile.objects.filter(region=region, round=round)
        .prefetch_related(Prefetch("results__action_line"), "results__subregion")
        .first()
    )
    found = LandsdeelProfile(
        _landsdeel_name(region), _description(region), reported=profile is not None
    )
    if profile is not None:
        found.organisation = blocks(profile.organisation)
        found.results = _results(profile)
        found.priorities = blocks(profile.priorities)
    return found


def bijlage2(round: ReportingRound) -> Report:
    now = _round_updates(round)
    actions = _actions(Action.objects.filter(pact=round.pact))
    landsdelen = list(Region.objects.landsdelen().prefetch_related("children").order_by("name"))
    names = ", ".join(r.name.removeprefix("Landsdeel ") for r in landsdelen)
    lines = _by_action_line((a, action_row(a, now.get(a.id, []))) for a in actions)
    return Report(
        kind=ReportKind.BIJLAGE2,
        title="Bijlage 2: de stand van zaken per landsdeel",
        subtitle=f"{round.pact.name} – {round.name}",
        introduction=(
            "In deze bijlage treft u de stand van zaken aan van de uitvoering van de agenda's "
            f"van de {len(landsdelen)} landsdelen ({names}), op de peildatum "
            f"{dutch_date(round.peildatum)}: per landsdeel de organisatie, de belangrijkste "
            "resultaten per actielijn en per provincie of subregio, en de prioriteiten voor "
            "het komende jaar."
        ),
        round=round_info(round),
        summary=summary(round, actions, now, lines, _landsdeel_counts(round, now)),
        legend=legend(),
        profiles=[landsdeel_profile(region, round) for region in landsdelen],
    )


def _overdue(
    round: ReportingRound, actions: list[Action], now: dict[int, list]
) -> list[OverdueGoal]:
    goals = OperationalGoal.objects.filter(action__in=actions).due_before(round.peildatum)
    by_id = {a.id: a for a in actions}
    found = []
    for goal in goals.order_by("deadline", "action__position", "id"):
        action = by_id[goal.action_id]
        status = _row_mark(action, now)
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


def _initiatives(region_ids: set[int]) -> list[InitiativeRow]:
    found = (
        Initiative.objects.filter(regions__id__in=region_ids)
        .distinct()
        .prefetch_related("regions", "action_lines")
        .order_by("name", "key")
    )
    return [
        InitiativeRow(
            name=i.name,
            kind=str(i.get_kind_display()),
            regions=", ".join(sorted(r.name for r in i.regions.all())),
            action_lines=", ".join(sorted({line.name for line in i.action_lines.all()})),
            description=plain(i.description),
            url=i.url,
        )
        for i in found
    ]


def _indicators(region_ids: set[int]) -> list[IndicatorSection]:
    observations = (
        Observation.objects.filter(region_id__in=region_ids)
        .select_related("region")
        .order_by("indicator_id", "region__name", "year", "period_text", "id")
    )
    by_indicator: dict[int, list[Observation]] = defaultdict(list)
    for observation in observations:
        by_indicator[observation.indicator_id].append(observation)
    sections = []
    indicators = list(
        Indicator.objects.filter(id__in=by_indicator)
        .prefetch_related(Prefetch("targets", Target.objects.select_related("region")))
        .order_by("name")
    )
    # Every indicator's figures in the same few queries, not a load per chart.
    loaded = {found.indicator.pk: found for found in IndicatorFigures.load_many(indicators)}
    for indicator in indicators:
        rows = by_indicator[indicator.id]
        section = IndicatorSection(
            name=indicator.name,
            unit=indicator.unit_text or str(indicator.get_unit_display()),
            description=plain(indicator.description),
            rows=[
                (
                    cast(Region, o.region).name,  # observations of region_ids only
                    o.period_text
                    or (str(o.year) if o.year else "onbekend")
                    + (f" ({o.dimensions_text})" if o.dimensions else ""),
                    dutch_value(o.value, indicator.unit),
                )
                for o in rows
            ],
            targets=[
                f"{dutch_value(t.value, indicator.unit)} in "
                f"{t.year or t.period_text or 'onbekend jaar'}"
                + (f" ({t.region.name})" if t.region else "")
                for t in sorted(indicator.targets.all(), key=lambda t: (t.year or 0, t.id))
            ],
        )
        # A chart shows a course over time: only for a region measured in two years or more.
        years: dict[Region, set[int]] = defaultdict(set)
        for o in rows:
            if o.year is not None:
                years[cast(Region, o.region)].add(o.year)
        dated = sorted((r for r, y in years.items() if len(y) > 1), key=lambda r: r.name)
        section.charts = figures.indicator_charts(loaded[indicator.pk], dated)
        sections.append(section)
    return sections


def _batch_source(batch: ImportBatch) -> str:
    licence = f", {batch.licence}" if batch.licence else ""
    return (
        f"Bron: {batch.publisher}{licence} – tabel {batch.table_name}, bestand "
        f"{batch.file_name}, geïmporteerd op {dutch_date(batch.imported_at.date())}"
    )


def _verdicts(region: Region | None) -> list[IndicatorVerdicts]:
    """Every indicator with imported figures, for ``region`` (Nederland when None)."""
    indicators = list(
        Indicator.objects.filter(pk__in=indicators_with_figures()).order_by("-is_headline", "name")
    )
    sections = []
    for found in IndicatorFigures.load_many(indicators):
        place = region if region is not None else found.national
        if place is None:
            continue
        series = found.series(place)
        if not series:
            continue
        sections.append(
            IndicatorVerdicts(
                name=found.indicator.name,
                region=place.name,
                definition=plain(found.indicator.definition),
                source="; ".join(_batch_source(b) for b in found.batches),
                levels=[
                    LevelVerdict(
                        s.level_label,
                        s.latest.year,
                        s.latest_text,
                        s.latest_counts,
                        s.trend_text,
                        s.verdict.label,
                        s.verdict_text,
                    )
                    for s in series
                    if s.latest is not None  # a series has points
                ],
                charts=[figures.verdict_chart(found, region)],
            )
        )
    return sections


def _pact_sections(actions: list[Action], now: dict[int, list]) -> list[PactSection]:
    sections = []
    for pact in Pact.objects.filter(id__in={a.pact_id for a in actions}).order_by("level", "name"):
        mine = [a for a in actions if a.pact_id == pact.id]
        rows = ((a, action_row(a, now.get(a.id, []))) for a in mine)
        sections.append(PactSection(pact.name, _by_action_line(rows)))
    return sections


def _area_report(
    round: ReportingRound,
    kind: ReportKind,
    title: str,
    where: str,
    actions: list[Action],
    region: Region | None,
) -> Report:
    """A report on a part of the work: a landsdeel's pacts, or one pact (with its sub-pacts)."""
    now = _round_updates(round)
    pacts = _pact_sections(actions, now)
    counts = [_count(where, (_row_mark(a, now) for a in actions))]
    lines = [section for pact in pacts for section in pact.lines]
    region_ids = region.descendant_ids() if region else set()
    is_landsdeel = region is not None and region.kind == RegionKind.LANDSDEEL
    return Report(
        kind=kind,
        title=title,
        subtitle=f"{round.pact.name} – {round.name}",
        introduction=(
            f"Deze rapportage geeft de stand van zaken van {where} op de peildatum "
            f"{dutch_date(round.peildatum)}: de acties met hun trekker, deadline, status en "
            "toelichting; de operationele doelen waarvan de deadline is verstreken; de "
            "initiatieven in de regio en de indicatoren."
        ),
        round=round_info(round),
        summary=summary(round, actions, now, lines, counts),
        legend=legend(),
        profiles=[landsdeel_profile(region, round)] if is_landsdeel and region else [],
        pacts=pacts,
        overdue=_overdue(round, actions, now),
        initiatives=_initiatives(region_ids),
        indicators=_indicators(region_ids),
        verdicts=_verdicts(region) if is_landsdeel else [],
    )


def landsdeel(round: ReportingRound, region: Region) -> Report:
    name = _landsdeel_name(region)
    actions = _actions(Action.objects.in_region(region))
    return _area_report(round, ReportKind.LANDSDEEL, f"Rapportage {name}", name, actions, region)


def pact_report(round: ReportingRound, pact: Pact) -> Report:
    """One pact and the pacts below it (a landsdeel's subregional pacts)."""
    ids = {pact.pk, *pact.children.values_list("pk", flat=True)}
    actions = _actions(Action.objects.filter(pact_id__in=ids))
    return _area_report(
        round, ReportKind.PACT, f"Rapportage {pact.name}", pact.name, actions, pact.region
    )


def build(
    kind: str, round: ReportingRound, region: Region | None = None, pact: Pact | None = None
) -> Report:
    kind = ReportKind(kind)
    if kind == ReportKind.BIJLAGE1:
        return bijlage1(round)
    if kind == ReportKind.BIJLAGE2:
        return bijlage2(round)
    if kind == ReportKind.PACT:
        if pact is None:
            raise ReportInputError("een rapportage per pact vraagt een pact")
        return pact_report(round, pact)
    if region is None:
        raise ReportInputError("een rapportage per landsdeel vraagt een landsdeel")
    return landsdeel(round, region)
