"""The charts of a report, from the chart declarations in ``pactmonitor.charts``.

An indicator in a region is drawn with the web's own declaration, so the page and the
document show the same picture; the status counts (per action line, per landsdeel) come from
``charts.report_summary``, which draws counts the report has already made, in the web's
colours.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

import altair as alt

from pactmonitor import charts
from pactmonitor.charts import report_summary
from pactmonitor.indicators.series import IndicatorFigures
from pactmonitor.regions.models import Region

from .documents import Chart, StatusCount, Summary

if TYPE_CHECKING:
    from pactmonitor.indicators.series import IndicatorFigures
    from pactmonitor.regions.models import Region

# An Altair chart of any kind (bars, layers): this module sets its font and hands it on.
Declaration = TypeVar("Declaration", alt.Chart, alt.LayerChart)

# The PDF is laid out with DejaVu Sans (the font on the servers); the charts must be measured
# in the same font, or WeasyPrint draws labels wider than vl-convert left room for.
DOCUMENT_FONT = "DejaVu Sans"


def _for_documents(declaration: Declaration) -> Declaration:
    declaration.config.font = DOCUMENT_FONT
    return declaration


def _rows(counts: list[StatusCount]) -> list[dict]:
    return [{"groep": c.group, "status": m.label, "aantal": n} for c in counts for m, n in c.counts]


def _in_words(counts: list[StatusCount]) -> str:
    parts = []
    for c in counts:
        said = ", ".join(f"{n} {m.label}" for m, n in c.counts if n)
        parts.append(f"{c.group}: {said or 'geen acties'}")
    return "; ".join(parts) + "."


def status_chart(counts: list[StatusCount], title: str) -> Chart:
    declaration = report_summary.status_counts(_rows(counts), title)
    return Chart(title, f"{title}. {_in_words(counts)}", _for_documents(declaration))


def summary_charts(summary: Summary) -> list[Chart]:
    # The web's ``status_per_action_line`` reads the round again (three times); the report
    # has the counts already, so it draws them with the same colours from report_summary.
    found = []
    if summary.by_action_line:
        found.append(status_chart(summary.by_action_line, "Status per actielijn"))
    if len(summary.by_landsdeel) > 1:
        found.append(status_chart(summary.by_landsdeel, "Status per landsdeel"))
    return found


def indicator_charts(figures: IndicatorFigures, regions: Iterable[Region]) -> list[Chart]:
    """The web's indicator chart for each region of the landsdeel that has dated values."""
    found = []
    for region in regions:
        table = charts.indicator_table(figures, region)
        found.append(
            Chart(
                f"{figures.indicator.name} – {region.name}",
                table.summary,
                _for_documents(charts.indicator_chart(figures, region)),
            )
        )
    return found


def verdict_chart(figures: IndicatorFigures, region: Region | None) -> Chart:
    """The web's indicator chart (imported series, documents, target, projection)."""
    table = charts.indicator_table(figures, region)
    declaration = charts.indicator_chart(figures, region)
    return Chart(table.title, table.summary, _for_documents(declaration))
