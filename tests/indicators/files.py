"""Small DUO-shaped exam files for the import tests, written the way DUO writes them."""

from __future__ import annotations

from pathlib import Path

import yaml

from pactmonitor.indicators.recipes import bundled

ID_COLUMNS = [
    "BRIN NUMMER",
    "VESTIGINGSNUMMER",
    "INSTELLINGSNAAM VESTIGING",
    "GEMEENTENAAM",
    "ONDERWIJSTYPE VO",
    "INSPECTIECODE",
    "OPLEIDINGSNAAM",
]
YEARS = ("2014-2015", "2015-2016")


def header(years=YEARS, passed=False) -> list[str]:
    columns = list(ID_COLUMNS)
    for year in years:
        columns.append(f"EXAMENKANDIDATEN SCHOOLJAAR {year} - TOTAAL")
        if passed:
            columns.append(f"GESLAAGDEN SCHOOLJAAR {year} - TOTAAL")
    return columns


def row(location="00AA00", town="ASSEN", kind="HAVO", name="HAVO - N&T", counts=("10", "12")):
    return [location[:4], location, "Het 's-Lyceum", town, kind, "1", name, *counts]


def rows(n=20) -> list[list[str]]:
    """``n`` distinct rows: havo N&T and havo E&M at n/2 locations."""
    made = []
    for i in range(n):
        name = "HAVO - N&T" if i % 2 == 0 else "HAVO - E&M"
        made.append(row(location=f"{i // 2:02d}AA00", name=name, counts=(str(i + 1), str(i + 2))))
    return made


def write(
    path: Path, lines: list[list[str]] | list[str], columns=None, encoding="latin-1", delimiter=";"
) -> Path:
    text = [delimiter.join(columns or header())]
    for line in lines:
        text.append(line if isinstance(line, str) else delimiter.join(line))
    path.write_bytes(("\r\n".join(text) + "\r\n").encode(encoding))
    return path


def recipe_variant(tmp_path: Path, key="duo-examenkandidaten-vo", **changes) -> Path:
    """A copy of a bundled recipe with some of its fields changed (dotted names)."""
    data = yaml.safe_load(bundled()[key].read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
    path = tmp_path / f"{data['key']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
