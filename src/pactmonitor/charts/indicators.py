"""An indicator in one region: the observed series per source, the target and the projection.

One declaration for the web page, the PDF and the DOCX. The imported series (DUO, rolled up
to the region) are solid lines with filled dots, one per education level; figures the seed
documents give are hollow squares on a dotted line, named with their own region, so the two
sources are never read as one series. A target is a diamond; the projection (the trend of the
last five years, see ``indicators.verdict``) is a dashed line from the latest figure to the
target year. Values without a year cannot be placed on the time axis: they are in the table
only, and the summary says how many. A range the source gives ("4 – 5") is a vertical bar
between its ends, a bound ("minder dan 20%", "ruim 1400") a triangle pointing the way the
value lies from it: never a point, as the source gives no exact value.

One scope per chart: the chart and table of a region hold only that region's own seed figures
and targets (Nederland's: the national ones), never another region's figure beside the
national target; a region's figures are on that region's page, and the summary names them.
"""

from __future__ import annotations

import math

import altair as alt
from django.utils.translation import gettext as _

from pactmonitor.indicators.models import Indicator, Target
from pactmonitor.indicators.series import IndicatorFigures, LevelSeries, SeedSeries
from pactmonitor.indicators.verdict import in_words, number
from pactmonitor.regions.models import Region

from .render import fit_x, wrapped
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


def _bounds(figures: IndicatorFigures, region: Region | None) -> list[tuple[str, str, list]]:
    """Seed ranges as bars (both ends) and bounds as triangles (one end), never as points."""
    found: dict[str, list] = {"bandbreedtes": [], "ondergrenzen": [], "bovengrenzen": []}
    for o in figures.ranges:
        if region is not None and o.region_id != region.pk:
            continue
        name = ", ".join(
            [_("document"), o.region.name if o.region else _("regio niet genoemd")]
            + ([str(o.get_education_level_display())] if o.education_level else [])
        )
        row = {"reeks": name, "jaar": o.year, "bron": o.figure_text(figures.indicator.unit)}
        if o.lower is not None and o.upper is not None:
            found["bandbreedtes"].append(row | {"waarde": o.lower, "tot": o.upper})
        elif o.lower is not None:
            found["ondergrenzen"].append(row | {"waarde": o.lower})
        else:
            found["bovengrenzen"].append(row | {"waarde": o.upper})
    return [
        ("bandbreedtes", "", found["bandbreedtes"]),
        ("ondergrenzen", "triangle-up", found["ondergrenzen"]),
        ("bovengrenzen", "triangle-down", found["bovengrenzen"]),
    ]


def _bound_layer(
    name: str, shape: str, rows: list, x: alt.X, y: alt.Y, colour: alt.Color
) -> alt.Chart:
    chart = alt.Chart(alt.Data(values=rows), name=name)
    tooltip = ["reeks:N", "jaar:Q", "bron:N"]
    if not shape:
        return chart.mark_rule(strokeWidth=3).encode(
            x=x, y=y, y2="tot:Q", color=colour, tooltip=tooltip
        )
    return chart.mark_point(shape=shape, size=90, filled=False, strokeWidth=2).encode(
        x=x, y=y, color=colour, tooltip=tooltip
    )


def _seeds(figures: IndicatorFigures, region: Region | None) -> list[SeedSeries]:
    """The chosen region's own seed figures; without a choice Nederland's and, labelled,
    those whose source names no region."""
    return figures.seed_series(_place(figures, region), unnamed=region is None)


def _seed_note(seed: SeedSeries) -> str:
    return " ".join(filter(None, [seed.caveat, seed.source]))


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
                [
                    _("document"),
                    _seed_name(seed),
                    p.year,
                    _value(figures, p.value),
                    "",
                    _seed_note(seed),
                ]
            )
    undated = [
        o
        for o in figures.all_observations
        if o.year is None and figures.in_scope(o.region_id, place, unnamed=region is None)
    ]
    ranges = [o for o in figures.ranges if region is None or o.region_id == region.pk]
    for o in [*ranges, *undated]:
        rows.append(
            [
                _("document"),
                o.region.name if o.region else _("regio niet genoemd"),
                o.when_text,
                o.figure_text(figures.indicator.unit),
                "",
                " ".join(filter(None, [o.note, o.provenance])),
            ]
        )
    for target in _targets(figures, place, duo):
        rows.append(
            [
                _("streefwaarde"),
                _target_name(target),
                target.year or target.period_text or _("niet genoemd"),
                target.figure_text(figures.indicator.unit),
                "",
                target.provenance or target.note,
            ]
        )
    return ChartTable(
        figures.indicator.name, _summary(figures, place, region, duo, len(undated)), columns, rows
    )


