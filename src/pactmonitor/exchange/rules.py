"""The editorial rules of a bundled dataset that a machine can check (docs/dataset.md).

The loader's ``Checker`` guards structure and references, which every dataset must pass. These
rules say how faithfully a dataset follows its sources: every milestone and vindplaats with its
own quote, dates by one convention, past events not after the peildatum, no editorial remark
inside a verbatim text field. ``scripts/check_dataset.py`` runs them on the bundled dataset.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
from typing import Any

from .dataset import DECLARATIONS, Dataset, Entry, normalise_whitespace

# Fields that hold the source's own words; an editorial remark goes in `note`.
VERBATIM = ("title", "text", "narrative", "new", "lead_text", "partners_text", "ambition")
# Words that only an editor writes: a remark about the text, inside the text.
EDITORIAL = re.compile(
    r"\((?:de tekst|de bron|het resumé|het document|noot)\b|\[…\]:|contact_persons", re.I
)
# Words that must be in the quote when a status other than afgerond is read from the text.
STATUS_WORDS = {
    "op_schema": ("op schema", "op koers", "ligt op"),
    "vertraagd": ("vertraag", "loopt achter", "lopen achter"),
}

MONTH_NAMES = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)
MONTHS = {name: i for i, name in enumerate(MONTH_NAMES.split(), start=1)}
SEASON_END = {"voorjaar": (5, 31), "zomer": (8, 31), "najaar": (11, 30)}
PART_END = {"begin": (3, 31), "medio": (6, 30), "eind": (12, 31)}
START_WORDS = re.compile(r"^(?:vanaf|met ingang van|per|van)\b", re.I)


def rule_problems(dataset: Dataset) -> list[str]:
    """Every place where the dataset breaks one of the editorial rules."""
    problems: list[str] = []
    peildata = {str(e.get("slug")): e.get("peildatum") for e in dataset.rounds}
    for entry in dataset.status_updates:
        problems += _update_problems(entry, peildata.get(str(entry.get("round"))))
    for entry in dataset.pacts:
        problems += _goal_problems(entry)
        problems += _planning_problems(entry)
    problems += finding_problems(dataset)
    problems += _declaration_problems(dataset)
    problems += _verbatim_problems(dataset)
    problems += _source_problems(dataset)
    problems += figure_problems(dataset)
    return problems


def _update_problems(entry: Entry, peildatum: datetime.date | None) -> list[str]:
    problems = []
    status, quote = entry.get("status", "onbekend"), entry.get("basis_quote") or ""
    words = STATUS_WORDS.get(status)
    if entry.get("basis") == "assessed" and words and not any(w in quote.lower() for w in words):
        problems.append(
            f"{entry.where('status')}: {status} read from the text, but its quote does not say so"
        )
    for kind in ("milestones", "sources"):
        for i, item in enumerate(entry.get(kind) or []):
            where = entry.where(f"{kind}[{i}]")
            prov = item.get("provenance")
            if not isinstance(prov, dict) or not prov.get("quote"):
                problems.append(f"{where}: needs its own provenance quote")
                continue
            if kind == "milestones":
                problems += _milestone_problems(item, prov["quote"], peildatum, where)
    return problems


def _milestone_problems(
    item: dict, quote: str, peildatum: datetime.date | None, where: str
) -> list[str]:
    problems = []
    date_text, date = item.get("date_text") or "", item.get("date")
    plain = normalise_whitespace(re.sub(r"<[^>]+>|\[|\]\(#\)", "", quote)).lower()
    if date_text and normalise_whitespace(date_text).lower() not in plain:
        problems.append(f"{where}: its quote does not contain its date text {date_text!r}")
    happened = bool(item.get("happened"))
    if happened and peildatum and date and date > peildatum:
        problems.append(f"{where}: a past event dated {date} after the peildatum {peildatum}")
    expected = convention_date(date_text)
    if expected and date != expected and not (happened and date == peildatum):
        problems.append(f"{where}: {date_text!r} is {expected} by the date convention, not {date}")
    return problems


def _goal_problems(pact: Entry) -> list[str]:
    """An operational goal's quote contains its deadline text; the deadline keeps the convention."""
    problems = []
    for i, action in enumerate(pact.get("actions") or []):
        for j, goal in enumerate(action.get("operational_goals") or []):
            where = pact.where(f"actions[{i}].operational_goals[{j}]")
            quote = (goal.get("provenance") or action.get("provenance") or {}).get("quote", "")
            words = normalise_whitespace(goal.get("deadline_text") or "").lower()
            if words and words not in normalise_whitespace(quote).lower():
                problems.append(f"{where}: its quote does not contain its deadline text {words!r}")
            expected = convention_date(words)
            if expected and goal.get("deadline") != expected:
                problems.append(
                    f"{where}: {words!r} is {expected} by the date convention, "
                    f"not {goal.get('deadline')}"
                )
    return problems


