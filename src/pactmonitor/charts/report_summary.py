"""Chart declarations of the progress report: status counts per group, an indicator over time.

Declared once with Altair (Vega-Lite) and rendered without a browser by vl-convert: SVG for
the HTML and PDF reports, PNG for Word. The colours are the report's own colour code (geel,
blauw, rood) plus grey for "onbekend"; every bar also carries its number and the legend its
word, so nothing is said by colour alone.
"""

from __future__ import annotations

import altair as alt
import vl_convert

# Order, words and colours of the colour code; text colour chosen for contrast on each fill.
STATUS_SCALE = [
    ("afgerond", "#F5C400", "#1A1A1A"),
    ("op schema", "#1F5FA8", "#FFFFFF"),
    ("vertraagd", "#C0392B", "#FFFFFF"),
    ("onbekend", "#B8BEC4", "#1A1A1A"),
]
FONT = "DejaVu Sans"


def status_counts(rows: list[dict], title: str, group_title: str) -> alt.LayerChart:
    """A horizontal stacked bar per group; rows are {"groep", "status", "aantal", "volgorde"}."""
    labels = [label for label, _, _ in STATUS_SCALE]
    base = alt.Chart(alt.Data(values=rows), title=title).encode(
        y=alt.Y("groep:N", title=group_title, sort=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(
            "sum(aantal):Q", title="aantal acties", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")
        ),
        order=alt.Order("volgorde:Q"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "status:N",
            title="status",
            scale=alt.Scale(domain=labels, range=[fill for _, fill, _ in STATUS_SCALE]),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=["groep:N", "status:N", "aantal:Q"],
    )
    numbers = base.mark_text(dx=-4, align="right", fontSize=11).encode(
        text=alt.Text("sum(aantal):Q"),
        detail="status:N",
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=labels, range=[ink for _, _, ink in STATUS_SCALE]),
            legend=None,
        ),
    ).transform_filter("datum.aantal > 0")
    return (
        alt.layer(bars, numbers)
        .resolve_scale(color="independent")
        .properties(width=420, height=alt.Step(26))
        .configure(font=FONT)
    )


def indicator_over_time(rows: list[dict], title: str, unit: str) -> alt.Chart:
    """Values per period, one line (with points) per region; rows are {"regio", "periode", "waarde"}."""
    return (
        alt.Chart(alt.Data(values=rows), title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("periode:O", title="periode", sort=None),
            y=alt.Y("waarde:Q", title=unit),
            color=alt.Color("regio:N", title="regio", legend=alt.Legend(orient="bottom")),
            tooltip=["regio:N", "periode:O", "waarde:Q"],
        )
        .properties(width=420, height=180)
        .configure(font=FONT)
    )


def to_svg(chart: alt.TopLevelMixin) -> str:
    return vl_convert.vegalite_to_svg(chart.to_dict())


def to_png(chart: alt.TopLevelMixin, scale: float = 2) -> bytes:
    return vl_convert.vegalite_to_png(chart.to_dict(), scale=scale)
