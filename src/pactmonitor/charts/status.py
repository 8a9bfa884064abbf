"""Status charts: the status of the actions per action line, and across rounds.

The colours follow the progress report's colour code (geel afgerond, blauw op schema, rood
vertraagd) with grey for onbekend. Colour is never the only cue: every chart has its table,
the bars of a round carry their counts where a segment is wide enough (never two numbers that
run together) and the grid of rounds a letter per cell; a status read from the narrative
("afgeleid") is drawn paler with a dashed outline (and in the grid marked with an asterisk).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

import altair as alt
from django.utils.translation import gettext as _

from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress.choices import Basis, Status
from pactmonitor.progress.models import ReportingRound
from pactmonitor.progress.rollup import action_status

from .data import ActionStatus, public_actions, public_updates, round_statuses
from .render import fit_x, whole_ticks, wrapped
from .table import ChartTable

# The colour code, once for charts, the Word report and (by hand, in CSS) the pages: the
# darker blue and red carry white text at WCAG AA contrast.
STATUS_COLOURS = {
    Status.AFGEROND: "#f9e11e",
    Status.OP_SCHEMA: "#01689b",
    Status.VERTRAAGD: "#b0231a",
    Status.ONBEKEND: "#b4b4b4",
}
STATUS_LETTERS = {
    Status.AFGEROND: "A",
    Status.OP_SCHEMA: "S",
    Status.VERTRAAGD: "V",
    Status.ONBEKEND: "?",
}
STATUS_ORDER = list(Status)  # afgerond, op schema, vertraagd, onbekend: the colour code's order
FONT = "DejaVu Sans, Verdana, sans-serif"
CHART_WIDTH = 520
# A phone's chart gives the action lines' names this much room (longer ones end in "…").
LINE_LABEL_LIMIT_NARROW = 130
# Text that stands on each colour at WCAG AA contrast.
STATUS_INK = {
    Status.AFGEROND: "#000000",
    Status.OP_SCHEMA: "#ffffff",
    Status.VERTRAAGD: "#ffffff",
    Status.ONBEKEND: "#000000",
}


def segment_label(count: int, most: int, width: int, font_size: int = 11) -> str:
    """The number to print inside a bar segment, or "" where the segment is too narrow to hold
    it: two numbers side by side would read as one ("4" and "1" as "41"). The numbers always
    stand in the chart's table."""
    room = count / (most or 1) * width
    needed = len(str(count)) * font_size * 0.65 + 8
    return str(count) if count and room >= needed else ""


def _status_scale() -> alt.Scale:
    return alt.Scale(
        domain=[str(s.label) for s in STATUS_ORDER],
        range=[STATUS_COLOURS[s] for s in STATUS_ORDER],
    )


def _basis_label(basis: str) -> str:
    return (
        _("afgeleid")
        if basis == Basis.ASSESSED
        else _("gerapporteerd")
        if basis == Basis.REPORTED
        else _("onbekend")
    )


def _line_name(action: Action) -> str:
    return action.action_line.name if action.action_line else _("zonder actielijn")


def _counts_per_line(
    round: ReportingRound, statuses: list[ActionStatus] | None = None
) -> tuple[list[str], Counter]:
    lines: list[str] = []
    counts: Counter = Counter()
    for item in round_statuses(round) if statuses is None else statuses:
        line = _line_name(item.action)
        if line not in lines:
            lines.append(line)
        counts[(line, item.status.status, item.status.basis == Basis.ASSESSED)] += 1
    return lines, counts


def status_per_action_line_table(
    round: ReportingRound, statuses: list[ActionStatus] | None = None
) -> ChartTable:
    """``statuses``: the round's ``round_statuses`` if already at hand (saves the queries)."""
    lines, counts = _counts_per_line(round, statuses)
    columns = [_("actielijn")] + [str(s.label) for s in STATUS_ORDER] + [_("waarvan afgeleid")]
    rows = []
    for line in lines:
        per_status = [counts[(line, s, False)] + counts[(line, s, True)] for s in STATUS_ORDER]
        assessed = sum(counts[(line, s, True)] for s in STATUS_ORDER)
        rows.append([line, *per_status, assessed])
    total = sum(counts.values())
    unknown = sum(v for (line, s, a), v in counts.items() if s == Status.ONBEKEND)
    summary = _(
        "Status van %(total)d acties per actielijn in %(round)s: %(parts)s. "
        "Van %(unknown)d acties is de status onbekend."
    ) % {
        "total": total,
        "round": round.name,
        "parts": "; ".join(
            f"{row[0]}: " + ", ".join(f"{n} {columns[i + 1]}" for i, n in enumerate(row[1:5]) if n)
            for row in rows
        )
        or _("geen acties"),
        "unknown": unknown,
    }
    return ChartTable(_("Status per actielijn"), summary, columns, rows)


