"""An indicator in one region: the observed series per source, the target and the projection.

One declaration for the web page, the PDF and the DOCX. The imported series (DUO, rolled up
to the region) are solid lines with filled dots, one per education level; figures the seed
documents give are hollow squares on a dotted line, named with their own region, so the two
sources are never read as one series. A target is a diamond; the projection (the trend of the
last five years, see ``indicators.verdict``) is a dashed line from the latest figure to the
target year. Values without a year cannot be placed on the time axis: they are in the table
only, and the summary says how many.
"""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from pactmonitor.indicators.models import Indicator, Target
from pactmonitor.indicators.series import IndicatorFigures, LevelSeries, SeedSeries
from pactmonitor.indicators.verdict import in_words, number
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

from .table import ChartTable

FONT = "DejaVu Sans, Verdana, sans-serif"


def _figures(indicator: Indicator | IndicatorFigures) -> IndicatorFigures:
    return (
        indicator if isinstance(indicator, IndicatorFigures) else IndicatorFigures.load(indicator)
    )


def _place(figures: IndicatorFigures, region: Region | None) -> Region | None:
    return region or figures.national


def _duo_name(series: LevelSeries) -> str:
    publisher = _("DUO")
    return f"{publisher}, {series.level_label}" if series.level else str(publisher)


def _seed_name(seed: SeedSeries) -> str:
    parts = [_("document"), seed.region_name]
    if seed.level:
        parts.append(seed.level_label)
    return ", ".join(parts)


def _value(figures: IndicatorFigures, value: float) -> str:
    unit = figures.indicator.unit
    text = number(value, 0 if float(value).is_integer() else 1)
    return f"{text}%" if unit == "percent" else text


def _seeds(figures: IndicatorFigures, region: Region | None) -> list[SeedSeries]:
    # Without a region chosen every seed figure is shown, each under its own region's name.
    return figures.seed_series(region)


def indicator_table(
    indicator: Indicator | IndicatorFigures, region: Region | None = None
) -> ChartTable:
    """The chart's numbers as rows, and its text alternative."""
    figures = _figures(indicator)
    place = _place(figures, region)
    duo = figures.series(place) if place else []
    place_name = place.name if place else ""
    columns = [_("bron"), _("reeks"), _("jaar"), _("waarde"), _("aantallen"), _("toelichting")]
    rows: list[list[object]] = []
    for series in duo:
        for p in series.points:
            rows.append(
                [
                    _("DUO"),
                    f"{place_name}, {series.level_label}".rstrip(", "),
                    p.year,
                    _value(figures, p.value),
                    series.counts_text(p),
                    _("optelling van de gemeenten (Σ teller / Σ noemer)")
                    if series.is_share
                    else _("optelling van de gemeenten"),
                ]
            )
    for seed in _seeds(figures, region):
        for p in seed.points:
            rows.append(
                [_("document"), _seed_name(seed), p.year, _value(figures, p.value), "", seed.source]
            )
    undated = [
        o
        for o in figures.all_observations
        if o.year is None and (region is None or o.region_id == region.pk)
    ]
    for o in undated:
        rows.append(
            [
                _("document"),
                o.region.name if o.region else _("regio niet genoemd"),
                o.period_text or _("niet genoemd"),
                _value(figures, o.value),
                "",
                o.provenance or o.note,
            ]
        )
    for target in _targets(figures, region):
        rows.append(
            [
                _("streefwaarde"),
                _target_name(target),
                target.year or target.period_text or _("niet genoemd"),
                _value(figures, target.value),
                "",
                target.provenance or target.note,
            ]
        )
    return ChartTable(
        figures.indicator.name, _summary(figures, place, region, duo, len(undated)), columns, rows
    )


def _targets(figures: IndicatorFigures, region: Region | None) -> list:
    """Every target without a region chosen; else the region's own and the national ones."""
    found = [
        t
        for t in figures.targets
        if region is None
        or t.region_id in (None, region.pk)
        or (t.region is not None and t.region.kind == RegionKind.LAND)
    ]
    return sorted(found, key=lambda t: (t.year or 0, t.pk))


def _target_name(target: Target) -> str:
    parts = [target.region.name if target.region else _("landelijk (regio niet genoemd)")]
    if target.education_level:
        parts.append(str(target.get_education_level_display()))
    return ", ".join(parts)


def _summary(
    figures: IndicatorFigures,
    place: Region | None,
    region: Region | None,
    duo: list[LevelSeries],
    undated: int,
) -> str:
    parts = [figures.indicator.name + (f", {place.name}" if place else "") + "."]
    for series in duo:
        latest = series.latest
        if latest is None:  # a series without points says nothing
            continue
        counts = series.counts_text(latest)
        parts.append(
            _("%(series)s: %(value)s in %(year)s%(counts)s.")
            % {
                "series": _duo_name(series),
                "value": _value(figures, latest.value),
                "year": latest.year,
                "counts": f" ({counts})" if counts else "",
            }
        )
        parts.append(in_words(series.verdict, series.is_share))
    if not duo:
        parts.append(_("Geen geïmporteerde cijfers voor deze regio."))
    seeds = sum(len(s.points) for s in figures.seed_series(region))
    if seeds:
        parts.append(
            _("%(n)d cijfers uit de documenten staan er apart bij, elk met hun eigen regio.")
            % {"n": seeds}
        )
    if undated:
        parts.append(_("%(n)d waarden zonder jaar staan alleen in de tabel.") % {"n": undated})
    return " ".join(parts)


