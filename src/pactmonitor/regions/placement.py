"""Placing source values in municipalities: the 2019 municipalities of DUO's files, by CBS code.

DUO's open data names a row's place in several ways: a municipality number ("0106"), a
municipality name ("'s-Hertogenbosch", "S HERTOGENBOSCH"), a place name (the mbo file's
PLAATSNAAM "ROTTERDAM") or a school location (VESTIGINGSNUMMER "18BR00"). ``placements(key)``
turns each kind of value into the CBS code of the 2019 municipality it lies in ("GM0106").

The municipalities are those of DUO's 2019 files: every municipality of the register of
secondary school locations (2019) plus the few that DUO's exam file names without a school in
that register, listed in the crosswalk. Everything is read from the bundled open data
(``datasets/opendata/regions/``, see the README there) and kept in memory per process.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

OPENDATA = Path(__file__).resolve().parent.parent / "datasets" / "opendata" / "regions"
SCHOOLS = OPENDATA / "alle-vestigingen-vo.csv"
CBS_COROP = OPENDATA / "woningwaardering-corop.generated.csv"
LABOUR_MARKET = OPENDATA / "arbeidsmarktregios-2015.csv"
CROSSWALK = OPENDATA / "crosswalk-gemeenten.csv"

KEYS = ("gemeentecode", "gemeentenaam", "plaatsnaam", "vestiging")

_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")


def normalise(value: str) -> str:
    """A value as every file may spell it: "'s-Hertogenbosch" and "S HERTOGENBOSCH" agree.

    Accents are folded (Súdwest-Fryslân → SUDWEST FRYSLAN), apostrophes dropped, every other
    run of punctuation or white space becomes one space ("Bergen (NH.)" → "BERGEN NH"), and the
    result is stripped and upper-cased.
    """
    folded = unicodedata.normalize("NFKD", value or "")
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _APOSTROPHES.sub("", folded).upper()
    return _NOT_ALNUM.sub(" ", folded).strip()


@dataclass(frozen=True)
class SourceRow:
    """Where a fact was read: bundled file, line (the header is line 1) and the row as text."""

    file: str
    line: int
    text: str


@dataclass
class Municipality:
    code: str  # "GM0106"
    name: str
    corop: str  # "CR07"
    source: SourceRow
    names: set[str] = field(default_factory=set)  # normalised spellings that mean it


@dataclass
class CrosswalkRow:
    code: str
    name: str
    source: str  # "cbs", "duo" or "amr"
    name_in_source: str
    code_in_source: str
    reason: str
    line: int


def read_rows(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> Iterator[tuple]:
    """(line, row as dict, row as text) for every data row of a bundled file."""
    with path.open(encoding=encoding, newline="") as handle:
        lines = handle.read().splitlines()
    header = next(csv.reader([lines[0]], delimiter=delimiter))
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        values = next(csv.reader([raw], delimiter=delimiter))
        yield number, dict(zip(header, values, strict=False)), raw


@cache
def school_rows() -> tuple[tuple[int, dict, str], ...]:
    """The register of secondary school locations (2019): ``;``-separated Latin-1."""
    return tuple(read_rows(SCHOOLS, delimiter=";", encoding="latin-1"))


@cache
def crosswalk() -> tuple[CrosswalkRow, ...]:
    return tuple(
        CrosswalkRow(
            row["gemeentecode"],
            row["gemeentenaam"],
            row["bron"],
            row["naam_in_bron"],
            row["code_in_bron"],
            row["reden"],
            line,
        )
        for line, row, _ in read_rows(CROSSWALK)
    )


@cache
def cbs_municipalities() -> dict[str, tuple[str, str, SourceRow]]:
    """CBS code (2026 boundaries) → (name, COROP code "CR07", first source row)."""
    found: dict[str, tuple[str, str, SourceRow]] = {}
    for line, row, raw in read_rows(CBS_COROP):
        code = "GM" + row["Gemeentecode"]
        if code not in found:
            corop = "CR" + row["COROP-gebiedcode"]
            found[code] = (row["Gemeente"], corop, SourceRow(CBS_COROP.name, line, raw))
    return found


@cache
def municipalities() -> dict[str, Municipality]:
    """The 2019 municipalities of DUO's files by CBS code, each with its COROP area."""
    cbs = cbs_municipalities()
    found: dict[str, Municipality] = {}
    for line, row, raw in school_rows():
        code = "GM" + row["GEMEENTENUMMER"].strip()
        if code not in found:
            name = cbs[code][0] if code in cbs else row["GEMEENTENAAM"].strip()
            corop = "CR" + row["COROPGEBIED CODE"].strip()
            found[code] = Municipality(code, name, corop, SourceRow(SCHOOLS.name, line, raw))
        found[code].names.add(normalise(row["GEMEENTENAAM"]))
    for entry in crosswalk():
        if entry.source == "duo" and entry.code not in found:
            name, corop, source = cbs[entry.code]
            found[entry.code] = Municipality(entry.code, name, corop, source)
        if entry.source in ("cbs", "duo") and entry.code in found:
            municipality = found[entry.code]
            municipality.name = entry.name
            municipality.names.add(normalise(entry.name))
            if entry.code_in_source in ("", entry.code):  # the same municipality, spelled so
                municipality.names.add(normalise(entry.name_in_source))
    for code, municipality in found.items():
        municipality.names.add(normalise(municipality.name))
        if code in cbs:
            municipality.names.add(normalise(cbs[code][0]))
    return found


