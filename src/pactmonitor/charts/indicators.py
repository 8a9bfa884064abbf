"""An indicator's observations against its target, with the trajectory to the target.

A series is one combination of region, education level and further breakdown. The trajectory
is the straight line from a series' latest observation to its target (same region, level and
breakdown). Values without a year cannot be placed on the time axis: they are in the table
only, and the summary says how many.
"""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from pactmonitor.indicators.choices import EducationLevel
from pactmonitor.indicators.models import Indicator, Observation, Target
from pactmonitor.regions.models import Region

from .table import ChartTable

FONT = "DejaVu Sans, Verdana, sans-serif"


def _series(m) -> str:
    parts = [m.region.name if m.region_id else _("regio niet genoemd")]
    if m.education_level:
        parts.append(str(EducationLevel(m.education_level).label))
    if m.dimensions:
        parts.append(m.dimensions_text)
    return ", ".join(parts)


def _measurements(indicator: Indicator, region: Region | None):
    observations = Observation.objects.filter(indicator=indicator).select_related("region")
    targets = Target.objects.filter(indicator=indicator).select_related("region")
    if region is not None:
        observations, targets = observations.filter(region=region), targets.filter(region=region)
    return list(observations.order_by("year", "id")), list(targets.order_by("year", "id"))


def _value(indicator: Indicator, value: float) -> str:
    text = f"{value:g}".replace(".", ",")
    return f"{text}%" if indicator.unit == "percent" else text


def indicator_table(indicator: Indicator, region: Region | None = None) -> ChartTable:
    observations, targets = _measurements(indicator, region)
    columns = [_("soort"), _("reeks"), _("jaar"), _("waarde"), _("bron")]
    rows = [
        [
            _("meting"),
            _series(m),
            m.year or m.period_text or _("niet genoemd"),
            _value(indicator, m.value),
            m.provenance or m.note,
        ]
        for m in observations
    ] + [
        [
            _("streefwaarde"),
            _series(t),
            t.year or t.period_text or _("niet genoemd"),
            _value(indicator, t.value),
            t.provenance or t.note,
        ]
        for t in targets
    ]
    undated = sum(1 for m in observations if m.year is None)
    latest = max((m for m in observations if m.year), key=lambda m: m.year, default=None)
    summary = _("%(name)s: %(n)d metingen en %(t)d streefwaarden.") % {
        "name": indicator.name,
        "n": len(observations),
        "t": len(targets),
    }
    if latest is not None:
        summary += " " + _("Laatste meting: %(value)s in %(year)s (%(series)s).") % {
            "value": _value(indicator, latest.value),
            "year": latest.year,
            "series": _series(latest),
        }
    for t in targets:
        summary += " " + _("Streefwaarde: %(value)s in %(year)s (%(series)s).") % {
            "value": _value(indicator, t.value),
            "year": t.year or _("jaar niet genoemd"),
            "series": _series(t),
        }
    if undated:
        summary += " " + _("%(n)d waarden zonder jaar staan alleen in de tabel.") % {"n": undated}
    return ChartTable(indicator.name, summary, columns, rows)


def _key(m) -> tuple:
    return (m.region_id, m.education_level, m.dimensions_text)


def indicator_chart(indicator: Indicator, region: Region | None = None) -> alt.Chart:
    """Observations as lines with points, targets as diamonds, trajectories dashed."""
    observations, targets = _measurements(indicator, region)
    points = [
        {"series": _series(m), "year": m.year, "value": m.value, "kind": _("meting")}
        for m in observations
        if m.year is not None
    ]
    goal_points = [
        {"series": _series(t), "year": t.year, "value": t.value, "kind": _("streefwaarde")}
        for t in targets
        if t.year is not None
    ]
    trajectory = []
    for t in targets:
        matching = [
            m for m in observations if m.year and _key(m) == _key(t) and m.year < (t.year or 0)
        ]
        if t.year and matching:
            last = max(matching, key=lambda m: m.year)
            for year, value in ((last.year, last.value), (t.year, t.value)):
                trajectory.append({"series": _series(t), "year": year, "value": value})
    table = indicator_table(indicator, region)
    unit = indicator.unit_text or str(indicator.get_unit_display())
    # A true time axis: 2010, 2014 and 2020 are spaced by their distance in years.
    x = alt.X(
        "year:Q",
        title=_("jaar"),
        scale=alt.Scale(zero=False, nice=False, padding=20),
        axis=alt.Axis(format="d", tickMinStep=1, labelAngle=0),
    )
    y = alt.Y("value:Q", title=unit)
    colour = alt.Color(
        "series:N", title=_("reeks"), legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)
    )
    layers = [
        alt.Chart(alt.Data(values=points))
        .mark_line(point=alt.OverlayMarkDef(size=60, filled=True))
        .encode(x=x, y=y, color=colour, tooltip=["series:N", "year:Q", "value:Q"])
    ]
    if trajectory:
        layers.append(
            alt.Chart(alt.Data(values=trajectory))
            .mark_line(strokeDash=[6, 4])
            .encode(x=x, y=y, color=colour, detail="series:N")
        )
    if goal_points:
        layers.append(
            alt.Chart(alt.Data(values=goal_points))
            .mark_point(shape="diamond", size=140, filled=False, strokeWidth=2)
            .encode(x=x, y=y, color=colour, tooltip=["series:N", "year:Q", "value:Q", "kind:N"])
        )
    if not points and not goal_points:
        layers = [
            alt.Chart(alt.Data(values=[{"year": "", "value": 0}]))
            .mark_text(text=_("geen waarden met een jaar"))
            .encode(x=x)
        ]
    return (
        alt.layer(*layers)
        .properties(width=480, height=260, title=indicator.name, description=table.summary)
        .configure(font=FONT)
    )
