"""Reading a filled-in workbook back: every row through the web UI's forms (DraftForm and the
milestone and source formsets) and ``save_draft``.

Every problem in what was typed (a status not in the list, an unknown action, a draft outside
the uploader's scope, a bad date) is reported with sheet, row and column, and then nothing is
written. A damaged or foreign workbook is refused whole. A row whose draft was changed in the
app since the download (or submitted) is stale: that row only is refused, saying who saved it,
and the other rows are applied, each in its own transaction (unless the only saves since were
uploads of this same workbook by its downloader: a correction of it applies). A row whose values
equal what is stored is left alone, so uploading the same workbook twice changes nothing the
second time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, SupportsInt, cast

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.forms import BaseInlineFormSet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from pactmonitor.pacts.models import Action
from pactmonitor.progress import services
from pactmonitor.progress.choices import Status
from pactmonitor.progress.forms import (
    MILESTONES,
    SOURCES,
    DraftForm,
    MilestoneFormSet,
    SourceFormSet,
)
from pactmonitor.progress.models import Milestone, ReportingRound, Source, StatusUpdate

from .choices import Outcome
from .dutch import parse_date, parse_number
from .workbook import (
    COLUMNS,
    DELETE,
    ITEM_COLUMNS,
    ITEMS_SHEET,
    META_SHEET,
    MILESTONE,
    SALT,
    SHEET,
    SOURCE,
    cell_text,
    column_letter,
    item_letter,
    milestone_date_text,
)
from .xlsx import Damaged, Limits, Unsafe, check_archive, read_in_worker

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from pactmonitor.accounts.models import User

LIMITS = Limits()
MAX_ROWS = LIMITS.rows
# Besides these, a status may be typed as its label in any of the site's languages (a workbook
# downloaded in English says "on schedule"): see ``status_words``.
# A status typed as its colour ("geel"), or its code with a hyphen ("op-schema").
COLOUR_WORDS = {Status(code).colour: Status(code) for code in Status.values} | {
    "op-schema": Status.OP_SCHEMA,
}


@cache
def status_words() -> dict[str, str]:
    """Every word a status may be typed as, lower case → its code: the code, its label in each
    of the site's languages and its colour word."""
    words = {value: value for value in Status.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            words |= {str(label).lower(): value for value, label in Status.choices}
    return words | COLOUR_WORDS


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
    "milestones": _l("mijlpalen"),
    "sources": _l("vindplaatsen"),
}
ITEM_FIELD_COLUMNS = {
    "date": "date",
    "date_text": "date",
    "text": "text",
    "title": "text",
    "url": "url",
    "id": "number",
}


@dataclass
class ItemRow:
    """One row of the items sheet: a milestone or source of a draft, new or existing."""

    row: int
    kind: str
    number: int | None
    date: object
    text: str
    url: str
    delete: bool


@dataclass
class Entry:
    """One row of the Updates sheet with the item rows that name the same draft."""

    row: int
    update: StatusUpdate
    values: dict[str, str]
    items: list[ItemRow] = field(default_factory=list)
    numbers: dict[tuple[str, int], int] = field(default_factory=dict)  # (kind, nr) → its row


@dataclass
class Change:
    """A row to apply: the same forms the edit page validates, already valid."""

    row: int
    update: StatusUpdate
    form: DraftForm
    formsets: list[BaseInlineFormSet]
    expected_revision: int
    changed: list[str]

    @property
    def changed_labels(self) -> list[str]:
        return [str(CHANGE_LABELS[name]) for name in self.changed]


@dataclass
class RowResult:
    row: int
    update: StatusUpdate
    outcome: str
    detail: str = ""

    def get_outcome_display(self) -> str:
        return str(Outcome(self.outcome).label)


@dataclass
class Summary:
    """What the upload did, row by row (applied, unchanged or refused with the reason)."""

    results: list[RowResult]
    revisions: dict[int, int] = field(default_factory=dict)

    def _with(self, outcome: str) -> list[RowResult]:
        return [result for result in self.results if result.outcome == outcome]

    @property
    def changes(self) -> list[RowResult]:
        return self._with(Outcome.APPLIED)

    @property
    def unchanged(self) -> list[RowResult]:
        return self._with(Outcome.UNCHANGED)

    @property
    def refused(self) -> list[RowResult]:
        return self._with(Outcome.REFUSED)

    @property
    def already_processed(self) -> bool:
        """Nothing to do although drafts moved on since the download: the same content was
        uploaded (or saved) before, so a second upload of one workbook says so."""
        return (
            not self.changes
            and not self.refused
            and any(r.update.revision != self.revisions.get(r.update.pk) for r in self.unchanged)
        )


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
        return read_in_worker(data, [SHEET, ITEMS_SHEET, META_SHEET], limits)
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