def indicator_chart(
    indicator: Indicator | IndicatorFigures, region: Region | None = None
) -> alt.LayerChart:
    """Imported series solid, seed figures hollow squares, targets diamonds, projection dashed."""
    figures = _figures(indicator)
    place = _place(figures, region)
    duo = figures.series(place) if place else []
    observed = [
        {"reeks": _duo_name(s), "jaar": p.year, "waarde": p.value, "aantallen": s.counts_text(p)}
        for s in duo
        for p in s.points
    ]
    seeds = [
        {"reeks": _seed_name(s), "jaar": p.year, "waarde": p.value}
        for s in _seeds(figures, region)
        for p in s.points
    ]
    projection = [
        {"reeks": _duo_name(s), "jaar": p.year, "waarde": p.value}
        for s in duo
        for p in s.projection_points
    ]
    goals = [
        {
            "reeks": _duo_name(s),
            "jaar": s.verdict.target.year,
            "waarde": s.verdict.target.value,
            "soort": s.verdict.target.label,
        }
        for s in duo
        if s.verdict.target is not None
    ]
    table = indicator_table(figures, region)
    unit = figures.indicator.unit_text or str(figures.indicator.get_unit_display())
    # A true time axis: 2014 and 2020 are spaced by their distance in years.
    x = alt.X(
        "jaar:Q",
        title=_("jaar"),
        scale=alt.Scale(zero=False, nice=False, padding=20),
        axis=alt.Axis(format="d", tickMinStep=1, labelAngle=0),
    )
    y = alt.Y("waarde:Q", title=unit, scale=alt.Scale(zero=False))
    colour = alt.Color(
        "reeks:N", title=_("reeks"), legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)
    )
    layers = []
    if observed:
        layers.append(
            alt.Chart(alt.Data(values=observed), name="waarnemingen")
            .mark_line(point=alt.OverlayMarkDef(size=60, filled=True))
            .encode(
                x=x, y=y, color=colour, tooltip=["reeks:N", "jaar:Q", "waarde:Q", "aantallen:N"]
            )
        )
    if seeds:
        layers.append(
            alt.Chart(alt.Data(values=seeds), name="documenten")
            .mark_line(
                strokeDash=[2, 3],
                point=alt.OverlayMarkDef(shape="square", size=70, filled=False, strokeWidth=2),
            )
            .encode(x=x, y=y, color=colour, tooltip=["reeks:N", "jaar:Q", "waarde:Q"])
        )
    if projection:
        layers.append(
            alt.Chart(alt.Data(values=projection), name="projectie")
            .mark_line(strokeDash=[6, 4])
            .encode(x=x, y=y, color=colour, detail="reeks:N")
        )
    if goals:
        layers.append(
            alt.Chart(alt.Data(values=goals), name="streefwaarden")
            .mark_point(shape="diamond", size=140, filled=False, strokeWidth=2)
            .encode(x=x, y=y, color=colour, tooltip=["reeks:N", "jaar:Q", "waarde:Q", "soort:N"])
        )
    if not layers:
        layers = [
            alt.Chart(alt.Data(values=[{"jaar": 0, "waarde": 0}]))
            .mark_text(text=_("geen waarden met een jaar"))
            .encode(x=x)
        ]
    title = figures.indicator.name + (f" – {place.name}" if place else "")
    return (
        alt.layer(*layers)
        .properties(width=480, height=260, title=title, description=table.summary)
        .configure(font=FONT)
    )


def landsdelen_table(indicator: Indicator | IndicatorFigures) -> ChartTable:
    """The landsdelen side by side: per landsdeel and level the latest figure and verdict."""
    figures = _figures(indicator)
    columns = [_("landsdeel"), _("niveau"), _("jaar"), _("waarde"), _("aantallen"), _("oordeel")]
    rows = []
    for landsdeel, all_series in figures.landsdelen():
        for series in all_series:
            latest = series.latest
            if latest is None:  # a series without points says nothing
                continue
            rows.append(
                [
                    landsdeel.name,
                    series.level_label,
                    latest.year,
                    _value(figures, latest.value),
                    series.counts_text(latest),
                    in_words(series.verdict, series.is_share),
                ]
            )
    summary = _("%(name)s per landsdeel: het laatste cijfer en het oordeel per niveau.") % {
        "name": figures.indicator.name
    }
    return ChartTable(figures.indicator.name, summary, columns, rows)
