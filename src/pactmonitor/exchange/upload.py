"""Reading a filled-in workbook back: every row through the web UI's DraftForm, all or nothing.

Every problem is reported with sheet, row and column; nothing is written unless every row is
right. A row whose values equal what is stored is left alone (so a draft changed in the app
since the download only matters for the rows the uploader changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, SupportsInt, cast

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from pactmonitor.pacts.models import Action
from pactmonitor.progress import services
from pactmonitor.progress.choices import Status
from pactmonitor.progress.forms import TEXT_LIMIT, DraftForm
from pactmonitor.progress.models import ReportingRound, StatusUpdate

from .dutch import parse_date, parse_number
from .workbook import COLUMNS, META_SHEET, SALT, SHEET, cell_text, column_letter
from .xlsx import Damaged, Limits, Unsafe, check_archive, read_in_worker

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from pactmonitor.accounts.models import User

LIMITS = Limits()
MAX_ROWS = LIMITS.rows
STATUS_WORDS = {
    **{value: value for value in Status.values},
    **{str(label).lower(): value for value, label in Status.choices},
    "geel": Status.AFGEROND,
    "blauw": Status.OP_SCHEMA,
    "rood": Status.VERTRAAGD,
    "grijs": Status.ONBEKEND,
    "op-schema": Status.OP_SCHEMA,
}
FIELD_COLUMNS = {
    "status": "status",
    "narrative": "narrative",
    "new": "new",
    "revision": "status",
    "__all__": "action",
}


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str


class Refused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


CHANGE_LABELS = {
    "status": _l("status"),
    "narrative": _l("stand van zaken"),
    "new": _l("nieuw"),
    "milestone": _l("mijlpaal"),
}


@dataclass
class Change:
    update: StatusUpdate
    form: DraftForm
    expected_revision: int
    milestone: tuple | None
    changed: list[str] = field(default_factory=list)

    @property
    def changed_labels(self) -> list[str]:
        return [str(CHANGE_LABELS[name]) for name in self.changed]


@dataclass
class Summary:
    changes: list[Change]
    unchanged: int


def _whole_file_problem(message: str) -> Refused:
    return Refused([Problem(_("bestand"), None, None, message)])


def _megabytes(size: object) -> str:
    return f"{int(cast(SupportsInt, size)) / (1024 * 1024):.0f} MB"


def _unsafe_message(unsafe: Unsafe) -> str:
    figures = unsafe.figures
    messages = {
        "compressed": lambda: (
            _("Het bestand is groter dan %(limit)s.") % {"limit": _megabytes(figures["limit"])}
        ),
        "parts": lambda: (
            _("De werkmap bestaat uit %(count)d delen; meer dan %(limit)d is te veel.") % figures
        ),
        "unpacked": lambda: (
            _("De werkmap is uitgepakt te groot om te verwerken (%(size)s, de grens is %(limit)s).")
            % {"size": _megabytes(figures["size"]), "limit": _megabytes(figures["limit"])}
        ),
        "ratio": lambda: (
            _(
                "De werkmap is uitgepakt te groot om te verwerken: deel ‘%(part)s’ wordt %(ratio)d "
                "keer zo groot als ingepakt (een zip-bom?)."
            )
            % figures
        ),
        "sheets": lambda: (
            _("De werkmap heeft %(count)d bladen; meer dan %(limit)d is te veel.") % figures
        ),
        "rows": lambda: _("Blad ‘%(sheet)s’ heeft meer dan %(limit)d regels.") % figures,
        "columns": lambda: (
            _("Blad ‘%(sheet)s’ heeft %(count)d kolommen; de grens is %(limit)d.") % figures
        ),
        "seconds": lambda: (
            _("Het lezen van de werkmap duurde langer dan %(limit)d seconden en is afgebroken.")
            % {"limit": figures["limit"]}
        ),
    }
    return messages[unsafe.reason]()


def open_workbook(upload: UploadedFile, limits: Limits = LIMITS) -> dict:
    """The sheets Pactmonitor reads, as rows of values; refuses what exceeds the limits.

    The archive is checked before anything is parsed; the parsing itself runs in a worker
    process with a time and memory limit (``xlsx.read_in_worker``).
    """
    data = upload.read(limits.compressed_bytes + 1)
    try:
        check_archive(data, limits)
        return read_in_worker(data, [SHEET, META_SHEET], limits)
    except Unsafe as unsafe:
        raise _whole_file_problem(_unsafe_message(unsafe)) from None
    except Damaged:
        if data[:4] != b"PK\x03\x04":
            raise _whole_file_problem(
                _("Dit is geen Excel-werkmap (.xlsx); kies de werkmap die u downloadde.")
            ) from None
        raise _whole_file_problem(
            _("De werkmap is beschadigd en kan niet worden gelezen.")
        ) from None


def _cell(rows: list[list], row: int, column: int) -> object:
    """The value at a 1-based row and column, None where the sheet has nothing."""
    if row <= len(rows) and column <= len(rows[row - 1]):
        return rows[row - 1][column - 1]
    return None


def read_fingerprint(workbook: dict, round: ReportingRound) -> dict[int, int]:
    """The revision of each draft at download time; refuses another round's or a forged workbook."""
    if META_SHEET not in workbook["sheetnames"] or SHEET not in workbook["sheetnames"]:
        raise _whole_file_problem(
            _(
                "Dit is geen werkmap van Pactmonitor "
                "(blad ‘%(sheet)s’ of de vingerafdruk ontbreekt)."
            )
            % {"sheet": SHEET}
        )
    meta = workbook["sheets"][META_SHEET]
    try:
        payload = signing.loads(str(_cell(meta, 2, 2) or ""), salt=SALT)
        rows = {int(pk): int(revision) for pk, revision in payload["rows"].items()}
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        raise Refused(
            [
                Problem(
                    META_SHEET,
                    2,
                    "B",
                    _(
                        "De vingerafdruk van de werkmap is beschadigd of aangepast; "
                        "download de werkmap opnieuw."
                    ),
                )
            ]
        ) from None
    if payload.get("round") != round.slug:
        raise Refused(
            [
                Problem(
                    META_SHEET,
                    1,
                    "B",
                    _("Deze werkmap hoort bij ronde ‘%(other)s’, niet bij ‘%(round)s’.")
                    % {"other": payload.get("round"), "round": round.slug},
                )
            ]
        )
    return rows


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Numbers typed in a text cell are written back the Dutch way.
        return (f"{value:.10g}").replace(".", ",")
    return str(value).strip()