def _planning_problems(pact: Entry) -> list[str]:
    """A planning line's quote contains its date text; the date keeps the convention; a year
    the line does not give is explained in its note (from the list's heading)."""
    problems = []
    for i, item in enumerate(pact.get("planning") or []):
        where = pact.where(f"planning[{i}]")
        quote = (item.get("provenance") or {}).get("quote", "")
        words = normalise_whitespace(item.get("date_text") or "").lower()
        plain = normalise_whitespace(re.sub(r"<[^>]+>", "", quote)).lower()
        if words and words not in plain:
            problems.append(f"{where}: its quote does not contain its date text {words!r}")
        date = item.get("date")
        if not isinstance(date, datetime.date):
            continue
        if not re.search(r"\b\d{4}\b", words) and not item.get("note"):
            problems.append(
                f"{where}: {words!r} gives no year: say in the note where {date.year} comes from"
            )
        expected = planning_date(words, date.year)
        if expected and date != expected:
            problems.append(f"{where}: {words!r} is {expected} by the date convention, not {date}")
    return problems


def planning_date(date_text: str, year: int) -> datetime.date | None:
    """The convention's date for a planning line, whose year may come from its list's heading:
    "eind mei / begin juni" → the last day of the later month, "eindjuni" → 30 June, "nade
    zomer" (na de zomer) → 1 September, else ``convention_date`` with the year added."""
    words = normalise_whitespace(date_text).lower()
    words = re.sub(r"\beind(?=[a-z])", "eind ", words)  # "eindjuni": a word break lost in the text
    words = re.sub(r"\bnade\b", "na de", words)
    if re.fullmatch(r"na de zomer(?: \d{4})?", words):
        return datetime.date(year, 9, 1)
    last = re.split(r"\s*/\s*", words)[-1] if re.search(r"[a-z]\s*/\s*[a-z]", words) else words
    last = re.sub(r"^(?:begin|eind|medio) (?=[a-z])", "", last)
    if last in MONTHS:
        month = MONTHS[last]
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    if not re.search(r"\b\d{4}\b", words):
        words = f"{words} {year}"
    return convention_date(words)


def convention_date(date_text: str) -> datetime.date | None:
    """The date docs/dataset.md gives for the common ways the seeds name a time, else None."""
    words = normalise_whitespace(date_text).lower()
    start = bool(START_WORDS.match(words))
    if re.search(r"\bt(?:ot)?(?: en met)?\b|\bjaren\b", words) and not words.startswith("tot "):
        return None  # a range: which end is meant is the editor's reading
    if m := re.search(r"\b(\d{1,2}) (\w+) (\d{4})\b", words):
        if m.group(2) in MONTHS:
            return datetime.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    if m := re.search(r"\b(school|college)jaar (\d{4})[/-](\d{2,4})\b", words):
        first = int(m.group(2))
        if start:
            return datetime.date(first, 8 if m.group(1) == "school" else 9, 1)
        return datetime.date(first + 1, 7 if m.group(1) == "school" else 8, 31)
    if m := re.search(r"\bvoor de zomer (?:van )?(\d{4})$", words):
        return datetime.date(int(m.group(1)), 6, 30)
    if (m := re.search(r"\b(voorjaar|zomer|najaar) van (\d{4})$", words)) and not start:
        return datetime.date(int(m.group(2)), *SEASON_END[m.group(1)])
    if m := re.search(r"\b(\w+) (\d{4})$", words):
        word, year = m.group(1), int(m.group(2))
        if word in MONTHS:
            month = MONTHS[word]
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1 if start else last)
        if word in SEASON_END and not start:
            return datetime.date(year, *SEASON_END[word])
        if word in PART_END:
            return datetime.date(year, *PART_END[word])
    if m := re.fullmatch(r"(?:in |vanaf |met ingang van |per )?(\d{4})", words):
        return (
            datetime.date(int(m.group(1)), 1, 1)
            if start
            else datetime.date(int(m.group(1)), 12, 31)
        )
    return None


def _declaration_problems(dataset: Dataset) -> list[str]:
    """Every declaration of a merged record keeps its own quote (evidence per field)."""
    problems = []
    for kind in ("organisations", "initiatives"):
        for key, entry in getattr(dataset, kind).items():
            for declaration in entry.get(DECLARATIONS) or []:
                prov = declaration.get("provenance")
                if not isinstance(prov, dict) or not prov.get("quote"):
                    problems.append(
                        f"{declaration['file']}: {kind} {key}: a later declaration without a quote"
                    )
    return problems