@dataclass(frozen=True)
class Fingerprint:
    """What the workbook's signed fingerprint says: each draft's revision at download time and
    the download itself (who downloaded it and when), so a save made by uploading this very
    workbook can be told apart from any other (``tag``, kept as the history's change reason)."""

    rows: dict[int, int]
    user_id: int | None
    at: str

    @property
    def tag(self) -> str:
        return f"werkmap {self.user_id} {self.at}"[:100]


def read_fingerprint(workbook: dict, round: ReportingRound) -> Fingerprint:
    """The revision of each draft at download time; refuses another round's or a forged workbook."""
    if META_SHEET not in workbook["sheetnames"] or SHEET not in workbook["sheetnames"]:
        raise _whole_file_problem(
            _(
                "Dit is geen werkmap van Pactmonitor "
                "(blad ‘%(sheet)s’ of de vingerafdruk ontbreekt)."
            )
            % {"sheet": SHEET}
        )
    if ITEMS_SHEET not in workbook["sheetnames"]:
        raise _whole_file_problem(
            _(
                "Blad ‘%(sheet)s’ ontbreekt (een werkmap van een eerdere versie van "
                "Pactmonitor?); download de werkmap opnieuw."
            )
            % {"sheet": ITEMS_SHEET}
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
    user_id = payload.get("user")
    return Fingerprint(rows, user_id if isinstance(user_id, int) else None, str(payload.get("at")))


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


def _item_cells_of(stored: Milestone | Source) -> tuple[str, str, str]:
    """An existing item as the download wrote it (date, text, address)."""
    if isinstance(stored, Milestone):
        return (cell_text(milestone_date_text(stored)), cell_text(stored.text), "")
    return ("", cell_text(stored.title), cell_text(stored.url))


class RowReader:
    """Reads the rows of both sheets into entries (or problems), given the round and the
    uploader; decides per entry whether it is unchanged, stale or a change to apply."""

    def __init__(self, round: ReportingRound, user: User, fingerprint: Fingerprint) -> None:
        self.round, self.user, self.fingerprint = round, user, fingerprint
        self.revisions = dict(fingerprint.rows)
        self.updates = {
            (u.action.pact.key, u.action.number, u.sub_measure.letter if u.sub_measure else ""): u
            for u in StatusUpdate.objects.for_round(round)
            .current()
            .select_related("action__pact", "sub_measure", "updated_by")
            .prefetch_related("milestones", "sources")
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
        self.entries: dict[int, Entry] = {}

    def problem(self, row: int, key: str, message: str) -> None:
        self.problems.append(Problem(SHEET, row, column_letter(key), message))

    def item_problem(self, row: int, key: str, message: str) -> None:
        self.problems.append(Problem(ITEMS_SHEET, row, item_letter(key), message))

    def _lookup(self, cells: dict) -> tuple[tuple[str, str, str], StatusUpdate | None]:
        key = (_text(cells["pact"]), _number(cells["action"]), _text(cells["letter"]).lower())
        return key, self.updates.get(key)

    def _unknown(self, key: tuple[str, str, str]) -> tuple[str, str]:
        known = Action.objects.filter(pact__key=key[0], number=key[1]).exists()
        message = _("Onbekende actie ‘%(action)s%(letter)s’ van pact ‘%(pact)s’ in deze ronde.") % {
            "pact": key[0],
            "action": key[1],
            "letter": key[2],
        }
        return ("letter" if known else "action"), message

    def find_update(self, row: int, cells: dict) -> StatusUpdate | None:
        key, update = self._lookup(cells)
        if update is None:
            self.problem(row, *self._unknown(key))
            return None
        if update.pk not in self.in_scope:
            self.problem(
                row,
                "action",
                _("Actie %(subject)s valt buiten uw bereik.") % {"subject": key[1] + key[2]},
            )
            return None
        if update.pk in self.entries:
            self.problem(
                row,
                "action",
                _("Deze actie staat ook al op regel %(row)d.")
                % {"row": self.entries[update.pk].row},
            )
            return None
        return update

    def status(self, row: int, value: object) -> str | None:
        word = " ".join(_text(value).lower().split())
        if code := status_words().get(word):
            return code
        self.problem(
            row,
            "status",
            _("Status ‘%(value)s’ staat niet in de lijst (%(choices)s).")
            % {"value": _text(value), "choices": ", ".join(str(label) for label in Status.labels)},
        )
        return None

    def read(self, row: int, cells: dict) -> None:
        update = self.find_update(row, cells)
        if update is None:
            return
        status = self.status(row, cells["status"])
        if status is None:
            return
        values = {
            "status": status,
            "narrative": _text(cells["narrative"]),
            "new": _text(cells["new"]),
        }
        self.entries[update.pk] = Entry(row, update, values)

    def read_item(self, row: int, cells: dict) -> None:
        key, update = self._lookup(cells)
        if update is None:
            where, message = self._unknown(key)
            self.item_problem(row, where, message)
            return
        if update.pk not in self.in_scope:
            self.item_problem(
                row,
                "action",
                _("Actie %(subject)s valt buiten uw bereik.") % {"subject": key[1] + key[2]},
            )
            return
        entry = self.entries.get(update.pk)
        if entry is None:
            self.item_problem(
                row,
                "action",
                _("Actie %(subject)s staat niet (goed) op blad ‘%(sheet)s’.")
                % {"subject": key[1] + key[2], "sheet": SHEET},
            )
            return
        kind = _text(cells["kind"]).lower()
        if kind not in (MILESTONE, SOURCE):
            self.item_problem(
                row,
                "kind",
                _("Soort ‘%(value)s’: schrijf ‘%(milestone)s’ of ‘%(source)s’.")
                % {"value": _text(cells["kind"]), "milestone": MILESTONE, "source": SOURCE},
            )
            return
        # A cell the kind does not have would be ignored by the save: refused, so the summary
        # never reports a change that is not made.
        if kind == MILESTONE and _text(cells["url"]):
            self.item_problem(
                row, "url", _("Een mijlpaal heeft geen adres; een adres hoort bij een vindplaats.")
            )
            return
        if kind == SOURCE and _text(cells["date"]):
            self.item_problem(
                row, "date", _("Een vindplaats heeft geen datum; een datum hoort bij een mijlpaal.")
            )
            return
        number, delete = _number(cells["number"]), _text(cells["delete"]).lower()
        if number and not number.isdigit():
            self.item_problem(
                row, "number", _("Nr ‘%(value)s’ is geen nummer.") % {"value": number}
            )
            return
        if delete not in ("", DELETE, "nee"):
            self.item_problem(row, "delete", _("Onder ‘Verwijderen’ staat ‘ja’ of niets."))
            return
        if number and (kind, int(number)) in entry.numbers:
            self.item_problem(
                row,
                "number",
                _("Nr %(number)s staat ook al op regel %(row)d.")
                % {"number": number, "row": entry.numbers[(kind, int(number))]},
            )
            return
        if number:
            entry.numbers[(kind, int(number))] = row
        entry.items.append(
            ItemRow(
                row,
                kind,
                int(number) if number else None,
                cells["date"],
                _text(cells["text"]),
                _text(cells["url"]),
                delete == DELETE,
            )
        )

    # -- per entry: unchanged, stale, or a change -------------------------------------------

    def _stored(self, update: StatusUpdate, kind: str) -> dict[int, Milestone | Source]:
        items = update.milestones.all() if kind == MILESTONE else update.sources.all()
        return {item.pk: item for item in items}

    def _same(self, item: ItemRow, stored: Milestone | Source) -> bool:
        if (cell_text(_text(item.date)), item.text, item.url) == _item_cells_of(stored):
            return True
        if isinstance(stored, Milestone) and item.text == stored.text and not item.url:
            try:
                return parse_date(item.date) == (stored.date, stored.date_text)
            except ValueError:
                return False
        return False

    def _plan_items(self, entry: Entry, kind: str) -> tuple[list, list, list]:
        """(existing item to change, new items, items named by a number that is not there)."""
        stored = self._stored(entry.update, kind)
        changed, new, missing = [], [], []
        for item in (i for i in entry.items if i.kind == kind):
            if item.number is not None:
                if item.number not in stored:
                    if not item.delete:  # deleting what is already gone changes nothing
                        missing.append(item)
                elif item.delete or not self._same(item, stored[item.number]):
                    changed.append((item, stored[item.number]))
            elif not item.delete and not any(self._same(item, s) for s in stored.values()):
                new.append(item)  # a new row equal to a stored item is that item (a re-upload)
        return changed, new, missing

    def _changed(self, entry: Entry) -> tuple[list[str], dict[str, tuple]]:
        update = entry.update
        # Compared with what the download wrote (control characters dropped), so a row the
        # user left alone counts as unchanged.
        names = [
            name
            for name, value in entry.values.items()
            if cell_text(getattr(update, name) or "").strip() != value
        ]
        plans = {kind: self._plan_items(entry, kind) for kind in (MILESTONE, SOURCE)}
        for kind, label in ((MILESTONE, "milestones"), (SOURCE, "sources")):
            if any(plans[kind]):
                names.append(label)
        return names, plans

    def _stale(self, entry: Entry) -> str | None:
        update = entry.update
        if update.pk not in self.editable:
            return _(
                "Niet verwerkt: %(subject)s is na het downloaden %(state)s en kan niet meer "
                "worden gewijzigd."
            ) % {"subject": update, "state": update.get_state_display()}
        expected = self.revisions.get(update.pk)
        if expected is not None and expected != update.revision:
            if self._changed_only_by_this_workbook(update, expected):
                # The uploader corrects what an earlier upload of this same workbook wrote:
                # nobody else saved the draft since, so their correction is based on it.
                self.revisions[update.pk] = update.revision
                return None
            return stale_message(update)
        return None

    def _changed_only_by_this_workbook(self, update: StatusUpdate, expected: int) -> bool:
        """Whether every save of ``update`` since the download was an upload of this workbook
        by the uploader who downloaded it (the history's user and change reason say so)."""
        if self.fingerprint.user_id != self.user.pk:
            return False
        since = update.history.filter(revision__gt=expected)
        saves = list(since.values_list("history_user_id", "history_change_reason"))
        return bool(saves) and all(
            who == self.user.pk and why == self.fingerprint.tag for who, why in saves
        )

    def decide(self, entry: Entry) -> Change | RowResult | None:
        names, plans = self._changed(entry)
        if not names:
            return RowResult(entry.row, entry.update, Outcome.UNCHANGED)
        if (reason := self._stale(entry)) is not None:
            return RowResult(entry.row, entry.update, Outcome.REFUSED, reason)
        expected = self.revisions.get(entry.update.pk)
        if expected is None:
            self.problem(
                entry.row,
                "action",
                _("Deze regel stond niet in de gedownloade werkmap; download de werkmap opnieuw."),
            )
            return None
        for item in plans[MILESTONE][2] + plans[SOURCE][2]:
            self.item_problem(
                item.row,
                "number",
                _("Nr %(number)d is geen %(kind)s van %(subject)s.")
                % {"number": item.number, "kind": item.kind, "subject": entry.update},
            )
        form = DraftForm({**entry.values, "revision": expected}, instance=entry.update)
        formsets = [
            self._formset(entry, MilestoneFormSet, MILESTONES, plans[MILESTONE]),
            self._formset(entry, SourceFormSet, SOURCES, plans[SOURCE]),
        ]
        if not self._valid(entry, form, formsets) or plans[MILESTONE][2] or plans[SOURCE][2]:
            return None
        return Change(entry.row, entry.update, form, formsets, expected, names)

    def _formset(self, entry: Entry, formset_class: type, prefix: str, plan: tuple) -> Any:
        changed, new, _missing = plan
        data: dict[str, object] = {
            f"{prefix}-TOTAL_FORMS": len(changed) + len(new),
            f"{prefix}-INITIAL_FORMS": len(changed),
        }
        rows = []
        for number, (item, stored) in enumerate(changed):
            data |= self._item_data(prefix, number, item, stored)
            rows.append(item.row)
        for number, item in enumerate(new, start=len(changed)):
            data |= self._item_data(prefix, number, item, None)
            rows.append(item.row)
        formset = formset_class(data, instance=entry.update, prefix=prefix)
        formset.sheet_rows = rows  # for the problems: which item row each form came from
        return formset

    def _item_data(
        self, prefix: str, number: int, item: ItemRow, stored: Milestone | Source | None
    ) -> dict[str, object]:
        name = f"{prefix}-{number}-"
        data: dict[str, object] = {name + "id": stored.pk} if stored else {}
        if item.delete:
            data[name + "DELETE"] = "on"
        if item.kind == SOURCE:
            return data | {name + "title": item.text, name + "url": item.url}
        if stored is not None and isinstance(stored, Milestone) and self._same(item, stored):
            date, date_text = stored.date, stored.date_text  # only "delete" changed
        elif item.date in (None, ""):
            date, date_text = None, ""
        else:
            try:
                date, date_text = parse_date(item.date)
            except ValueError as error:
                self.item_problem(item.row, "date", str(error))
                date, date_text = None, ""
        return data | {
            name + "date": date.isoformat() if date else "",
            name + "date_text": date_text,
            name + "text": item.text,
        }

    def _valid(self, entry: Entry, form: DraftForm, formsets: list) -> bool:
        valid = form.is_valid()
        for name, errors in (form.errors if not valid else {}).items():
            self.problem(entry.row, FIELD_COLUMNS.get(name, "action"), " ".join(map(str, errors)))
        for formset in formsets:
            if formset.is_valid():
                continue
            valid = False
            # Not strict: beyond Django's absolute_max a formset makes fewer forms than rows
            # (and says so in its non-form errors).
            for row, errors in zip(formset.sheet_rows, formset.errors, strict=False):
                for name, messages in errors.items():
                    column = ITEM_FIELD_COLUMNS.get(name, "kind")
                    self.item_problem(row, column, " ".join(map(str, messages)))
            for message in formset.non_form_errors():
                self.item_problem(
                    formset.sheet_rows[0] if formset.sheet_rows else 1, "kind", message
                )
        return valid


def stale_message(update: StatusUpdate) -> str:
    return _(
        "Niet verwerkt: %(subject)s is na het downloaden in de app gewijzigd door %(who)s "
        "(%(when)s); download de werkmap opnieuw, er is niets overschreven."
    ) % {
        "subject": update,
        "who": update.updated_by or _("iemand"),
        "when": date_format(timezone.localtime(update.updated_at), "j F Y H:i"),
    }


def _check_header(sheet: list[list], name: str, columns: list) -> None:
    header = [_text(value) for value in (sheet[0] if sheet else [])]
    expected = [column.title for column in columns]
    if header[: len(expected)] != expected:
        raise Refused(
            [
                Problem(
                    name,
                    1,
                    None,
                    _("De kolommen van het blad zijn veranderd; verwacht: %(columns)s.")
                    % {"columns": ", ".join(expected)},
                )
            ]
        )


def _rows(sheet: list[list], columns: list) -> Iterator[tuple[int, dict]]:
    """The filled rows of a sheet below its header, as {column key: value}."""
    for number, values in enumerate(sheet[1:], start=2):
        cells = {
            column.key: (values[i] if i < len(values) else None) for i, column in enumerate(columns)
        }
        if not all(value in (None, "") for value in cells.values()):
            yield number, cells


def read_rows(
    workbook: dict, round: ReportingRound, user: User, fingerprint: Fingerprint
) -> list[Change | RowResult]:
    """Every row checked; raises Refused with every problem of what was typed."""
    sheet, items = workbook["sheets"][SHEET], workbook["sheets"][ITEMS_SHEET]
    _check_header(sheet, SHEET, COLUMNS)
    _check_header(items, ITEMS_SHEET, ITEM_COLUMNS)
    reader = RowReader(round, user, fingerprint)
    for number, cells in _rows(sheet, COLUMNS):
        reader.read(number, cells)
    for number, cells in _rows(items, ITEM_COLUMNS):
        reader.read_item(number, cells)
    decided = [reader.decide(entry) for entry in reader.entries.values()]
    if reader.problems:
        raise Refused(reader.problems)
    return [outcome for outcome in decided if outcome is not None]


def _apply(change: Change, user: User, tag: str) -> RowResult:
    """One row in its own transaction: a row that fails leaves the others applied. The save's
    history says it came from this workbook (``tag``), so a later upload of the same workbook
    may correct it."""
    change.form.instance._change_reason = tag  # simple-history's change reason
    try:
        with transaction.atomic():
            services.save_draft(
                change.form,
                expected_revision=change.expected_revision,
                user=user,
                formsets=change.formsets,
            )
    except services.EditConflict as conflict:  # saved by another between reading and writing
        return RowResult(
            change.row, change.update, Outcome.REFUSED, stale_message(conflict.current)
        )
    except services.RoundStepRefused as error:
        return RowResult(change.row, change.update, Outcome.REFUSED, " ".join(error.messages))
    return RowResult(change.row, change.update, Outcome.APPLIED, ", ".join(change.changed_labels))


def import_workbook(upload: UploadedFile, round: ReportingRound, user: User) -> Summary:
    """Apply a workbook of drafts row by row; raises Refused (nothing written) for a damaged or
    foreign workbook and for any problem in what was typed."""
    workbook = open_workbook(upload)
    fingerprint = read_fingerprint(workbook, round)
    outcomes = read_rows(workbook, round, user, fingerprint)
    results = [
        o if isinstance(o, RowResult) else _apply(o, user, fingerprint.tag) for o in outcomes
    ]
    return Summary(sorted(results, key=lambda result: result.row), fingerprint.rows)