def _line_axis(lines: list[str], width: int | None) -> alt.Axis:
    """The action lines' names: on one line in the reports, wrapped on a phone's chart."""
    if width is None:
        return alt.Axis(labelLimit=220)
    wrap = {line: wrapped(line, LINE_LABEL_LIMIT_NARROW) for line in lines}
    return alt.Axis(
        labelLimit=LINE_LABEL_LIMIT_NARROW, labelExpr=f"{json.dumps(wrap)}[datum.value]"
    )


def status_per_action_line(
    round: ReportingRound, statuses: list[ActionStatus] | None = None, *, width: int | None = None
) -> alt.LayerChart:
    """A stacked bar per action line: how many actions have each status in the round.

    ``width``: the drawing's total width for a narrow screen (shorter line names, legend
    below); without it the chart has the reports' fixed layout."""
    statuses = round_statuses(round) if statuses is None else statuses
    lines, counts = _counts_per_line(round, statuses)
    most = _largest_group((line, n) for (line, _status, _assessed), n in counts.items())
    label_limit = 220 if width is None else LINE_LABEL_LIMIT_NARROW
    # The bars' length for the segment labels: the plot, less the line names and the axis.
    plot_width = CHART_WIDTH if width is None else width - label_limit - 24
    values = [
        _segment(line, Status(status), n, most, plot_width, 13)
        | {
            "basis": _("afgeleid") if assessed else _("gerapporteerd"),
            # A paler (afgeleid) segment carries black, never white on a pale colour.
            "ink": "#000000" if assessed else STATUS_INK[Status(status)],
        }
        for (line, status, assessed), n in sorted(
            counts.items(),
            key=lambda kv: (lines.index(kv[0][0]), STATUS_ORDER.index(kv[0][1]), kv[0][2]),
        )
    ]
    table = status_per_action_line_table(round, statuses)
    chart = status_bars(
        values,
        lines,
        font_size=13,
        with_basis=True,
        y_axis=_line_axis(lines, width),
        ticks=8 if width is None else 4,
    ).properties(height=alt.Step(40), title=table.title, description=table.summary)
    if width is None:
        chart = chart.properties(width=CHART_WIDTH)
    else:
        chart = chart.properties(
            width=width, autosize=fit_x(), title=wrapped(table.title, width, 15)
        )
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=13, titleFontSize=13)
        .configure_title(fontSize=15)
        .configure_legend(
            labelFontSize=13,
            titleFontSize=13,
            **({} if width is None else {"orient": "bottom", "direction": "vertical"}),
        )
    )


def _largest_group(counts: Iterable[tuple[str, int]]) -> int:
    """The largest total of one group (one bar), from (group, count) pairs: the length the
    segment labels and the count axis are measured against."""
    totals = Counter[str]()
    for group, count in counts:
        totals[group] += count
    return max(totals.values(), default=0)


def _segment(group: str, status: Status, count: int, most: int, width: int, size: int) -> dict:
    return {
        "group": group,
        "status": str(status.label),
        "order": STATUS_ORDER.index(status),
        "count": count,
        "label": segment_label(count, most, width, size),
        "ink": STATUS_INK[status],
    }


def status_bars(
    values: list[dict],
    groups: list[str],
    *,
    font_size: int,
    with_basis: bool = False,
    legend: alt.Legend | None = None,
    y_axis: alt.Axis | None = None,
    ticks: int = 8,
) -> alt.LayerChart:
    """The bars of every status chart, declared once: a stacked bar per group, a segment per
    status in the colour code, outlined, with its count in the ink of its colour where the
    segment holds it (the table says every number, so labels never collide).

    ``values``: {"group", "status" (its word), "order", "count", "label", "ink"}, plus "basis"
    with ``with_basis``: a status read from the narrative ("afgeleid") is drawn paler, with a
    dashed outline. ``y_axis``: the groups' axis (default: names on one line); ``ticks``: about
    how many whole numbers the count axis shows.
    """
    most = _largest_group((value["group"], value["count"]) for value in values)
    base = alt.Chart(alt.Data(values=values)).encode(
        y=alt.Y("group:N", title=None, sort=groups, axis=y_axis or alt.Axis(labelLimit=220)),
        x=alt.X(
            "sum(count):Q",
            title=_("aantal acties"),
            stack="zero",
            # Whole numbers only, each once ("0 1 2", never "0,5" or "0 1 1 2 2").
            axis=alt.Axis(format="d", values=whole_ticks(most, ticks)),
        ),
        order=alt.Order("order:Q"),
    )
    colour = alt.Color(
        "status:N",
        scale=_status_scale(),
        title=_("status"),
        sort=[str(s.label) for s in STATUS_ORDER],
        legend=alt.Undefined if legend is None else legend,
    )
    if with_basis:
        basis = alt.Scale(domain=[_("gerapporteerd"), _("afgeleid")], range=[1.0, 0.45])
        dashes = alt.Scale(domain=[_("gerapporteerd"), _("afgeleid")], range=[[1, 0], [4, 2]])
        bars = base.mark_bar(stroke="#000000", strokeWidth=0.5).encode(
            color=colour,
            opacity=alt.Opacity("basis:N", scale=basis, title=_("grondslag")),
            strokeDash=alt.StrokeDash("basis:N", scale=dashes, legend=None),
            tooltip=["group:N", "status:N", "basis:N", "count:Q"],
        )
    else:
        bars = base.mark_bar(stroke="#000000", strokeWidth=0.5).encode(
            color=colour, tooltip=["group:N", "status:N", "count:Q"]
        )
    labels = (
        base.mark_text(dx=-4, align="right", font=FONT, fontSize=font_size)
        .encode(text=alt.Text("label:N"), color=alt.Color("ink:N", scale=None, legend=None))
        .transform_filter("datum.label != ''")
    )
    return alt.LayerChart(layer=[bars, labels])