def _by_code() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in municipalities():
        digits = code.removeprefix("GM")
        table |= {digits: code, digits.lstrip("0"): code, code: code}
    return table


def _by_name() -> dict[str, str]:
    return {name: m.code for m in municipalities().values() for name in m.names}


def _by_place() -> dict[str, str]:
    """Place names: the school register first, then municipality names, then CBS woonplaatsen.

    A place name that points to two municipalities in one source is left out rather than
    guessed; a CBS woonplaats counts only where its 2026 municipality is a 2019 one.
    """
    known = municipalities()
    table: dict[str, str] = {}
    for candidates in (_places_in_schools(), _by_name(), _places_in_cbs(set(known))):
        for place, code in candidates.items():
            table.setdefault(place, code)
    return table


def _unambiguous(pairs: Iterator[tuple[str, str]]) -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for place, code in pairs:
        seen.setdefault(place, set()).add(code)
    return {place: codes.pop() for place, codes in seen.items() if len(codes) == 1}


def _places_in_schools() -> dict[str, str]:
    return _unambiguous(
        (normalise(row["PLAATSNAAM"]), "GM" + row["GEMEENTENUMMER"].strip())
        for _, row, _ in school_rows()
    )


def _places_in_cbs(known: set[str]) -> dict[str, str]:
    pairs = (
        (normalise(row["Woonplaats"]), "GM" + row["Gemeentecode"])
        for _, row, _ in read_rows(CBS_COROP)
    )
    return {place: code for place, code in _unambiguous(pairs).items() if code in known}


def _by_location() -> dict[str, str]:
    return {
        normalise(row["VESTIGINGSNUMMER"]): "GM" + row["GEMEENTENUMMER"].strip()
        for _, row, _ in school_rows()
    }


_BUILDERS = {
    "gemeentecode": _by_code,
    "gemeentenaam": _by_name,
    "plaatsnaam": _by_place,
    "vestiging": _by_location,
}


@cache
def placements(key: str) -> dict[str, str]:
    """Normalised source value → CBS code of the 2019 municipality ("GM0106").

    Look a value up as ``placements(key).get(normalise(value))``; a value that is not there
    cannot be placed (count and report it, never drop it silently). The keys:

    - ``"gemeentecode"``: a municipality number as DUO's hbo and wo files give it in
      GEMEENTENUMMER ("0106"), also without leading zeros ("106") or with the prefix ("GM0106");
    - ``"gemeentenaam"``: a municipality name as DUO's 2019 files write it (GEMEENTENAAM of the
      exam file "S HERTOGENBOSCH", of the hbo/wo files "'s-Hertogenbosch"), and the CBS spelling
      of the same municipality ("Bergen (NH.)"), through the crosswalk;
    - ``"plaatsnaam"``: a place (woonplaats), as the mbo file's PLAATSNAAM ("ROTTERDAM",
      "EDE GLD"): found in the school register, else as a municipality name, else as a CBS
      woonplaats;
    - ``"vestiging"``: a school location's VESTIGINGSNUMMER as in the exam file ("18BR00"),
      through the register of 2019. A location closed before 2019 is not in the register and
      not here: place its row by the row's GEMEENTENAAM instead.
    """
    if key not in _BUILDERS:
        raise ValueError(f"unknown placement key {key!r}; expected one of {', '.join(KEYS)}")
    return _BUILDERS[key]()
