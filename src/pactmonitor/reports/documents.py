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
    correction: str = ""  # "gecorrigeerd (versie 2): reason" for a corrected status
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
    correction: str = ""  # "gecorrigeerd (versie 2): reason" for a corrected status
    owners: str = ""
    deadline: str = ""

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def fits_on_a_page(self) -> bool:
        """Short enough to keep whole (under about a quarter of a page): moving it to the next
        page wastes little paper. A longer row may split at a page break; the PDF then marks
        the part on the next page "(vervolg)" (``pagination``). Measured in printed lines of
        the taller cell: the action's cell is narrower (about 30 characters a line) than the
        stand van zaken (about 50)."""
        blocks = [
            *self.narrative,
            *self.new,
            *(b for sub in self.sub_measures for b in (*sub.narrative, *sub.new)),
        ]
        texts = [piece for b in blocks for piece in (b.text, *b.items)]
        action = [self.title, self.text, *(sub.text for sub in self.sub_measures)]
        return max(_lines(action, 30), _lines(texts, 50)) <= 16

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


def _lines(texts: list[str], per_line: int) -> int:
    """About how many printed lines the paragraphs take in a column of ``per_line`` characters."""
    return sum(1 + len(text) // per_line for text in texts if text)


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
class ReportingCount:
    """How many actions of a group (a landsdeel) reported in the round: changed, confirmed
    unchanged, or not at all (progress.reporting's rule, as in the changes section)."""

    group: str
    changed: int
    confirmed: int
    not_reported: int

    @property
    def total(self) -> int:
        return self.changed + self.confirmed + self.not_reported


@dataclass(frozen=True)
class Move:
    action: str  # "3. Meer leerlingen in het natuurprofiel"
    before: Mark
    after: Mark


@dataclass
class Changes:
    previous_round: str  # name of the round compared with, "" if there is none
    compared_with: str = ""  # the sentence saying against which round, and why that one
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
    # Bijlage 2: per landsdeel, how many of its actions reported in the round.
    reporting_by_landsdeel: list[ReportingCount] = field(default_factory=list)

    # Said instead of an empty status table (a pact whose actions are not entered yet).
    NO_ACTIONS = "Dit pact heeft in deze ronde geen acties: er is geen status om te tellen."


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
    author: str = ""  # the pact's secretariat, or the pact itself: who sends the report
    published_date: datetime.date | None = None
    updated_date: datetime.date | None = None  # the latest correction after publication

    @property
    def published_on(self) -> str:
        from .formatting import dutch_date  # formatting reads these objects: import it late

        return dutch_date(self.published_date)

    @property
    def updated_on(self) -> str:
        from .formatting import dutch_date

        return dutch_date(self.updated_date)

    @property
    def date_line(self) -> str:
        """The document's date: the peildatum, when it was published and when last corrected."""
        line = f"peildatum {self.peildatum_text}"
        if self.published_on:
            line += f" · gepubliceerd op {self.published_on}"
        if self.updated_on:
            line += f" · bijgewerkt op {self.updated_on}"
        return line

    # A concept preview of an open round: every current version, drafts included.
    includes_unapproved: bool = False


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
        header = f"{self.title} – {self.round.name} – peildatum {self.round.peildatum_text}"
        # On every page of a document of a round not yet published, not only the first.
        return header if self.round.is_published else f"CONCEPT – {header}"

    @property
    def concept_note(self) -> str:
        """What a report of a round not yet published says it holds ("" once published)."""
        if self.round.is_published:
            return ""
        if self.round.includes_unapproved:
            return (
                "Concept: deze ronde is nog niet gepubliceerd. Opgenomen is de huidige versie "
                "van elke statusupdate, ook concepten die nog niet zijn ingediend of "
                "goedgekeurd; de tekst kan nog veranderen."
            )
        return (
            "Concept: deze ronde is nog niet gepubliceerd. Alleen goedgekeurde statusupdates "
            "zijn opgenomen."
        )