def counted_segments(rows: list[dict], width: int, font_size: int) -> tuple[list[dict], list[str]]:
    """Counts made elsewhere ({"groep", "status" (its word), "aantal"}) as ``status_bars``
    takes them, with the groups in the order they come."""
    words = {str(s.label): s for s in STATUS_ORDER}
    groups = list(dict.fromkeys(row["groep"] for row in rows))
    most = _largest_group((row["groep"], row["aantal"]) for row in rows)
    values = [
        _segment(row["groep"], words[str(row["status"])], row["aantal"], most, width, font_size)
        for row in rows
    ]
    return values, groups


def _history(pact: Pact) -> tuple[list[ReportingRound], list, dict]:
    rounds = list(ReportingRound.objects.published().filter(pact=pact).order_by("peildatum"))
    actions = public_actions(pact)
    updates = public_updates(rounds)
    statuses = {
        (r.pk, a.pk): action_status(a, r, updates.get((r.pk, a.pk), []))
        for r in rounds
        for a in actions
    }
    return rounds, actions, statuses


def status_across_rounds_table(pact: Pact) -> ChartTable:
    rounds, actions, statuses = _history(pact)
    columns = [_("actie")] + [r.name for r in rounds]
    rows: list[list[object]] = []
    for a in actions:
        cells = []
        for r in rounds:
            s = statuses[(r.pk, a.pk)]
            cells.append(
                f"{Status(s.status).label}"
                + (f" ({_('afgeleid')})" if s.basis == Basis.ASSESSED else "")
            )
        rows.append([f"{a.number}. {a.title}", *cells])
    known = sum(1 for s in statuses.values() if s.status != Status.ONBEKEND)
    summary = _(
        "Status van %(actions)d acties van %(pact)s in %(rounds)d gepubliceerde rondes; "
        "in %(known)d van de %(cells)d gevallen is de status bekend."
    ) % {
        "actions": len(actions),
        "pact": pact.name,
        "rounds": len(rounds),
        "known": known,
        "cells": len(statuses),
    }
    return ChartTable(_("Status per actie door de rondes heen"), summary, columns, rows)


def status_across_rounds(pact: Pact) -> alt.Chart:
    """A grid of actions × published rounds, each cell coloured and lettered by status."""
    rounds, actions, statuses = _history(pact)
    values = []
    for a in actions:
        for r in rounds:
            s = statuses[(r.pk, a.pk)]
            values.append(
                {
                    "action": a.number,
                    "title": a.title,
                    "round": r.name,
                    "status": str(Status(s.status).label),
                    "basis": _basis_label(s.basis),
                    "letter": STATUS_LETTERS[Status(s.status)]
                    + ("*" if s.basis == Basis.ASSESSED else ""),
                }
            )
    table = status_across_rounds_table(pact)
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X(
            "round:N",
            title=None,
            sort=[r.name for r in rounds],
            axis=alt.Axis(orient="top", labelAngle=0),
        ),
        y=alt.Y("action:N", title=_("actie"), sort=[a.number for a in actions]),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
        color=alt.Color(
            "status:N",
            scale=_status_scale(),
            title=_("status"),
            sort=[str(s.label) for s in STATUS_ORDER],
        ),
        opacity=alt.Opacity(
            "basis:N",
            scale=alt.Scale(
                domain=[_("gerapporteerd"), _("afgeleid"), _("onbekend")], range=[1.0, 0.45, 1.0]
            ),
            legend=None,
        ),
        tooltip=["action:N", "title:N", "round:N", "status:N", "basis:N"],
    )
    letters = base.mark_text(color="#000000", font=FONT).encode(text="letter:N")
    return (
        (cells + letters)
        .properties(
            width=alt.Step(110), height=alt.Step(18), title=table.title, description=table.summary
        )
        .configure(font=FONT)
    )
