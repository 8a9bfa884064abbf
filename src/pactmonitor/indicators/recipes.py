"""Source recipes: one YAML file per source table, declaring how its rows become figures.

A recipe says where the table comes from (publisher, licence), the file's shape (delimiter,
encoding, wide year columns), which column places a row in a region, and per series the filters
that select numerator and denominator. The engine in ``importer.py`` reads any table whose
shape it knows from a recipe alone. The bundled recipes live in ``indicators/recipes/``; the
format is described in docs/indicators.md.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactmonitor.core.yamlfiles import YAMLError, read_yaml

from .choices import EducationLevel, Measure, Unit

RECIPE_DIR = Path(__file__).parent / "recipes"
OPEN_DATA_DIR = Path(__file__).resolve().parent.parent / "datasets" / "opendata"
PLACEMENT_KEYS = ("gemeentecode", "gemeentenaam", "plaatsnaam", "vestiging")
OPERATORS = ("equals", "in", "contains", "startswith", "endswith")
YEAR_RULES = ("calendar", "end_of_school_year")


class RecipeError(ValueError):
    """A recipe that cannot be used, with the file and the field that is wrong."""


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    pattern: re.Pattern[str]
    year_rule: str

    def year_of(self, column: str) -> int | None:
        """The year a wide column holds: school year 2014-2015 counts as 2015 (its end year)."""
        match = self.pattern.search(column)
        if not match:
            return None
        if self.year_rule == "end_of_school_year":
            start, end = (int(part) for part in match.group("schoolyear").split("-"))
            return end if end == start + 1 else None
        return int(match.group("year"))


@dataclass(frozen=True)
class Placement:
    column: str
    key: str


@dataclass(frozen=True)
class Series:
    indicator: str
    education_level: str
    measure: str
    numerator_measure: str
    denominator_where: dict[str, Any] | None
    numerator_where: dict[str, Any] | None


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    definition: str
    name: str = ""
    unit: str = Unit.PERCENT
    measure: str = Measure.SHARE


@dataclass(frozen=True)
class Recipe:
    key: str
    name: str
    path: Path
    publisher: str
    table: str
    licence: str
    licence_url: str
    attribution: str
    bundled_file: Path | None
    delimiter: str
    encoding: str
    decimal: str
    skip_rows: int
    max_bytes: int
    columns: tuple[str, ...]
    ignore: tuple[re.Pattern[str], ...]
    measures: dict[str, MeasureSpec]
    key_columns: tuple[str, ...]
    location: str
    placement: tuple[Placement, ...]
    unplaced_max_percent: float
    indicators: dict[str, IndicatorSpec]
    series: tuple[Series, ...] = field(default=())

    def filter_columns(self) -> list[str]:
        """The text columns the series filter on."""
        found: list[str] = []
        for series in self.series:
            for where in (series.denominator_where, series.numerator_where):
                _collect_columns(where, found)
        return list(dict.fromkeys(found))


def _collect_columns(where: Any, found: list[str]) -> None:
    if not where:
        return
    for name, value in where.items():
        if name in ("any", "all"):
            for part in value:
                _collect_columns(part, found)
        elif name == "not":
            _collect_columns(value, found)
        else:
            found.append(name)


def bundled() -> dict[str, Path]:
    """Every bundled recipe by its key (the file name without .yaml)."""
    return {path.stem: path for path in sorted(RECIPE_DIR.glob("*.yaml"))}


def load(recipe: str | Path) -> Recipe:
    """A recipe by bundled key or by path, checked; ``RecipeError`` names what is wrong."""
    path = bundled().get(str(recipe)) or Path(recipe)
    if not path.is_file():
        raise RecipeError(f"Onbekend recept {recipe!s}: geen gebundeld recept en geen bestand.")
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int, size: int) -> Recipe:
    """Parsed once per version of the file (the key holds its mtime and size)."""
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except YAMLError as error:
        raise RecipeError(f"{path.name}: geen geldige YAML ({error}).") from error
    try:
        return _parse(path, data)
    except (KeyError, TypeError, ValueError, re.error) as error:
        if isinstance(error, RecipeError):
            raise
        raise RecipeError(f"{path.name}: onvolledig of onjuist recept ({error!r}).") from error


def _check(path: Path, condition: bool, message: str) -> None:
    if not condition:
        raise RecipeError(f"{path.name}: {message}")


def _parse(path: Path, data: dict[str, Any]) -> Recipe:
    source, shape, region = data["source"], data["file"], data["region"]
    measures = {
        name: MeasureSpec(name, re.compile(spec["columns"]), spec.get("year", "calendar"))
        for name, spec in shape["measures"].items()
    }
    for spec in measures.values():
        _check(path, spec.year_rule in YEAR_RULES, f"jaarregel {spec.year_rule!r} onbekend")
        group = "schoolyear" if spec.year_rule == "end_of_school_year" else "year"
        _check(path, group in spec.pattern.groupindex, f"meting {spec.name}: groep {group} mist")
    placement = tuple(Placement(p["column"], p["key"]) for p in region["placement"])
    for place in placement:
        _check(path, place.key in PLACEMENT_KEYS, f"plaatsingssleutel {place.key!r} onbekend")
    indicators = {
        key: IndicatorSpec(
            key,
            spec["definition"].strip(),
            spec.get("name", ""),
            spec.get("unit", Unit.PERCENT),
            spec.get("measure", Measure.SHARE),
        )
        for key, spec in (data.get("indicators") or {}).items()
    }
    series = tuple(_series(path, item, measures, indicators) for item in data["series"])
    bundled_file = source.get("bundled_file")
    return Recipe(
        key=data["key"],
        name=data.get("name", data["key"]),
        path=path,
        publisher=source["publisher"],
        table=source["table"],
        licence=source["licence"],
        licence_url=source.get("licence_url", ""),
        attribution=source.get("attribution", ""),
        bundled_file=OPEN_DATA_DIR / bundled_file if bundled_file else None,
        delimiter=shape["delimiter"],
        encoding=shape.get("encoding", "utf-8").lower(),
        decimal=shape.get("decimal", "."),
        skip_rows=int(shape.get("skip_rows", 0)),
        max_bytes=int(shape.get("max_bytes", 2_000_000_000)),
        columns=tuple(shape["columns"]),
        ignore=tuple(re.compile(p) for p in shape.get("ignore", [])),
        measures=measures,
        key_columns=tuple(shape.get("key", [])),
        location=region.get("location", ""),
        placement=placement,
        unplaced_max_percent=float(region.get("unplaced_max_percent", 0)),
        indicators=indicators,
        series=series,
    )


def _series(
    path: Path, item: dict[str, Any], measures: dict[str, MeasureSpec], indicators: dict
) -> Series:
    denominator, numerator = item.get("denominator") or {}, item.get("numerator") or {}
    measure = denominator.get("measure") or next(iter(measures))
    numerator_measure = numerator.get("measure") or measure
    for name in (measure, numerator_measure):
        _check(path, name in measures, f"reeks {item['indicator']}: meting {name!r} onbekend")
    _check(
        path,
        item.get("education_level", "") in {"", *EducationLevel.values},
        f"onderwijsniveau {item.get('education_level')!r} onbekend",
    )
    _check(path, item["indicator"] in indicators, f"indicator {item['indicator']} zonder definitie")
    for where in (denominator.get("where"), numerator.get("where")):
        _validate_where(path, where)
    return Series(
        indicator=item["indicator"],
        education_level=item.get("education_level", ""),
        measure=measure,
        numerator_measure=numerator_measure,
        denominator_where=denominator.get("where"),
        numerator_where=numerator.get("where"),
    )


def _validate_where(path: Path, where: Any) -> None:
    if where is None:
        return
    _check(path, isinstance(where, dict), f"filter {where!r} is geen lijst van voorwaarden")
    for name, value in where.items():
        if name in ("any", "all"):
            for part in value:
                _validate_where(path, part)
        elif name == "not":
            _validate_where(path, value)
        else:
            _check(path, isinstance(value, dict), f"kolom {name}: geen voorwaarde")
            for op in value:
                _check(path, op in OPERATORS, f"kolom {name}: onbekende voorwaarde {op!r}")


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: Any) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def where_sql(where: dict[str, Any] | None) -> str:
    """A recipe filter as a SQL condition (AND within a mapping); the engine trims the columns."""
    if not where:
        return "TRUE"
    parts = []
    for name, value in where.items():
        if name == "any":
            parts.append("(" + " OR ".join(where_sql(part) for part in value) + ")")
        elif name == "all":
            parts.append("(" + " AND ".join(where_sql(part) for part in value) + ")")
        elif name == "not":
            parts.append(f"NOT coalesce({where_sql(value)}, FALSE)")
        else:
            column = _quote_identifier(name)
            parts.extend(_condition_sql(column, op, arg) for op, arg in value.items())
    return "(" + " AND ".join(parts) + ")"


def _condition_sql(column: str, op: str, arg: Any) -> str:
    values = arg if isinstance(arg, list) else [arg]
    if op in ("equals", "in"):
        return f"{column} IN ({', '.join(_literal(v) for v in values)})"
    function = {"contains": "contains", "startswith": "starts_with", "endswith": "ends_with"}[op]
    return "(" + " OR ".join(f"{function}({column}, {_literal(v)})" for v in values) + ")"


def quote_identifier(name: str) -> str:
    return _quote_identifier(name)
