"""The plain objects a report is made of.

The service layer (the ``services`` package) fills these from the database in one place; the HTML,
PDF and DOCX renderers only read them. Nothing here touches the ORM, so a renderer cannot
run a query by accident and two renderers cannot disagree about the data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .choices import ReportKind


@dataclass(frozen=True)
class Mark:
    """A colour-code mark: always a colour *and* a text label, never colour alone."""

    status: str  # afgerond / op_schema / vertraagd / onbekend
    label: str  # "afgerond", "op schema", ...
    colour: str  # geel / blauw / rood / grijs (the report's own words)
    assessed: bool = False  # read from the narrative, not reported by the owner
    reason: str = ""

    @property
    def text(self) -> str:
        return f"{self.label} (afgeleid)" if self.assessed else self.label


@dataclass(frozen=True)
class Block:
    """A paragraph, or a list of bullet items, of a narrative text."""

    text: str = ""
    items: tuple[str, ...] = ()
    heading: bool = False  # a short line that introduces what follows ("Friesland")

    @property
    def is_list(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Link:
    title: str
    url: str = ""


@dataclass
class SubMeasureRow:
    letter: str
    text: str
    mark: Mark | None  # None: the sub-measure has no update of its own this round
    basis_quote: str = ""  # for an assessed status: the words it was read from
    narrative: list[Block] = field(default_factory=list)
    new: list[Block] = field(default_factory=list)
    milestones: list[str] = field(default_factory=list)
    sources: list[Link] = field(default_factory=list)


@dataclass
class ActionRow:
    number: str
    title: str
    text: str
    mark: Mark  # rolled up over the sub-measures
    reported: bool
    sub_measures: list[SubMeasureRow] = field(default_factory=list)
    narrative: list[Block] = field(default_factory=list)
    new: list[Block] = field(default_factory=list)
    milestones: list[str] = field(default_factory=list)
    sources: list[Link] = field(default_factory=list)
    basis_quote: str = ""  # for an assessed status of the action as a whole
    owners: str = ""
    deadline: str = ""

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def fits_on_a_page(self) -> bool:
        """Short enough to keep whole: moving it to the next page wastes little paper."""
        blocks = [
            *self.narrative,
            *self.new,
            *(b for sub in self.sub_measures for b in (*sub.narrative, *sub.new)),
        ]
        size = sum(len(b.text) + sum(len(i) for i in b.items) for b in blocks)
        return size + len(self.text) + sum(len(sub.text) for sub in self.sub_measures) < 2500

    @property
    def has_sub_new(self) -> bool:
        return any(sub.new for sub in self.sub_measures)

    @property
    def all_sources(self) -> list[Link]:
        """The sources of the action and its sub-measures, each once, in order."""
        found: list[Link] = []
        for link in [*self.sources, *(s for sub in self.sub_measures for s in sub.sources)]:
            if link not in found:
                found.append(link)
        return found


@dataclass
class ActionLineSection:
    name: str
    national_goal: str
    actions: list[ActionRow]


@dataclass(frozen=True)
class StatusCount:
    """How many actions of a group (an action line, a landsdeel) have each status."""

    group: str
    counts: tuple[tuple[Mark, int], ...]  # in legend order, zeros included

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class Move:
    action: str  # "3. Meer leerlingen in het natuurprofiel"
    before: Mark
    after: Mark


@dataclass
class Changes:
    previous_round: str  # name of the previous round, "" if this is the first
    moved: list[Move] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    not_reported: list[str] = field(default_factory=list)
    # Of the reported actions: changed in this round, or confirmed unchanged (progress.reporting)
    changed: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return len(self.changed) + len(self.confirmed)

    @property
    def reporting_line(self) -> str:
        """The counts of reporting apart, in one sentence (the HTML and the DOCX say it alike)."""
        return (
            f"Gerapporteerd in deze ronde: {self.reported} acties, waarvan "
            f"{len(self.changed)} gewijzigd en {len(self.confirmed)} ongewijzigd bevestigd; "
            f"niet gerapporteerd: {len(self.not_reported)}."
        )


@dataclass
class Chart:
    """One chart declaration, rendered on demand: SVG for HTML and PDF, PNG for DOCX."""

    title: str
    description: str  # the text alternative: what the chart says, in words
    declaration: Any = field(repr=False)  # an Altair chart
    _svg: str | None = field(default=None, repr=False)
    _png: bytes | None = field(default=None, repr=False)

    @property
    def svg(self) -> str:
        if self._svg is None:
            from pactmonitor.charts import to_svg

            # The report's figure carries the text alternative around the SVG.
            self._svg = to_svg(self.declaration, labelled=False)
        return self._svg

    @property
    def png(self) -> bytes:
        if self._png is None:
            from pactmonitor.charts import to_png

            self._png = to_png(self.declaration)
        return self._png


@dataclass
class Summary:
    by_action_line: list[StatusCount]
    by_landsdeel: list[StatusCount]
    changes: Changes
    charts: list[Chart] = field(default_factory=list)


@dataclass
class ResultGroup:
    """Main results of a landsdeel under one heading (an action line, or general)."""

    heading: str
    parts: list[tuple[str, list[Block]]]  # (province/subregion or "", text)


@dataclass
class LandsdeelProfile:
    name: str
    description: str  # "Landsdeel Noord (provincies Friesland, Groningen en Drenthe)"
    reported: bool
    organisation: list[Block] = field(default_factory=list)
    results: list[ResultGroup] = field(default_factory=list)
    priorities: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class OverdueGoal:
    action: str
    goal: str
    deadline: str
    mark: Mark


@dataclass(frozen=True)
class InitiativeRow:
    name: str
    kind: str
    regions: str
    action_lines: str
    description: str
    url: str


@dataclass
class IndicatorSection:
    name: str
    unit: str
    description: str
    # (region, period, value as Dutch text, source: document title and date, section)
    rows: list[tuple[str, str, str, str]]
    targets: list[str]
    charts: list[Chart] = field(default_factory=list)


@dataclass(frozen=True)
class LevelVerdict:
    """One level of an indicator in a region: latest figure, trend, target and verdict."""

    level: str  # "havo", or "" for an indicator without levels
    year: int
    value: str  # "39,6%"
    counts: str  # "20.617 van 51.998"
    trend: str  # "+0,9 procentpunt per jaar (2015–2019)"
    verdict: str  # "niet op koers"
    verdict_text: str  # the sentence with gap, needed and observed change, and which target


@dataclass
class IndicatorVerdicts:
    """An indicator's imported figures for one region (Nederland, or the landsdeel)."""

    name: str
    region: str
    definition: str
    source: str  # "Bron: DUO, CC0 1.0 – tabel …, bestand …, geïmporteerd op …"
    levels: list[LevelVerdict]
    charts: list[Chart] = field(default_factory=list)


@dataclass
class PactSection:
    name: str
    lines: list[ActionLineSection]


@dataclass
class RoundInfo:
    slug: str
    name: str
    pact: str
    peildatum: datetime.date
    peildatum_text: str  # "31 mei 2014"
    is_published: bool


@dataclass
class Report:
    kind: ReportKind
    title: str
    subtitle: str
    introduction: str
    round: RoundInfo
    summary: Summary
    legend: list[Mark]
    lines: list[ActionLineSection] = field(default_factory=list)  # Bijlage 1
    profiles: list[LandsdeelProfile] = field(default_factory=list)  # Bijlage 2, landsdeel
    pacts: list[PactSection] = field(default_factory=list)  # landsdeel report
    overdue: list[OverdueGoal] = field(default_factory=list)
    initiatives: list[InitiativeRow] = field(default_factory=list)
    indicators: list[IndicatorSection] = field(default_factory=list)
    # Bijlage 1 (Nederland) and the landsdeel report (its landsdeel): the imported figures.
    verdicts: list[IndicatorVerdicts] = field(default_factory=list)

    @property
    def running_header(self) -> str:
        return f"{self.title} – {self.round.name} – peildatum {self.round.peildatum_text}"
