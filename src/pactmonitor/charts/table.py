"""The text alternative and the numbers behind a chart."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChartTable:
    title: str
    summary: str  # the text alternative: what the chart shows, in one paragraph
    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)