def _targets(
    figures: IndicatorFigures, place: Region | None, duo: list[LevelSeries]
) -> list[Target]:
    """The targets of the place's own scope, and those its imported series are judged
    against (a region without its own target: the national one, named as such)."""
    chosen = {s.verdict.target.target_id for s in duo if s.verdict.target is not None}
    found = [t for t in figures.targets if figures.in_scope(t.region_id, place) or t.pk in chosen]
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
    seeds = sum(len(s.points) for s in _seeds(figures, region))
    if seeds:
        parts.append(
            _("%(n)d cijfers uit de documenten staan er apart bij, elk met hun eigen regio.")
            % {"n": seeds}
        )
    if undated:
        parts.append(_("%(n)d waarden zonder jaar staan alleen in de tabel.") % {"n": undated})
    elsewhere = figures.elsewhere(place)
    if elsewhere:
        parts.append(
            _(
                "Cijfers en streefwaarden uit de documenten voor %(regions)s meten die regio, "
                "niet %(place)s: ze staan bij die regio, niet in deze grafiek."
            )
            % {
                "regions": ", ".join(r.name for r in elsewhere),
                "place": place.name if place else _("het land"),
            }
        )
    return " ".join(parts)


def _year_ticks(years: list[int], width: int | None) -> list[int]:
    """Every year once ("2012 2013", never "2012 2013 2013"), fewer on a phone's chart, counted
    back from the last (the target's) year so that one is always labelled."""
    if not years:
        return []
    first, last = min(years), max(years)
    step = max(1, math.ceil((last - first) / (10 if width is None else 4)))
    return list(range(last, first - 1, -step))[::-1]


def indicator_chart(
    indicator: Indicator | IndicatorFigures,
    region: Region | None = None,
    *,
    width: int | None = None,
) -> alt.LayerChart:
    """Imported series solid, seed figures hollow squares, targets diamonds, projection dashed.

    ``width``: the drawing's total width for a narrow screen; without it the chart has the
    reports' fixed layout."""
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
    bounds = _bounds(figures, region)
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
    years = [
        int(row["jaar"])
        for rows in (observed, seeds, projection, goals, *(r for _n, _s, r in bounds))
        for row in rows
        if row.get("jaar") is not None
    ]
    table = indicator_table(figures, region)
    unit = figures.indicator.unit_text or str(figures.indicator.get_unit_display())
    # A true time axis: 2014 and 2020 are spaced by their distance in years.
    x = alt.X(
        "jaar:Q",
        title=_("jaar"),
        scale=alt.Scale(zero=False, nice=False, padding=20),
        axis=alt.Axis(format="d", labelAngle=0, values=_year_ticks(years, width) or alt.Undefined),
    )
    y = alt.Y("waarde:Q", title=unit, scale=alt.Scale(zero=False))
    colour = alt.Color(
        "reeks:N",
        title=_("reeks"),
        legend=alt.Legend(
            orient="bottom", columns=1, labelLimit=400 if width is None else width - 30
        ),
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
    for name, shape, rows in bounds:
        if rows:
            layers.append(_bound_layer(name, shape, rows, x, y, colour))
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
    chart = alt.layer(*layers).properties(height=260, description=table.summary)
    if width is None:
        chart = chart.properties(width=480, title=title)
    else:
        chart = chart.properties(width=width, autosize=fit_x(), title=wrapped(title, width))
        # A phone's drawing is seen at about its own size: letters no smaller than 11 px.
        return (
            chart.configure(font=FONT)
            .configure_axis(labelFontSize=11, titleFontSize=12)
            .configure_legend(labelFontSize=12, titleFontSize=12)
        )
    return chart.configure(font=FONT)


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
