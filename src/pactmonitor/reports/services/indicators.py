"""The indicators of a report: the seed figures of its regions, and the verdicts on the
imported figures (trend, target, op koers or not)."""

from __future__ import annotations

from collections import defaultdict
from typing import cast

from django.db.models import Prefetch
from django.utils import translation

from pactmonitor.indicators.models import ImportBatch, Indicator, Observation, Target
from pactmonitor.indicators.rollup import indicators_with_figures
from pactmonitor.indicators.series import IndicatorFigures
from pactmonitor.regions.models import Region

from .. import figures
from ..documents import IndicatorSection, IndicatorVerdicts, LevelVerdict
from ..formatting import dutch_date, plain


def indicator_sections(region_ids: set[int]) -> list[IndicatorSection]:
    # A report is Dutch whatever language the request or command runs in.
    with translation.override("nl"):
        return _indicator_sections(region_ids)


def _indicator_sections(region_ids: set[int]) -> list[IndicatorSection]:
    observations = (
        Observation.objects.filter(region_id__in=region_ids)
        .select_related("region", "provenance_document")
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
                    o.when_text + (f" ({o.dimensions_text})" if o.dimensions else ""),
                    o.figure_text(indicator.unit)
                    + ("" if o.comparable else f" (niet vergelijkbaar: {o.comparability_note})"),
                    o.provenance_cited,
                )
                for o in rows
            ],
            targets=[
                f"{t.figure_text(indicator.unit)} in "
                f"{t.year or t.period_text or 'onbekend jaar'}"
                + (f" ({t.region.name})" if t.region else "")
                for t in sorted(indicator.targets.all(), key=lambda t: (t.year or 0, t.id))
                # One scope: the targets of this report's regions, never the national one
                # beside a region's figure.
                if t.region_id in region_ids
            ],
        )
        # A chart shows a course over time: only for a region measured in two years or more.
        years: dict[Region, set[int]] = defaultdict(set)
        for o in rows:
            if o.year is not None and o.is_point:
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


def indicator_verdicts(region: Region | None) -> list[IndicatorVerdicts]:
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
