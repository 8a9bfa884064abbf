"""The report as a Word document a ministry can edit.

Real Word tables (header row repeated on every page, short rows kept whole), shaded status cells
that also say the status in words, Word's own heading styles (so the navigation pane shows
the structure), Dutch as the document language, and the round's peildatum as the document's
dates: the same round gives the same file.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from pactmonitor.charts.status import STATUS_COLOURS

from .documents import (
    ActionRow,
    Block,
    Chart,
    LandsdeelProfile,
    Mark,
    Report,
    ReportingCount,
    StatusCount,
)
from .formatting import printable_everywhere

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph

FILL = {status.value: colour.lstrip("#").upper() for status, colour in STATUS_COLOURS.items()}
INK = {"afgerond": "1A1A1A", "op_schema": "FFFFFF", "vertraagd": "FFFFFF", "onbekend": "1A1A1A"}
SIGN = {"afgerond": "✓", "op_schema": "→", "vertraagd": "!", "onbekend": "?"}
LEGEND_TEXT = {
    "afgerond": "geel: de actie is afgerond",
    "op_schema": "blauw: op schema, implementatie nog niet afgerond",
    "vertraagd": "rood: vertraagd",
    "onbekend": "grijs: onbekend, niet gerapporteerd of geen status gegeven",
}
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# A fixed time inside zip entries, so two runs give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# --- low-level helpers on the Word XML ---------------------------------------------------


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _row_flags(row: _Row, *, header: bool = False, keep: bool = True) -> None:
    """A header row repeats on every page; a row that is kept whole is not split over pages."""
    properties = row._tr.get_or_add_trPr()
    if keep:
        properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def _language(document: DocxDocument, tag: str = "nl-NL") -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)


# --- the writer --------------------------------------------------------------------------


class DocxWriter:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.document = Document()
        self._setup()

    def _setup(self) -> None:
        document, report = self.document, self.report
        normal = document.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(9.5)
        _language(document)
        for level in (1, 2, 3, 4):
            document.styles[f"Heading {level}"].font.color.rgb = RGBColor(0x15, 0x42, 0x73)
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(1.6)
        section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.6)
        header = section.header.paragraphs[0]
        header.text = report.running_header
        header.runs[0].font.size = Pt(7.5)
        footer = section.footer.paragraphs[0]
        footer.alignment = 2  # right
        footer.add_run("pagina ")
        _field(footer, "PAGE")
        footer.add_run(" van ")
        _field(footer, "NUMPAGES")
        for run in footer.runs:
            run.font.size = Pt(7.5)
        self._properties()

    def _properties(self) -> None:
        report, properties = self.report, self.document.core_properties
        moment = datetime.datetime.combine(report.round.peildatum, datetime.time(0, 0))
        properties.title = f"{report.title} – {report.round.name}"
        properties.subject = report.subtitle
        properties.author = report.round.author
        properties.last_modified_by = "Pactmonitor"
        properties.language = "nl-NL"
        properties.keywords = f"{report.round.pact}; {report.round.name}"
        properties.comments = f"Peildatum {report.round.peildatum_text}"
        properties.created = properties.modified = moment
        properties.last_printed = moment
        properties.revision = 1

    # --- pieces ---

    def heading(self, text: str, level: int) -> None:
        """A Word heading; the levels are the PDF's: h2 is level 1, h3 level 2, h4 level 3."""
        self.document.add_heading(text, level=level)

    def link(self, paragraph: Paragraph, url: str, text: str = "") -> None:
        """A clickable address; Word wraps it at its separators, like the PDF."""
        hyperlink = OxmlElement("w:hyperlink")
        relation = paragraph.part.relate_to(url, HYPERLINK, is_external=True)
        hyperlink.set(qn("r:id"), relation)
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:u")
        style.set(qn("w:val"), "single")
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "154273")
        properties.extend([colour, style])
        run.append(properties)
        content = OxmlElement("w:t")
        content.text = text or url
        run.append(content)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)

    def sources(self, cell: _Cell, row: ActionRow) -> None:
        for i, source in enumerate(row.all_sources):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if not source.url:
                paragraph.add_run(source.title)
            elif source.url in source.title:
                self.link(paragraph, source.url, source.title)
            else:
                paragraph.add_run(f"{source.title}: ")
                self.link(paragraph, source.url)

    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        container: DocxDocument | _Cell | None = None,
    ) -> Paragraph:
        target = container if container is not None else self.document
        paragraph = target.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        return paragraph

    def blocks(self, blocks: list[Block], container: DocxDocument | _Cell | None = None) -> None:
        target = container if container is not None else self.document
        for block in blocks:
            if block.is_list:
                for item in block.items:
                    target.add_paragraph(item, style="List Bullet")
            else:
                self.paragraph(block.text, bold=block.heading, container=target)

    def mark_cell(self, cell: _Cell, mark: Mark) -> None:
        _shade(cell, FILL[mark.status])
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(f"{SIGN[mark.status]} {mark.text}")
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(INK[mark.status])

    def mark_text(self, paragraph: Paragraph, mark: Mark) -> None:
        """A status inside a text: shaded like the status cell, and in words."""
        run = paragraph.add_run(f" {SIGN[mark.status]} {mark.text} ")
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(INK[mark.status])
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), FILL[mark.status])
        run._r.get_or_add_rPr().append(shading)

    def table(self, headers: list[str], widths: list[float]) -> Table:
        """A table with its header row, and after it a paragraph of space: Word glues a table
        to whatever follows (a heading, a caption, the next table), the PDF keeps a margin."""
        table = self.document.add_table(rows=1, cols=len(headers))
        spacer = self.document.add_paragraph()
        spacer.paragraph_format.space_before = Pt(0)
        spacer.paragraph_format.space_after = Pt(6)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0].add_run(text).bold = True
            _shade(cell, "DCE3EA")
        _row_flags(table.rows[0], header=True)
        return table

    @staticmethod
    def tidy(cell: _Cell) -> None:
        """Drop the empty paragraph Word puts in a new cell when other text follows it."""
        paragraphs = cell.paragraphs
        if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0].runs:
            paragraphs[0]._p.getparent().remove(paragraphs[0]._p)

    def row(self, table: Table, widths: list[float], keep: bool = True) -> list[_Cell]:
        row = table.add_row()
        _row_flags(row, keep=keep)
        cells = row.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = Cm(width)
        return cells

    def chart(self, chart: Chart) -> None:
        self.document.add_picture(io.BytesIO(chart.png), width=Cm(15))
        picture = self.document.paragraphs[-1]
        for properties in picture._p.iter(qn("wp:docPr")):
            properties.set("descr", chart.description)
            properties.set("title", chart.title)
        self.paragraph(chart.description, italic=True)

    # --- sections ---

    def title_page(self) -> None:
        report = self.report
        self.paragraph(report.round.pact)
        self.document.add_heading(report.title, level=0)
        self.paragraph(f"{report.subtitle} · {report.round.date_line}", bold=True)
        if report.concept_note:
            self.paragraph(report.concept_note, bold=True)
        self.paragraph(report.introduction)

    def counts(self, counts: list[StatusCount], caption: str, group_title: str) -> None:
        legend = self.report.legend
        self.count_table(
            caption,
            [group_title, *(m.label for m in legend)],
            [(c.group, [n for _, n in c.counts], c.total) for c in counts],
        )

    def reporting_counts(self, counts: list[ReportingCount]) -> None:
        self.count_table(
            "Rapportage over de acties in de pacten per landsdeel in deze ronde",
            ["landsdeel", "gewijzigd", "ongewijzigd bevestigd", "niet gerapporteerd"],
            [(c.group, [c.changed, c.confirmed, c.not_reported], c.total) for c in counts],
        )

    def count_table(
        self, caption: str, headers: list[str], rows: list[tuple[str, list[int], int]]
    ) -> None:
        """A caption, then a row per group: its name, its counts and their total."""
        self.paragraph(caption, bold=True)
        widths = [4.6] + [2.5] * (len(headers) - 1) + [1.8]
        table = self.table([*headers, "totaal"], widths)
        for group, numbers, total in rows:
            cells = self.row(table, widths)
            cells[0].text = group
            for cell, n in zip(cells[1:-1], numbers, strict=False):
                cell.text = str(n)
            cells[-1].text = str(total)

    def summary(self) -> None:
        summary = self.report.summary
        self.heading("Samenvatting", 1)
        if summary.by_action_line:
            self.counts(summary.by_action_line, "Status van de acties per actielijn", "actielijn")
        else:
            self.paragraph(summary.NO_ACTIONS)
        if len(summary.by_landsdeel) > 1:
            self.counts(
                summary.by_landsdeel, "Status van de acties in de pacten per landsdeel", "landsdeel"
            )
        if summary.reporting_by_landsdeel:
            self.reporting_counts(summary.reporting_by_landsdeel)
        for chart in summary.charts:
            self.chart(chart)
        changes = summary.changes
        since = f" sinds {changes.previous_round}" if changes.previous_round else ""
        self.heading(f"Wat is er veranderd{since}?", 2)
        self.paragraph(changes.compared_with)
        self.paragraph(changes.reporting_line)
        if changes.previous_round:
            self.heading(f"Van status veranderd ({len(changes.moved)})", 3)
            for move in changes.moved:
                self.document.add_paragraph(
                    f"{move.action}: {move.before.text} → {move.after.text}", style="List Bullet"
                )
            if not changes.moved:
                self.paragraph("Geen acties van status veranderd.")
            self.heading(f"Nieuw gerapporteerd ({len(changes.new)})", 3)
            self._list(
                changes.new, "Geen acties die in de vorige ronde niet en nu wel zijn gerapporteerd."
            )
        self.heading(f"Niet gerapporteerd in deze ronde ({len(changes.not_reported)})", 3)
        self._list(changes.not_reported, "Over alle acties is gerapporteerd.")

    def _list(self, items: list[str], empty: str) -> None:
        for item in items:
            self.document.add_paragraph(item, style="List Bullet")
        if not items:
            self.paragraph(empty)

    def legend(self) -> None:
        # As in the PDF: a list, each status shaded and in words, then what it means.
        self.heading("Legenda", 1)
        for mark in self.report.legend:
            paragraph = self.document.add_paragraph()
            self.mark_text(paragraph, mark)
            paragraph.add_run(f" – {LEGEND_TEXT[mark.status]}")
        self.paragraph(
            "‘(afgeleid)’ achter een status: niet door de trekker gerapporteerd, "
            "maar afgeleid uit de tekst."
        )

    def narrative(self, cell: _Cell, row: ActionRow, *, first_paragraph_used: bool = False) -> None:
        first = not first_paragraph_used
        for sub in row.sub_measures:
            if not (sub.narrative or sub.mark):
                continue
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.add_run(f"{sub.letter}. ").bold = True
            if sub.mark:
                self.mark_text(paragraph, sub.mark)
            else:
                paragraph.add_run("niet gerapporteerd").italic = True
            if sub.correction:
                self.paragraph(sub.correction.capitalize(), bold=True, container=cell)
            if sub.basis_quote:
                self.paragraph(f"Afgeleid uit: “{sub.basis_quote}”", italic=True, container=cell)
            self.blocks(sub.narrative, cell)
            for milestone in sub.milestones:
                cell.add_paragraph(f"Mijlpaal: {milestone}")
        if row.correction:
            self.paragraph(f"Status {row.correction}", bold=True, container=cell)
        if row.basis_quote:
            self.paragraph(f"Status afgeleid uit: “{row.basis_quote}”", italic=True, container=cell)
        if row.narrative:
            self.blocks(row.narrative, cell)
        for milestone in row.milestones:
            cell.add_paragraph(f"Mijlpaal: {milestone}")
        news = [*row.new, *(b for sub in row.sub_measures for b in sub.new)]
        if news:
            self.paragraph("Nieuw:", bold=True, container=cell)
            self.blocks(news, cell)
        if not row.reported:
            self.paragraph("Niet gerapporteerd in deze ronde.", italic=True, container=cell)
        self.tidy(cell)

    def action_cell(self, cell: _Cell, row: ActionRow, *, with_mark: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.add_run(f"{row.number}. ").bold = True
        paragraph.add_run(row.title)
        if with_mark:
            self.mark_text(cell.add_paragraph(), row.mark)
        if row.text and row.text != row.title:
            cell.add_paragraph(row.text)
        for sub in row.sub_measures:
            paragraph = cell.add_paragraph()
            paragraph.add_run(f"{sub.letter}. ").bold = True
            paragraph.add_run(sub.text)

    def verdicts(self) -> None:
        """The imported indicator figures with trend, target and verdict (see _verdicts.html)."""
        if not self.report.verdicts:
            return
        self.heading("Indicatoren: op koers?", 1)
        self.paragraph(
            "Cijfers van DUO, opgeteld over alle gemeenten (een aandeel als de som van de "
            "tellers gedeeld door de som van de noemers). De trend is een rechte lijn door de "
            "laatste vijf gemeten jaren (kleinste kwadraten), doorgetrokken naar het doeljaar "
            "van de streefwaarde; bij minder dan drie gemeten jaren: te weinig metingen. Er "
            "staat steeds bij met welke streefwaarde is vergeleken."
        )
        widths = [2.0, 1.4, 1.8, 3.2, 3.4, 6.0]
        for indicator in self.report.verdicts:
            self.heading(f"{indicator.name} – {indicator.region}", 2)
            if indicator.definition:
                self.paragraph(f"Hoe is dit berekend: {indicator.definition}")
            table = self.table(
                ["Niveau", "Jaar", "Waarde", "Aantallen", "Trend", "Oordeel"], widths
            )
            for level in indicator.levels:
                cells = self.row(table, widths)
                cells[0].text, cells[1].text = level.level or "–", str(level.year)
                cells[2].text, cells[3].text, cells[4].text = level.value, level.counts, level.trend
                cells[5].paragraphs[0].add_run(level.verdict).bold = True
                cells[5].add_paragraph(level.verdict_text)
            for chart in indicator.charts:
                self.chart(chart)
            self.paragraph(indicator.source, italic=True)

    def bijlage1(self) -> None:
        # The same columns as the PDF: the status stands in the action's own cell.
        widths = [5.8, 8.8, 3.2]
        for line in self.report.lines:
            self.heading(line.name, 1)
            if line.national_goal:
                self.paragraph(f"Landelijk doel: {line.national_goal}", italic=True)
            table = self.table(
                ["Actie en deelmaatregelen", "Stand van zaken / mijlpalen", "Vindplaats"], widths
            )
            for row in line.actions:
                cells = self.row(table, widths, keep=row.fits_on_a_page)
                self.action_cell(cells[0], row, with_mark=True)
                self.narrative(cells[1], row)
                self.sources(cells[2], row)

    def profile(self, profile: LandsdeelProfile) -> None:
        self.heading(profile.name, 1)
        self.paragraph(profile.description, italic=True)
        if not profile.reported:
            self.paragraph(
                f"Voor deze ronde is geen stand van zaken van {profile.name} gerapporteerd.",
                italic=True,
            )
            return
        self.heading("Organisatie", 2)
        self.blocks(profile.organisation)
        self.heading("Belangrijkste resultaten", 2)
        for group in profile.results:
            self.heading(group.heading, 3)
            for label, text in group.parts:
                if label:
                    self.paragraph(label, bold=True)
                self.blocks(text)
        if not profile.results:
            self.paragraph("Geen resultaten gerapporteerd.", italic=True)
        self.heading("Prioriteiten komend jaar", 2)
        self.blocks(profile.priorities)
        if not profile.priorities:
            self.paragraph("Geen prioriteiten gerapporteerd.", italic=True)

    def landsdeel(self) -> None:
        report = self.report
        for profile in report.profiles:
            self.profile(profile)
        self.heading("Acties", 1)
        # The same columns as the PDF: status and explanation in one cell.
        widths = [5.3, 3.2, 2.5, 6.8]
        for pact in report.pacts:
            self.heading(pact.name, 2)
            for line in pact.lines:
                self.heading(line.name, 3)
                table = self.table(
                    ["Actie", "Trekker", "Deadline", "Status en toelichting"], widths
                )
                for row in line.actions:
                    cells = self.row(table, widths, keep=row.fits_on_a_page)
                    self.action_cell(cells[0], row)
                    cells[1].text = row.owners or "onbekend"
                    cells[2].text = row.deadline or "geen"
                    self.mark_text(cells[3].paragraphs[0], row.mark)
                    self.narrative(cells[3], row, first_paragraph_used=True)
        if not report.pacts:
            self.paragraph("Er zijn geen pacten met acties in dit landsdeel.")
        self.heading("Operationele doelen met verstreken deadline", 1)
        widths = [5.0, 6.4, 2.6, 3.8]
        if report.overdue:
            table = self.table(["Actie", "Operationeel doel", "Deadline", "Status"], widths)
            for goal in report.overdue:
                cells = self.row(table, widths)
                cells[0].text, cells[1].text, cells[2].text = goal.action, goal.goal, goal.deadline
                self.mark_cell(cells[3], goal.mark)
        else:
            self.paragraph(
                "Geen operationele doelen met een deadline vóór de peildatum "
                "die nog niet zijn afgerond."
            )
        self.heading("Initiatieven", 1)
        widths = [7.0, 3.6, 3.6, 3.6]
        if report.initiatives:
            table = self.table(["Initiatief", "Soort", "Regio", "Actielijnen"], widths)
            for initiative in report.initiatives:
                cells = self.row(table, widths)
                cells[0].paragraphs[0].add_run(initiative.name).bold = True
                if initiative.description:
                    cells[0].add_paragraph(initiative.description)
                if initiative.url:
                    self.link(cells[0].add_paragraph(), initiative.url)
                cells[1].text, cells[2].text, cells[3].text = (
                    initiative.kind,
                    initiative.regions,
                    initiative.action_lines,
                )
        else:
            self.paragraph("Geen initiatieven geregistreerd in dit landsdeel.")
        self.heading("Indicatoren", 1)
        for indicator in report.indicators:
            self.heading(indicator.name, 2)
            if indicator.description:
                self.paragraph(indicator.description)
            if indicator.targets:
                self.paragraph("Streefwaarde: " + "; ".join(indicator.targets))
            for chart in indicator.charts:
                self.chart(chart)
            widths = [3.2, 3.5, 2.5, 8.6]
            headers = ["Regio", "Periode", f"Waarde ({indicator.unit})", "Bron"]
            table = self.table(headers, widths)
            for figure in indicator.rows:
                for cell, text in zip(self.row(table, widths), figure, strict=True):
                    cell.text = text
        if not report.indicators:
            self.paragraph("Geen metingen van indicatoren in dit landsdeel.")

    def write(self) -> bytes:
        self.title_page()
        self.summary()
        self.legend()
        self.verdicts()
        kind = self.report.kind.value
        if kind == "bijlage1":
            self.bijlage1()
        elif kind == "bijlage2":
            for profile in self.report.profiles:
                self.profile(profile)
        else:
            self.landsdeel()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def render_docx(report: Report) -> bytes:
    # Word's XML cannot hold control characters: one in a narrative would fail the document.
    return DocxWriter(printable_everywhere(report)).write()
