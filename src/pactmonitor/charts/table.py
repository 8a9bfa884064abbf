"""The text alternative and the numbers behind a chart."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChartTable:
    title: str
    summary: str  # the text alternative: what the chart shows, in one paragraph
    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)

    @property
    def labelled_rows(self) -> list[list[tuple[str, object]]]:
        """Each row's cells with their column's name, for a table stacked on a phone."""
        return [list(zip(self.columns, row, strict=False)) for row in self.rows]
