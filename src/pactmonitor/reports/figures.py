"""The charts of a report, declared from its plain objects (see ``pactmonitor.charts``)."""

from __future__ import annotations

from pactmonitor.charts import report_summary

from .documents import Chart, StatusCount, Summary


def _rows(counts: list[StatusCount]) -> list[dict]:
    return [
        {"groep": c.group, "status": m.label, "aantal": n, "volgorde": i}
        for c in counts
        for i, (m, n) in enumerate(c.counts)
    ]


def _in_words(counts: list[StatusCount]) -> str:
    parts = []
    for c in counts:
        said = ", ".join(f"{n} {m.label}" for m, n in c.counts if n)
        parts.append(f"{c.group}: {said or 'geen acties'}")
    return "; ".join(parts) + "."


def status_chart(counts: list[StatusCount], title: str, group_title: str) -> Chart:
    declaration = report_summary.status_counts(_rows(counts), title, group_title)
    return Chart(title, f"{title}. {_in_words(counts)}", declaration)


def summary_charts(summary: Summary) -> list[Chart]:
    found = []
    if summary.by_action_line:
        found.append(status_chart(summary.by_action_line, "Status per actielijn", "actielijn"))
    if len(summary.by_landsdeel) > 1:
        found.append(status_chart(summary.by_landsdeel, "Status per landsdeel", "landsdeel"))
    return found


def indicator_chart(indicator, observations) -> Chart | None:
    """A line per region over the periods; none when there is only one period to show."""
    rows = [
        {"regio": o.region.name, "periode": o.period_text or str(o.year or "?"), "waarde": o.value}
        for o in observations
        if not o.dimensions
    ]
    if len({r["periode"] for r in rows}) < 2:
        return None
    unit = indicator.unit_text or str(indicator.get_unit_display())
    declaration = report_summary.indicator_over_time(rows, indicator.name, unit)
    periods = sorted({r["periode"] for r in rows})
    words = f"{indicator.name} per regio, van {periods[0]} tot {periods[-1]} (de waarden staan in de tabel)."
    return Chart(indicator.name, words, declaration)
