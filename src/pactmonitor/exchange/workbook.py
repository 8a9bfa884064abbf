"""The Excel workbook of a user's open drafts in a round, and its hidden fingerprint.

Sheet "Updates": a row per action or sub-measure; the previous round's status and narrative
are shown read-only (the sheet is protected, only the new cells are unlocked); the status
cell has a drop-down. Sheet "Mijlpalen en vindplaatsen": a row per milestone or source of those
drafts, keyed by pact, action and sub-measure like the first sheet, with Pactmonitor's number
of each existing item; a new item is a new row without a number, "ja" under "Verwijderen"
removes one. One row per item (not numbered column groups) so a draft can have as many as its
source has, and a coordinator can sort, filter and copy rows as in any list. A very hidden
sheet holds the round and a signed fingerprint of the download (each draft's id and
revision), so an upload can tell another round's workbook, a tampered one, and drafts changed
in the app since the download.

Every cell is written as text, never as a formula: openpyxl stores a string that starts with
"=" as a formula unless the cell's data type is set back to "s" (an inline string), so a
narrative such as "=HYPERLINK(...)" reaches the next user as the words typed and is read back
exactly. The cells also carry Excel's quote prefix, so what a user types over them stays text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pactmonitor.progress.choices import Status
from pactmonitor.progress.forms import TEXT_LIMIT
from pactmonitor.progress.models import Milestone, ReportingRound, StatusUpdate
from pactmonitor.progress.services import latest_earlier_updates, pacts_of_round

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

SHEET = "Updates"
META_SHEET = "pactmonitor"
SALT = "pactmonitor.exchange.workbook"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    editable: bool = False


COLUMNS = [
    Column("pact", "Pact", 24),
    Column("action", "Actie", 8),
    Column("letter", "Deelmaatregel", 8),
    Column("title", "Titel", 40),
    Column("previous_round", "Vorige ronde", 14),
    Column("previous_status", "Vorige status", 14),
    Column("previous_narrative", "Vorige stand van zaken", 50),
    Column("status", "Status", 14, editable=True),
    Column("narrative", "Stand van zaken", 60, editable=True),
    Column("new", "Nieuw sinds de vorige ronde", 40, editable=True),
]
COLUMN_INDEX = {column.key: number for number, column in enumerate(COLUMNS, start=1)}

ITEMS_SHEET = "Mijlpalen en vindplaatsen"
ITEM_COLUMNS = [
    Column("pact", "Pact", 24, editable=True),
    Column("action", "Actie", 8, editable=True),
    Column("letter", "Deelmaatregel", 8, editable=True),
    Column("title", "Titel van de actie", 30),
    Column("kind", "Soort", 12, editable=True),
    Column("number", "Nr", 8),
    Column("date", "Datum (mijlpaal)", 16, editable=True),
    Column("text", "Omschrijving", 60, editable=True),
    Column("url", "Adres (vindplaats)", 40, editable=True),
    Column("delete", "Verwijderen", 12, editable=True),
]
ITEM_INDEX = {column.key: number for number, column in enumerate(ITEM_COLUMNS, start=1)}
MILESTONE, SOURCE, DELETE = "mijlpaal", "vindplaats", "ja"
READ_ONLY_FILL = PatternFill("solid", fgColor="EEEEEE")


def column_letter(key: str, index: dict[str, int] = COLUMN_INDEX) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index[key])


def item_letter(key: str) -> str:
    return column_letter(key, ITEM_INDEX)


def cell_text(value: str) -> str:
    """Control characters cannot be stored in a worksheet; they are dropped, not the row."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class TooLongForWorkbook(Exception):
    """Texts longer than a cell holds: the workbook is refused rather than cut."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def _row(update: StatusUpdate, previous: StatusUpdate | None) -> list:
    return [cell_text(value) for value in _values(update, previous)]


def _too_long(update: StatusUpdate, row: list[str], columns: list[Column] = COLUMNS) -> list[str]:
    return [
        _(
            "%(column)s van %(subject)s is %(length)s tekens lang; een cel van een werkmap "
            "houdt er %(limit)s. Maak de tekst in de app korter en download de werkmap opnieuw."
        )
        % {
            "column": column.title,
            "subject": update,
            "length": f"{len(value):,}".replace(",", "."),
            "limit": f"{TEXT_LIMIT:,}".replace(",", "."),
        }
        for column, value in zip(columns, row, strict=True)
        if len(value) > TEXT_LIMIT
    ]


def write_text_row(sheet: Worksheet, values: list) -> None:
    """Append a row whose strings are stored as text, whatever character they start with."""
    sheet.append(values)
    for number, value in enumerate(values, start=1):
        cell = sheet.cell(row=sheet.max_row, column=number)
        if isinstance(value, str) and value:
            cell.data_type = "s"  # not "f": a leading "=" is text the user wrote
            cell.quotePrefix = True


def _values(update: StatusUpdate, previous: StatusUpdate | None) -> list[str]:
    return [
        update.action.pact.key,
        update.action.number,
        update.sub_measure.letter if update.sub_measure else "",
        update.sub_measure.text if update.sub_measure else update.action.title,
        previous.round.name if previous else "",
        previous.get_status_display() if previous else "",
        previous.narrative if previous else "",
        update.get_status_display(),
        update.narrative,
        update.new,
    ]


def milestone_date_text(milestone: Milestone) -> str:
    """The date cell of a milestone: the source's words, else the date the Dutch way."""
    if milestone.date_text:
        return milestone.date_text
    return milestone.date.strftime("%d-%m-%Y") if milestone.date else ""