def _number(value: object) -> str:
    """An action number as typed: 3, 3.0, "3", "3,0" → "3"; "3b" stays "3b"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = _text(value)
        try:
            number = parse_number(text)
        except ValueError:
            return text
    return str(int(number)) if number == int(number) else _text(number)


class RowReader:
    """Turns one row into a Change (or problems), given the round and the uploader."""

    def __init__(self, round: ReportingRound, user: User, revisions: dict[int, int]) -> None:
        self.round, self.user, self.revisions = round, user, revisions
        self.updates = {
            (u.action.pact.key, u.action.number, u.sub_measure.letter if u.sub_measure else ""): u
            for u in StatusUpdate.objects.for_round(round)
            .current()
            .select_related("action__pact", "sub_measure")
        }
        self.editable = set(
            StatusUpdate.objects.editable_by(user).filter(round=round).values_list("pk", flat=True)
        )
        self.in_scope = set(
            StatusUpdate.objects.for_round(round)
            .for_user(user, "edit")
            .values_list("pk", flat=True)
        )
        self.problems: list[Problem] = []
        self.seen: dict[int, int] = {}

    def problem(self, row: int, key: str, message: str) -> None:
        self.problems.append(Problem(SHEET, row, column_letter(key), message))

    def find_update(self, row: int, cells: dict) -> StatusUpdate | None:
        key = (_text(cells["pact"]), _number(cells["action"]), _text(cells["letter"]).lower())
        update = self.updates.get(key)
        if update is None:
            known = Action.objects.filter(pact__key=key[0], number=key[1]).exists()
            where = "letter" if known else "action"
            self.problem(
                row,
                where,
                _("Onbekende actie ‘%(action)s%(letter)s’ van pact ‘%(pact)s’ in deze ronde.")
                % {"pact": key[0], "action": key[1], "letter": key[2]},
            )
            return None
        if update.pk not in self.in_scope:
            self.problem(
                row,
                "action",
                _("Actie %(subject)s valt buiten uw bereik.") % {"subject": key[1] + key[2]},
            )
            return None
        if update.pk in self.seen:
            self.problem(
                row,
                "action",
                _("Deze actie staat ook al op regel %(row)d.") % {"row": self.seen[update.pk]},
            )
            return None
        self.seen[update.pk] = row
        return update

    def status(self, row: int, value: object) -> str | None:
        word = " ".join(_text(value).lower().split())
        if word in STATUS_WORDS:
            return STATUS_WORDS[word]
        self.problem(
            row,
            "status",
            _("Status ‘%(value)s’ staat niet in de lijst (%(choices)s).")
            % {"value": _text(value), "choices": ", ".join(str(label) for label in Status.labels)},
        )
        return None

    def milestone(self, row: int, cells: dict) -> tuple | None:
        date_cell, text = cells["milestone_date"], _text(cells["milestone_text"])
        if date_cell in (None, "") and not text:
            return None
        if not text:
            self.problem(row, "milestone_text", _("Een mijlpaal heeft een omschrijving nodig."))
            return None
        if len(text) > TEXT_LIMIT:
            self.problem(
                row,
                "milestone_text",
                _("De omschrijving is %(length)d tekens lang; de grens is %(limit)d.")
                % {"length": len(text), "limit": TEXT_LIMIT},
            )
            return None
        if date_cell in (None, ""):
            return (None, "", text)
        try:
            date, date_text = parse_date(date_cell)
        except ValueError as error:
            self.problem(row, "milestone_date", str(error))
            return None
        return (date, date_text, text)

    def read(self, row: int, cells: dict) -> Change | None:
        update = self.find_update(row, cells)
        if update is None:
            return None
        status = self.status(row, cells["status"])
        milestone = self.milestone(row, cells)
        values = {
            "status": status,
            "narrative": _text(cells["narrative"]),
            "new": _text(cells["new"]),
        }
        if status is None:
            return None
        # Compared with what the download wrote (control characters dropped), so a row the
        # user left alone counts as unchanged.
        changed = [
            name
            for name, value in values.items()
            if cell_text(getattr(update, name) or "").strip() != value
        ]
        if not changed and milestone is None:
            return None
        if update.pk not in self.editable:
            self.problem(
                row,
                "action",
                _("%(subject)s is niet meer in concept (%(state)s) en kan niet worden gewijzigd.")
                % {"subject": update, "state": update.get_state_display()},
            )
            return None
        expected = self.revisions.get(update.pk)
        if expected is None:
            self.problem(
                row,
                "action",
                _("Deze regel stond niet in de gedownloade werkmap; download de werkmap opnieuw."),
            )
            return None
        if expected != update.revision:
            who = update.updated_by or _("iemand")
            self.problem(
                row,
                "action",
                _(
                    "%(subject)s is na het downloaden in de app gewijzigd door %(who)s; "
                    "download de werkmap opnieuw, er wordt niets overschreven."
                )
                % {"subject": update, "who": who},
            )
            return None
        form = DraftForm({**values, "revision": expected}, instance=update)
        if not form.is_valid():
            for name, errors in form.errors.items():
                self.problem(row, FIELD_COLUMNS.get(name, "action"), " ".join(map(str, errors)))
            return None
        return Change(
            update, form, expected, milestone, changed + (["milestone"] if milestone else [])
        )


def read_rows(
    workbook: dict, round: ReportingRound, user: User, revisions: dict[int, int]
) -> tuple[list[Change], int]:
    sheet = workbook["sheets"][SHEET]
    header = [_text(value) for value in (sheet[0] if sheet else [])]
    expected = [column.title for column in COLUMNS]
    if header[: len(expected)] != expected:
        raise Refused(
            [
                Problem(
                    SHEET,
                    1,
                    None,
                    _("De kolommen van het blad zijn veranderd; verwacht: %(columns)s.")
                    % {"columns": ", ".join(expected)},
                )
            ]
        )
    reader, changes, rows = RowReader(round, user, revisions), [], 0
    for number, values in enumerate(sheet[1:], start=2):
        cells = {
            column.key: (values[i] if i < len(values) else None) for i, column in enumerate(COLUMNS)
        }
        if all(value in (None, "") for value in cells.values()):
            continue
        rows += 1
        change = reader.read(number, cells)
        if change is not None:
            changes.append(change)
    if reader.problems:
        raise Refused(reader.problems)
    return changes, rows - len(changes)


def _apply(change: Change, user: User) -> None:
    services.save_draft(
        change.form,
        expected_revision=change.expected_revision,
        user=user,
        evidence_added=bool(change.milestone),
    )
    if change.milestone:
        date, date_text, text = change.milestone
        change.update.milestones.create(date=date, date_text=date_text, text=text)


def import_workbook(upload: UploadedFile, round: ReportingRound, user: User) -> Summary:
    """Apply a workbook of drafts, all or nothing; raises Refused with every problem found."""
    workbook = open_workbook(upload)
    revisions = read_fingerprint(workbook, round)
    changes, unchanged = read_rows(workbook, round, user, revisions)
    try:
        with transaction.atomic():
            for change in changes:
                _apply(change, user)
    except services.EditConflict as conflict:
        row = next(c for c in changes if c.update.pk == conflict.current.pk)
        raise Refused(
            [
                Problem(
                    SHEET,
                    None,
                    None,
                    _(
                        "%(subject)s werd tijdens het uploaden door een ander gewijzigd; "
                        "er is niets opgeslagen."
                    )
                    % {"subject": row.update},
                )
            ]
        ) from None
    except services.RoundStepRefused as error:
        raise Refused([Problem(SHEET, None, None, " ".join(error.messages))]) from None
    return Summary(changes, unchanged)
