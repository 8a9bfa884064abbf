"""Chart declarations the progress report adds to the web's: status counts per any group.

Declared once with Altair (Vega-Lite) and rendered by ``render.py`` like every chart: SVG for
the HTML and PDF reports, PNG for Word. The colours are the report's own colour code (geel,
blauw, rood) plus grey for "onbekend", as in ``status.py``; every bar also carries its number
and the legend its word, so nothing is said by colour alone.
"""

from __future__ import annotations

import altair as alt

from pactmonitor.progress.choices import Status

from .status import FONT, STATUS_COLOURS, segment_label

WIDTH = 420

# Order, words and colours of the colour code (the web's colours); text colour for contrast.
STATUS_SCALE = [
    (str(Status.AFGEROND.label), STATUS_COLOURS[Status.AFGEROND], "#000000"),
    (str(Status.OP_SCHEMA.label), STATUS_COLOURS[Status.OP_SCHEMA], "#FFFFFF"),
    (str(Status.VERTRAAGD.label), STATUS_COLOURS[Status.VERTRAAGD], "#FFFFFF"),
    (str(Status.ONBEKEND.label), STATUS_COLOURS[Status.ONBEKEND], "#000000"),
]


def status_counts(rows: list[dict], title: str) -> alt.LayerChart:
    """A horizontal stacked bar per group; rows are {"groep", "status", "aantal", "volgorde"}.

    Like ``status.status_per_action_line`` but for groups the web does not chart (the
    landsdelen, the action lines of a landsdeel's own pacts), from counts already made.
    """
    labels = [label for label, _, _ in STATUS_SCALE]
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["groep"]] = totals.get(row["groep"], 0) + row["aantal"]
    most = max(totals.values(), default=0) or 1
    # Whole actions only: no 0,5 on the axis of a small count.
    ticks = alt.Axis(values=list(range(most + 1))) if most <= 10 else alt.Axis(format="d")
    rows = [row | {"label": segment_label(row["aantal"], most, WIDTH)} for row in rows]
    base = alt.Chart(alt.Data(values=rows), title=title).encode(
        y=alt.Y("groep:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(
            "sum(aantal):Q",
            title="aantal acties",
            stack="zero",
            axis=ticks,
            scale=alt.Scale(domain=[0, most]),
        ),
        order=alt.Order("volgorde:Q"),
    )
    bars = base.mark_bar(stroke="#000000", strokeWidth=0.5).encode(
        color=alt.Color(
            "status:N",
            title="status",
            scale=alt.Scale(domain=labels, range=[fill for _, fill, _ in STATUS_SCALE]),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=["groep:N", "status:N", "aantal:Q"],
    )
    numbers = (
        base.mark_text(dx=-4, align="right", fontSize=11)
        .encode(
            text=alt.Text("label:N"),
            detail="status:N",
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=labels, range=[ink for _, _, ink in STATUS_SCALE]),
                legend=None,
            ),
        )
        .transform_filter("datum.label != ''")
    )
    return (
        alt.layer(bars, numbers)
        .resolve_scale(color="independent")
        .properties(width=WIDTH, height=alt.Step(26))
        .configure(font=FONT)
    )