def _key(update: StatusUpdate) -> list[str]:
    return [
        update.action.pact.key,
        update.action.number,
        update.sub_measure.letter if update.sub_measure else "",
        update.sub_measure.text if update.sub_measure else update.action.title,
    ]


def _item_rows(update: StatusUpdate) -> list[list[str]]:
    key = _key(update)
    milestones = [
        [*key, MILESTONE, str(m.pk), milestone_date_text(m), m.text, "", ""]
        for m in update.milestones.all()
    ]
    sources = [[*key, SOURCE, str(s.pk), "", s.title, s.url, ""] for s in update.sources.all()]
    return [[cell_text(value) for value in row] for row in milestones + sources]


def _write_header(sheet: Worksheet, columns: list[Column] = COLUMNS) -> None:
    write_text_row(sheet, [column.title for column in columns])
    index = {column.key: number for number, column in enumerate(columns, start=1)}
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number)
        cell.font = Font(bold=True)
        sheet.column_dimensions[column_letter(column.key, index)].width = column.width
    sheet.freeze_panes = "A2"


def _protect(sheet: Worksheet, rows: int) -> None:
    for row in sheet.iter_rows(min_row=2, max_row=rows + 1):
        for cell, column in zip(row, COLUMNS, strict=True):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = READ_ONLY_FILL
    # No password: protection guards against slips, not against a determined user; the
    # upload ignores the read-only columns anyway.
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False


def _add_dropdown(sheet: Worksheet, cells: str, words: list[str], title: str) -> None:
    choices = ",".join(words)
    validation = DataValidation(
        type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True
    )
    validation.error = _("Kies uit de lijst: %(words)s") % {"words": ", ".join(words)}
    validation.errorTitle = title
    sheet.add_data_validation(validation)
    validation.add(cells)


def _add_status_dropdown(sheet: Worksheet, rows: int) -> None:
    letter = column_letter("status")
    words = [str(label) for label in Status.labels]  # in the language the workbook is made in
    _add_dropdown(sheet, f"{letter}2:{letter}{max(rows + 1, 2)}", words, _("Onbekende status"))


# Rows of the items sheet prepared for new items (drop-downs, widths); more can be typed below.
NEW_ITEM_ROWS = 200


def _write_items(workbook: Workbook, updates: list[StatusUpdate]) -> list[str]:
    """The items sheet; returns the texts too long for a cell. Not protected: new items are
    new rows anywhere below; the upload checks every cell (the number column is grey)."""
    sheet = workbook.create_sheet(ITEMS_SHEET)
    _write_header(sheet, ITEM_COLUMNS)
    too_long: list[str] = []
    for update in updates:
        for row in _item_rows(update):
            too_long += _too_long(update, row, ITEM_COLUMNS)
            write_text_row(sheet, row)
    last = sheet.max_row + NEW_ITEM_ROWS
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        for cell, column in zip(row, ITEM_COLUMNS, strict=True):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if not column.editable:
                cell.fill = READ_ONLY_FILL
    kind, delete = item_letter("kind"), item_letter("delete")
    _add_dropdown(sheet, f"{kind}2:{kind}{last}", [MILESTONE, SOURCE], _("Onbekende soort"))
    only = _("Alleen ‘%(word)s’") % {"word": DELETE}
    _add_dropdown(sheet, f"{delete}2:{delete}{last}", [DELETE], only)
    return too_long


def fingerprint(round: ReportingRound, user: User, updates: list[StatusUpdate]) -> str:
    payload = {
        "round": round.slug,
        "user": user.pk,
        "at": timezone.now().isoformat(),
        "rows": {str(update.pk): update.revision for update in updates},
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def _write_meta(
    workbook: Workbook, round: ReportingRound, user: User, updates: list[StatusUpdate]
) -> None:
    meta = workbook.create_sheet(META_SHEET)
    write_text_row(meta, ["ronde", round.slug])
    write_text_row(meta, ["vingerafdruk", fingerprint(round, user, updates)])
    meta.sheet_state = "veryHidden"


def build_workbook(round: ReportingRound, user: User, updates: list[StatusUpdate]) -> bytes:
    """The workbook's bytes; raises TooLongForWorkbook naming every text a cell cannot hold."""
    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new workbook has one worksheet
    sheet.title = SHEET
    _write_header(sheet)
    earlier = latest_earlier_updates(round, pacts_of_round(round.pact))
    too_long: list[str] = []
    for update in updates:
        row = _row(update, earlier.get((update.action_id, update.sub_measure_id)))
        too_long += _too_long(update, row)
        write_text_row(sheet, row)
    too_long += _write_items(workbook, updates)
    if too_long:
        raise TooLongForWorkbook(too_long)
    _protect(sheet, len(updates))
    _add_status_dropdown(sheet, len(updates))
    _write_meta(workbook, round, user, updates)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def drafts_for_workbook(round: ReportingRound, user: User) -> list[StatusUpdate]:
    return list(
        StatusUpdate.objects.editable_by(user)
        .filter(round=round)
        .in_report_order()
        .select_related("action__pact", "sub_measure")
        .prefetch_related("milestones", "sources")
    )