def _verbatim_problems(dataset: Dataset) -> list[str]:
    problems = []

    def visit(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name in VERBATIM and isinstance(value, str) and EDITORIAL.search(value):
                    problems.append(f"{where}.{name}: an editorial remark belongs in the note")
                visit(value, f"{where}.{name}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                visit(item, f"{where}[{i}]")

    for entry in [*dataset.pacts, *dataset.status_updates, *dataset.region_profiles]:
        visit(entry.data, entry.where())
    return problems


def _source_problems(dataset: Dataset) -> list[str]:
    """The list of sources agrees with each file's own `source` block; rounds with their seed."""
    problems = []
    listed = {str(e.get("seed")): e for e in dataset.sources if e.path.startswith("sources[")}
    for own in (e for e in dataset.sources if e.path == "source"):
        entry = listed.get(str(own.get("seed")))
        for name in ("title", "date", "date_text"):
            if entry is not None and _same(entry.get(name)) != _same(own.get(name)):
                problems.append(
                    f"{own.where(name)}: {own.get(name)!r} differs from "
                    f"{entry.where(name)}: {entry.get(name)!r}"
                )
    for round in dataset.rounds:
        seed = str((round.get("provenance") or {}).get("seed"))
        document = listed.get(seed)
        if document is not None and document.get("date") != round.get("peildatum"):
            problems.append(
                f"{round.where('peildatum')}: {round.get('peildatum')} is not the date of "
                f"its document {seed} ({document.get('date')})"
            )
    return problems


# Words by which a document gives a figure as the present state (docs/dataset.md, "Een cijfer
# dateren"): such a figure holds at the document's peildatum.
PRESENT = re.compile(r"\b(?:huidige stand|op dit moment|momenteel|nu|inmiddels)\b", re.I)
# Words that make a number a bound, before it ("minder dan 20%", "ruim 1400", "> 50.000").
BOUND_BEFORE = r"(?:minder dan|meer dan|ruim|een kleine|bijna|ten ?minste|minimaal|maximaal|>|<)"
NUMBER = r"\d+(?:[.,]\d+)*"
# Words of an editor who split a range into two points.
SPLIT_RANGE = re.compile(r"\b(?:ondergrens|bovengrens|bandbreedte)\b", re.I)


def figure_problems(dataset: Dataset) -> list[str]:
    """Ranges stored as ranges, every figure dated by one rule, breakdowns apart flagged."""
    documents = {str(e.get("seed")): e for e in dataset.sources if e.path.startswith("sources[")}
    # The "van 45%" of a goal is the situation when the national pact was signed.
    signing = next(
        (p.get("signed_on") for p in dataset.pacts if p.get("level") == "national"), None
    )
    problems = []
    for entry in [*dataset.indicators.values(), *dataset.indicator_parts]:
        observations = entry.get("observations") or []
        for kind in ("targets", "observations"):
            for i, item in enumerate(entry.get(kind) or []):
                where = entry.where(f"{kind}[{i}]")
                problems += _range_problems(item, kind, where)
                if kind == "observations":
                    problems += _dating_problems(item, documents, signing, where)
        problems += _comparability_problems(observations, entry)
    return problems


def finding_problems(dataset: Dataset) -> list[str]:
    """A finding holds when its document says it does: at the document's date (or its year,
    for a document dated by its year only), with that date in words; no figure in it."""
    documents = {str(e.get("seed")): e for e in dataset.sources if e.path.startswith("sources[")}
    problems = []
    for entry in dataset.findings:
        where = entry.where()
        document = documents.get(str((entry.get("provenance") or {}).get("seed")))
        if not entry.get("as_of_text"):
            problems.append(f"{where}: a finding says in words when it holds (as_of_text)")
        if document is not None:
            problems += _stand_problems(entry.data, document, where)
    return problems


def dutch_number(text: str) -> float | None:
    """ "50.000" → 50000, "0,4" → 0.4, "1400" → 1400; None when it is no number."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _given_as_bound(quote: str, value: float) -> bool:
    """The quote gives this number as a bound or as one end of a range."""
    plain = normalise_whitespace(re.sub(r"<[^>]+>", "", quote)).lower()
    for m in re.finditer(rf"{BOUND_BEFORE}\s*(?:€\s*)?({NUMBER})(\s*(?:mln|miljoen))?", plain):
        number = dutch_number(m.group(1))
        if number is not None and value == number * (1_000_000 if m.group(2) else 1):
            return True
    pair = rf"({NUMBER})\s*(?:–|-|à|a|en)\s*({NUMBER})"
    for m in re.finditer(rf"(?:tussen (?:de )?)?{pair}", plain):
        if m.group(0).startswith("tussen") or not re.search(r"\ben\b", m.group(0)):
            if value in (dutch_number(m.group(1)), dutch_number(m.group(2))):
                return True
    return False


def _range_problems(item: dict, kind: str, where: str) -> list[str]:
    problems = []
    quote = (item.get("provenance") or {}).get("quote", "")
    lower, upper, value = item.get("lower"), item.get("upper"), item.get("value")
    bounded = lower is not None or upper is not None
    if bounded and kind == "observations" and value is not None:
        problems.append(f"{where}: a range has its bounds and no point value")
    if bounded and kind == "targets" and value != (lower if lower is not None else upper):
        problems.append(f"{where}: a target given as a range is judged against its bound")
    words = normalise_whitespace(item.get("bound_text") or "").lower()
    if words and words not in normalise_whitespace(quote).lower():
        problems.append(f"{where}: its quote does not contain its bound text {words!r}")
    if not bounded and isinstance(value, int | float) and not isinstance(value, bool):
        problems += _point_problems(quote, float(value), where)
    said = " ".join([item.get("note") or "", json.dumps(item.get("dimensions") or {})])
    if not bounded and SPLIT_RANGE.search(said):
        problems.append(f"{where}: one end of a range stored as a point; store the range")
    return problems


def _point_problems(quote: str, value: float, where: str) -> list[str]:
    if _given_as_bound(quote, value):
        return [f"{where}: {value:g} is a bound or range in its quote; store it as one"]
    return []


def _dating_problems(
    item: dict, documents: dict[str, Entry], signing: datetime.date | None, where: str
) -> list[str]:
    problems = []
    year = item.get("year")
    dating = item.get("dating") or ("stated" if year else "not_given")
    quote = (item.get("provenance") or {}).get("quote", "")
    document = documents.get(str((item.get("provenance") or {}).get("seed")))
    present = PRESENT.search(quote) or PRESENT.search(item.get("period_text") or "")
    if present and dating not in ("document", "stated"):
        problems.append(
            f"{where}: {present.group(0)!r} gives the present state: date it at its document's "
            "peildatum (dating: document)"
        )
    if year is None and dating != "not_given":
        problems.append(f"{where}: a figure without a year has dating not_given")
    if year is not None and dating == "not_given":
        problems.append(f"{where}: a figure with a year says where the year comes from")
    if dating == "document" and document is not None:
        problems += _stand_problems(item, document, where)
    if dating == "signing" and signing is None:
        problems.append(f"{where}: dated at the signing, but the national pact has no signed_on")
    elif dating == "signing" and signing and (item.get("as_of") != signing or year != signing.year):
        problems.append(f"{where}: the situation at the pact's signing is as of {signing}")
    if dating in ("document", "signing") and not item.get("as_of_text"):
        problems.append(f"{where}: a dated stand says in words where its date comes from")
    return problems


def _stand_problems(item: dict, document: Entry, where: str) -> list[str]:
    """A stand holds at its document's date, or at an earlier one its section gives
    ("Belangrijkste resultaten tot maart 2015"); its year is that date's."""
    date, as_of, year = document.get("date"), item.get("as_of"), item.get("year")
    if date is None:  # a document dated by its year only ("2016"): no day to give
        expected = _year_in(document.get("date_text"))
        if year != expected or as_of is not None:
            return [f"{where}: dated at its document's year {expected}, without a day"]
        return []
    if as_of is None or as_of > date or year != as_of.year:
        return [
            f"{where}: dated at its document's peildatum, so as_of {date} (or an earlier day "
            f"its section gives) and that day's year, not {year} / {as_of}"
        ]
    return []


def _year_in(text: Any) -> int | None:
    m = re.search(r"\b(19|20)\d{2}\b", str(text or ""))
    return int(m.group(0)) if m else None


def _comparability_problems(observations: list[dict], entry: Entry) -> list[str]:
    """A figure in another breakdown than its indicator's baseline is flagged as such."""
    problems = []
    baselines = [o for o in observations if o.get("dating") == "signing"]
    for baseline in baselines:
        for i, other in enumerate(observations):
            if other is baseline or other.get("region") != baseline.get("region"):
                continue
            apart = other.get("education_level") != baseline.get("education_level") or (
                other.get("dimensions") or {}
            ) != (baseline.get("dimensions") or {})
            if apart and other.get("comparable", True) is not False:
                problems.append(
                    f"{entry.where(f'observations[{i}]')}: another breakdown than the baseline "
                    f"{baseline.get('value')}: mark it comparable: false and say why"
                )
    return problems


def _same(value: Any) -> Any:
    return normalise_whitespace(value) if isinstance(value, str) else value
