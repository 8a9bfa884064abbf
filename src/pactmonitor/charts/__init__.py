"""Charts declared once, for the web pages, the PDF and the DOCX alike.

Each chart comes as a pair: a function that returns an Altair chart (render it with
``to_svg``) and a ``*_table`` function that returns a ``ChartTable`` — the same numbers as a
table plus a one-paragraph text alternative — so no reader depends on seeing the picture.

    from pactmonitor import charts
    svg = charts.to_svg(charts.status_per_action_line(round))   # the reports' fixed width
    svgs = charts.for_screens(lambda **kw: charts.status_per_action_line(round, **kw))  # web
    table = charts.status_per_action_line_table(round)   # .summary, .columns, .rows

Only what is public goes in: published rounds and their current published updates.
"""

from .data import ActionStatus, round_statuses
from .indicators import indicator_chart, indicator_table, landsdelen_table
from .render import PHONE_WIDTH, ScreenSvgs, for_screens, to_png, to_svg
from .status import (
    STATUS_COLOURS,
    status_across_rounds,
    status_across_rounds_table,
    status_per_action_line,
    status_per_action_line_table,
)
from .table import ChartTable

__all__ = [
    "PHONE_WIDTH",
    "STATUS_COLOURS",
    "ActionStatus",
    "ChartTable",
    "ScreenSvgs",
    "for_screens",
    "indicator_chart",
    "indicator_table",
    "landsdelen_table",
    "round_statuses",
    "status_across_rounds",
    "status_across_rounds_table",
    "status_per_action_line",
    "status_per_action_line_table",
    "to_png",
    "to_svg",
]
