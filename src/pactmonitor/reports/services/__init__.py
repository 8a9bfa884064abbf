"""Gather what a report shows from the database, into the plain objects of ``documents.py``.

This package is the one place that reads the models for a report, one module per part of it:
``lookup`` (the round, pact or landsdeel asked for), ``statuses`` (the colour code and a
round's updates), ``actions`` (a row per action, by action line and by pact), ``summary``
(counts and what changed), ``profiles`` (a landsdeel's profile), ``overdue``, ``initiatives``
and ``indicators``. Here the parts are put together into Bijlage 1, Bijlage 2 and the reports
per landsdeel and per pact.

It reads a round's updates in a fixed number of queries (not one per action), so a pact twenty
times larger costs about twenty times as much, not more. Everything is ordered explicitly, so
the same round always gives the same document. Nothing here writes.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils import timezone

from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress.choices import RoundState
from pactmonitor.progress.models import ReportingRound, StatusUpdate
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

from ..choices import ReportKind
from ..documents import Report, RoundInfo
from ..formatting import dutch_date
from .actions import action_row, actions_of, by_action_line, pact_sections
from .indicators import indicator_sections, indicator_verdicts
from .initiatives import initiative_rows
from .lookup import ReportInputError, find_landsdeel, find_pact, find_round
from .overdue import overdue_goals
from .profiles import landsdeel_name, landsdeel_profile
from .statuses import legend, round_updates, row_mark, status_count
from .summary import landsdeel_counts, summary

__all__ = [
    "ReportInputError",
    "bijlage1",
    "bijlage2",
    "build",
    "find_landsdeel",
    "find_pact",
    "find_round",
    "landsdeel",
    "pact_report",
]


def _corrected_after_publication(round: ReportingRound) -> datetime.date | None:
    """The date of the latest correction made after the round was published, if any."""
    if round.published_at is None:
        return None
    latest = (
        StatusUpdate.objects.public()
        .filter(round=round, version__gt=1, updated_at__gt=round.published_at)
        .aggregate(latest=Max("updated_at"))["latest"]
    )
    return timezone.localdate(latest) if latest else None


def round_info(round: ReportingRound, preview: bool = False) -> RoundInfo:
    published = round.state == RoundState.PUBLISHED
    return RoundInfo(
        slug=round.slug,
        name=round.name,
        pact=round.pact.name,
        peildatum=round.peildatum,
        peildatum_text=dutch_date(round.peildatum),
        is_published=published,
        author=round.pact.secretariat or round.pact.name,
        published_date=(
            timezone.localdate(round.published_at) if published and round.published_at else None
        ),
        updated_date=_corrected_after_publication(round) if published else None,
        includes_unapproved=preview and round.state != RoundState.PUBLISHED,
    )


def bijlage1(round: ReportingRound, preview: bool = False) -> Report:
    now = round_updates(round, include_unapproved=preview)
    actions = actions_of(Action.objects.filter(pact=round.pact))
    lines = by_action_line((a, action_row(a, now.get(a.id, []))) for a in actions)
    by_landsdeel, _reporting = landsdeel_counts(round, now)
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
        round=round_info(round, preview),
        summary=summary(round, actions, now, lines, by_landsdeel),
        legend=legend(),
        lines=lines,
        verdicts=indicator_verdicts(None),
    )


def bijlage2(round: ReportingRound, preview: bool = False) -> Report:
    now = round_updates(round, include_unapproved=preview)
    actions = actions_of(Action.objects.filter(pact=round.pact))
    landsdelen = list(Region.objects.landsdelen().prefetch_related("children").order_by("name"))
    names = ", ".join(r.name.removeprefix("Landsdeel ") for r in landsdelen)
    lines = by_action_line((a, action_row(a, now.get(a.id, []))) for a in actions)
    by_landsdeel, reporting = landsdeel_counts(round, now)
    summarised = summary(round, actions, now, lines, by_landsdeel)
    summarised.reporting_by_landsdeel = reporting
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
        round=round_info(round, preview),
        summary=summarised,
        legend=legend(),
        profiles=[landsdeel_profile(region, round) for region in landsdelen],
    )


def _area_report(
    round: ReportingRound,
    kind: ReportKind,
    title: str,
    where: str,
    actions: list[Action],
    region: Region | None,
    preview: bool = False,
) -> Report:
    """A report on a part of the work: a landsdeel's pacts, or one pact (with its sub-pacts)."""
    now = round_updates(round, include_unapproved=preview)
    pacts = pact_sections(actions, now)
    counts = [status_count(where, (row_mark(a, now) for a in actions))]
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
        round=round_info(round, preview),
        summary=summary(round, actions, now, lines, counts),
        legend=legend(),
        profiles=[landsdeel_profile(region, round)] if is_landsdeel and region else [],
        pacts=pacts,
        overdue=overdue_goals(round, actions, now),
        initiatives=initiative_rows(region_ids),
        indicators=indicator_sections(region_ids),
        verdicts=indicator_verdicts(region) if is_landsdeel else [],
    )


def landsdeel(round: ReportingRound, region: Region, preview: bool = False) -> Report:
    name = landsdeel_name(region)
    actions = actions_of(Action.objects.in_region(region))
    title = f"Rapportage {name}"
    return _area_report(round, ReportKind.LANDSDEEL, title, name, actions, region, preview)


def pact_report(round: ReportingRound, pact: Pact, preview: bool = False) -> Report:
    """One pact and the pacts below it (a landsdeel's subregional pacts)."""
    ids = {pact.pk, *pact.children.values_list("pk", flat=True)}
    actions = actions_of(Action.objects.filter(pact_id__in=ids))
    title = f"Rapportage {pact.name}"
    return _area_report(round, ReportKind.PACT, title, pact.name, actions, pact.region, preview)


def build(
    kind: str,
    round: ReportingRound,
    region: Region | None = None,
    pact: Pact | None = None,
    *,
    preview: bool = False,
) -> Report:
    """The report ``kind`` of ``round``; ``preview``: the coordinators' concept of an open
    round, built from the current version of every update (drafts included)."""
    kind = ReportKind(kind)
    if kind == ReportKind.BIJLAGE1:
        return bijlage1(round, preview)
    if kind == ReportKind.BIJLAGE2:
        return bijlage2(round, preview)
    if kind == ReportKind.PACT:
        if pact is None:
            raise ReportInputError("een rapportage per pact vraagt een pact")
        return pact_report(round, pact, preview)
    if region is None:
        raise ReportInputError("een rapportage per landsdeel vraagt een landsdeel")
    return landsdeel(round, region, preview)
