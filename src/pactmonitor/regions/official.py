"""The official region tree from the bundled open data: COROP areas, municipalities, labour markets.

``official_regions(claimed)`` returns one plain record per official area, in the shape of a
dataset's region entries (docs/dataset.md), each with its source row as provenance:

- the 40 COROP areas (CBS file), under the province in which the school register places them;
- DUO's 2019 municipalities (``placement.municipalities()``), under their COROP area;
- the 35 arbeidsmarktregio's of 2015 (the legal list), under Nederland; a municipality lies in
  (``part_of``) its arbeidsmarktregio when every 2015 municipality it was formed from lies in
  that one region (by name, or through the crosswalk).

Provinces, landsdelen and Nederland are the dataset's own records: ``claimed`` maps the CBS
codes the dataset gives its records ("PV21" → "friesland") to their keys, and an official area
the dataset already declares keeps the dataset's key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.text import slugify

from . import placement
from .choices import RegionKind
from .placement import LABOUR_MARKET, SourceRow, normalise, read_rows

AMR_TEXT = placement.OPENDATA / "besluit-werkgebieden-uwv-2015-bijlage3.md"

# The province codes of CBS, by the province names of the school register.
PROVINCE_CODES = {
    "Groningen": "PV20",
    "Friesland": "PV21",
    "Drenthe": "PV22",
    "Overijssel": "PV23",
    "Flevoland": "PV24",
    "Gelderland": "PV25",
    "Utrecht": "PV26",
    "Noord-Holland": "PV27",
    "Zuid-Holland": "PV28",
    "Zeeland": "PV29",
    "Noord-Brabant": "PV30",
    "Limburg": "PV31",
}
NEDERLAND = "NL01"

# The source document (``sources`` of the dataset) of each bundled file.
DOCUMENTS = {
    placement.SCHOOLS.name: "duo-vestigingen-vo",
    placement.CBS_COROP.name: "cbs-corop",
    AMR_TEXT.name: "uwv-amr-2015",
}


@dataclass(frozen=True)
class LabourMarket:
    number: int
    name: str
    members_2015: tuple[str, ...]
    source: SourceRow


def official_regions(claimed: dict[str, str]) -> list[dict[str, Any]]:
    """Every official area as a region record, keyed by code where the dataset holds it."""
    keys = dict(claimed)
    corops = corop_areas()
    labour = labour_markets()
    for code, (name, _, _) in corops.items():
        keys.setdefault(code, "corop-" + _slug(name))
    for code, municipality in placement.municipalities().items():
        keys.setdefault(code, "gemeente-" + _slug(municipality.name))
    for code, region in labour.items():
        keys.setdefault(code, "arbeidsmarktregio-" + _slug(region.name))
    lies_in = labour_market_of_municipalities()
    records = [
        _record(keys[code], name, RegionKind.COROP, code, keys[province], source)
        for code, (name, province, source) in corops.items()
    ]
    records += [
        _record(
            keys[code],
            m.name,
            RegionKind.GEMEENTE,
            code,
            keys[m.corop],
            m.source,
            part_of=[keys[lies_in[code]]] if code in lies_in else [],
        )
        for code, m in placement.municipalities().items()
    ]
    records += [
        _record(
            keys[code],
            f"Arbeidsmarktregio {r.name}",
            RegionKind.ARBEIDSMARKTREGIO,
            code,
            keys[NEDERLAND],
            r.source,
        )
        for code, r in labour.items()
    ]
    return records


def _slug(name: str) -> str:
    return slugify(name.replace("/", " "))


def _record(
    key: str,
    name: str,
    kind: str,
    code: str,
    parent: str,
    source: SourceRow,
    part_of: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "kind": str(kind),
        "code": code,
        "parent": parent,
        "part_of": part_of or [],
        "provenance": {"seed": DOCUMENTS[source.file], "quote": source.text.strip()},
        "_source": source,
    }


@cache
def corop_areas() -> dict[str, tuple[str, str, SourceRow]]:
    """COROP code ("CR07") → (name, province code, the CBS row that names it)."""
    provinces: dict[str, set[str]] = {}
    for _, row, _ in placement.school_rows():
        code = "CR" + row["COROPGEBIED CODE"].strip()
        provinces.setdefault(code, set()).add(PROVINCE_CODES[row["PROVINCIE"].strip()])
    areas: dict[str, tuple[str, str, SourceRow]] = {}
    for line, row, raw in read_rows(placement.CBS_COROP):
        code = "CR" + row["COROP-gebiedcode"]
        if code not in areas:
            (province,) = provinces[code]  # a COROP area lies in one province
            source = SourceRow(placement.CBS_COROP.name, line, raw)
            areas[code] = (row["COROP-gebied"], province, source)
    return dict(sorted(areas.items()))


@cache
def labour_markets() -> dict[str, LabourMarket]:
    """ "AM01" … "AM35": the arbeidsmarktregio's of 2015 with their municipalities as named then."""
    members: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for _, row, _ in read_rows(LABOUR_MARKET):
        number = int(row["arbeidsmarktregio_nr"])
        names[number] = row["arbeidsmarktregio"].strip()
        members.setdefault(number, []).append(row["gemeente"].strip())
    rows = _legal_rows()
    return {
        f"AM{n:02d}": LabourMarket(n, names[n], tuple(members[n]), rows[n]) for n in sorted(names)
    }


def _legal_rows() -> dict[int, SourceRow]:
    """The table row of the legal text for each region number (the quote of its provenance)."""
    found = {}
    lines = AMR_TEXT.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        match = re.match(r"\|\s*\*(\d+)\*", line)
        if match:
            found[int(match.group(1))] = SourceRow(AMR_TEXT.name, number, line)
    return found


@cache
def labour_market_of_municipalities() -> dict[str, str]:
    """2019 municipality code → the code of the one arbeidsmarktregio (2015) it lies in.

    A municipality whose 2015 predecessors lay in two regions lies in none (the crosswalk says
    which: Vijfheerenlanden, West Betuwe).
    """
    by_name = placement.placements("gemeentenaam")
    regions_of: dict[str, set[str]] = {}
    for code, region in labour_markets().items():
        for name in region.members_2015:
            municipality = by_name.get(normalise(name))
            if municipality:
                regions_of.setdefault(municipality, set()).add(code)
    for row in placement.crosswalk():
        if row.source == "amr":
            regions_of.setdefault(row.code, set()).add(f"AM{int(row.code_in_source):02d}")
    return {code: found.pop() for code, found in regions_of.items() if len(found) == 1}


def unplaced_in_labour_markets() -> list[str]:
    """The 2019 municipalities that lie in no single arbeidsmarktregio of 2015, by name."""
    lies_in = labour_market_of_municipalities()
    return sorted(m.name for code, m in placement.municipalities().items() if code not in lies_in)
