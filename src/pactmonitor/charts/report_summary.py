"""Chart declarations the progress report adds to the web's: status counts per any group.

Declared once with Altair (Vega-Lite) and rendered by ``render.py`` like every chart: SVG for
the HTML and PDF reports, PNG for Word. The colours are the report's own colour code (geel,
blauw, rood) plus grey for "onbekend", as in ``status.py``; every bar also carries its number
and the legend its word, so nothing is said by colour alone.
"""

from __future__ import annotations

import altair as alt

from .status import FONT, counted_segments, status_bars

WIDTH = 420


def status_counts(rows: list[dict], title: str) -> alt.LayerChart:
    """A horizontal stacked bar per group; rows are {"groep", "status", "aantal"}, in order.

    The bars of ``status.status_per_action_line`` (``status_bars``) for groups the web does not
    chart (the landsdelen, the action lines of a landsdeel's own pacts), from counts already
    made.
    """
    values, groups = counted_segments(rows, WIDTH, 11)
    legend = alt.Legend(orient="bottom")
    return (
        status_bars(values, groups, font_size=11, legend=legend)
        .properties(title=title, width=WIDTH, height=alt.Step(26))
        .configure(font=FONT)
    )
