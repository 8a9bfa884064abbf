"""The import engine: a source table through its recipe into one batch of figures, all or nothing.

Hand-written on purpose. The libraries that read CSV (DuckDB, pandas, frictionless) parse; none
of them knows wide school-year columns, placing a school location in its 2019 municipality,
a numerator that must stay within its denominator, or the batch history the pages rely on. So
DuckDB does the heavy lifting (one parallel pass over the file that checks every cell and sums
per location, then placing and the figures, in SQL over those sums), and this module steers:

1. refuse by size, then read the header in Python: another table, a wrong delimiter or encoding
   is refused before any data is parsed;
2. one DuckDB pass (within a memory limit) checks every count and every key and sums numerator
   and denominator per location, series and year;
3. only when that pass finds a problem, a second, single-threaded pass numbers the rows to name
   the line and column of each (DuckDB skips blank lines; Python's csv module maps a row to its
   physical line);
4. the locations are placed through ``pactmonitor.regions.placement``: the distinct values are
   looked up once, and DuckDB joins the lookups to the per-location sums (kept in DuckDB);
   places that cannot be placed are counted and listed, and the import is refused above the
   recipe's threshold; DuckDB reads the wide sums long into figures;
5. the batch and its figures are written in one transaction, in bulk (on PostgreSQL COPY of
   the CSV DuckDB writes, on SQLite 2,000 rows per ``INSERT``).
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import sqlite3
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from . import recipes as recipe_module
from .choices import BatchState, Measure
from .models import Figure, ImportBatch, Indicator
from .recipes import Recipe, RecipeError, quote_identifier, where_sql

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
CHUNK = 50_000
CHUNK_BYTES = 4 << 20  # PostgreSQL: COPY blocks of about this size
ROWS_PER_INSERT = 2000  # SQLite: rows per INSERT statement (500 → 2,000: 8% less time writing)
MAX_PROBLEMS = 20
MAX_EXAMPLES = 10
# Test hook: after the first chunk of figures is written, create this file and wait, so a test
# can kill the process in the middle of the write.
PAUSE_HOOK = "PACTMONITOR_IMPORT_PAUSE_FILE"


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.line:
            where.append(_("regel %(line)d") % {"line": self.line})
        if self.column:
            where.append(_("kolom %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}"


class ImportRefused(Exception):
    """Nothing was written; ``messages`` says why, each naming file, line and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        self.messages = [str(problem) for problem in problems]
        super().__init__("\n".join(self.messages))


def placements(key: str) -> dict[str, str]:
    """Normalised source value → CBS code of the 2019 municipality (the regions app's table)."""
    from pactmonitor.regions import placement

    return placement.placements(key)


def normalise(value: str) -> str:
    from pactmonitor.regions import placement

    return placement.normalise(value)


@dataclass
class _Plan:
    """The columns a recipe reads from one file, and the SQL names of its values."""

    recipe: Recipe
    header: list[str]
    text_columns: list[str]
    # measure name → [(column, year)]
    measure_columns: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def value_columns(self) -> list[str]:
        return [column for cols in self.measure_columns.values() for column, _ in cols]


def import_file(
    recipe: str | Path | Recipe,
    path: Path,
    *,
    user: User | None = None,
    progress: Progress | None = None,
    file_name: str | None = None,
) -> ImportBatch:
    """Import ``path`` through ``recipe`` as a new batch; the same file again returns the batch.

    Raises ``ImportRefused`` (nothing written) when the file cannot be imported as a whole.
    The returned batch has ``unchanged = True`` when the same file was already active.
    """
    report = progress or (lambda fraction, text: None)
    path = Path(path)
    name = file_name or path.name
    try:
        recipe = recipe if isinstance(recipe, Recipe) else recipe_module.load(recipe)
    except RecipeError as error:
        raise ImportRefused([Problem(name, str(error))]) from error
    report(0.0, _("bestand controleren"))
    _refuse_by_size(recipe, path, name)
    hasher = _Hasher(path)
    hasher.start()
    header = _read_header(recipe, path, name)
    plan = _plan(recipe, header, name)
    report(0.05, _("bestand lezen"))
    scanned = _scan(plan, path, name, report)
    try:
        _refuse_bad_cells(plan, path, name, scanned)
        report(0.75, _("regio's plaatsen"))
        placed = _place(recipe, scanned, name)
        _figures(plan, scanned)
        _refuse_numerator_over_denominator(plan, path, name, scanned)
        sha256 = hasher.result()
        same = ImportBatch.objects.filter(
            recipe=recipe.key, sha256=sha256, state=BatchState.ACTIVE
        ).first()
        if same:
            same.unchanged = True
            report(1.0, _("ongewijzigd: dit bestand is al geïmporteerd"))
            return same
        summary = _summary(scanned, placed)
        batch = _write(recipe, path, name, sha256, user, summary, scanned, report)
    finally:
        scanned.db.close()
    batch.unchanged = False
    report(1.0, _("klaar"))
    return batch


# --- 1. size, header, columns -------------------------------------------------------------


def _refuse_by_size(recipe: Recipe, path: Path, name: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportRefused([Problem(name, _("bestand niet te lezen (%s)") % error)]) from error
    if size == 0:
        raise ImportRefused([Problem(name, _("het bestand is leeg"))])
    if size > recipe.max_bytes:
        raise ImportRefused(
            [
                Problem(
                    name,
                    _("het bestand is %(size)s groot; dit recept neemt ten hoogste %(max)s aan")
                    % {"size": _bytes(size), "max": _bytes(recipe.max_bytes)},
                )
            ]
        )


def _bytes(size: int) -> str:
    """Dutch notation: 4,0 GB, 12,5 MB."""
    if size >= 1_000_000_000:
        return f"{size / 1_000_000_000:.1f} GB".replace(".", ",")
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def _read_header(recipe: Recipe, path: Path, name: str) -> list[str]:
    line_no = recipe.skip_rows + 1
    with path.open("rb") as handle:
        for _skipped in range(recipe.skip_rows):
            handle.readline()
        raw = handle.readline()
        sample = raw + handle.read(1_000_000)
    _refuse_wrong_encoding(recipe, sample, name, line_no)
    text = raw.decode(recipe.encoding).lstrip("\ufeff").rstrip("\r\n")
    if not text.strip():
        raise ImportRefused([Problem(name, _("het bestand heeft geen kopregel"), line_no)])
    header = next(csv.reader([text], delimiter=recipe.delimiter, quotechar='"'))
    header = [column.strip() for column in header]
    if len(header) == 1 and len(recipe.columns) > 1:
        raise ImportRefused(
            [
                Problem(
                    name,
                    _(
                        "de kopregel heeft maar één kolom: het scheidingsteken is niet "
                        "%(delimiter)r zoals het recept zegt, of dit is een ander bestand"
                    )
                    % {"delimiter": recipe.delimiter},
                    line_no,
                )
            ]
        )
    return header


def _refuse_wrong_encoding(recipe: Recipe, sample: bytes, name: str, line_no: int) -> None:
    if recipe.encoding in ("utf-8", "utf8"):
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(sample) - 4:  # not a character cut off at the sample's end
                line = line_no + sample[: error.start].count(b"\n")
                raise ImportRefused(
                    [Problem(name, _("geen UTF-8, zoals het recept zegt (Latin-1?)"), line)]
                ) from error
        return
    # A Latin-1 recipe reads any byte; a UTF-8 file would come out as "Ã©": refuse that.
    try:
        decoded = sample.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not decoded.isascii():
        raise ImportRefused(
            [
                Problem(
                    name,
                    _("het bestand is UTF-8; het recept verwacht %(encoding)s")
                    % {"encoding": recipe.encoding},
                )
            ]
        )


def _plan(recipe: Recipe, header: list[str], name: str) -> _Plan:
    problems = []
    duplicates = [column for column, n in Counter(header).items() if n > 1]
    for column in duplicates:
        problems.append(Problem(name, _("kolom komt twee keer voor"), 1, column))
    missing = [column for column in recipe.columns if column not in header]
    for column in missing:
        problems.append(Problem(name, _("kolom ontbreekt"), recipe.skip_rows + 1, column))
    plan = _Plan(recipe, header, [])
    for column in header:
        if column in recipe.columns:
            continue
        years = [(m.name, m.year_of(column)) for m in recipe.measures.values()]
        measure_year = next(((m, y) for m, y in years if y), None)
        if measure_year:
            plan.measure_columns.setdefault(measure_year[0], []).append((column, measure_year[1]))
        elif not any(pattern.search(column) for pattern in recipe.ignore):
            problems.append(
                Problem(name, _("onbekende kolom voor dit recept"), recipe.skip_rows + 1, column)
            )
    for measure in recipe.measures:
        if measure not in plan.measure_columns:
            problems.append(
                Problem(
                    name,
                    _("geen jaarkolommen voor %(measure)s (patroon %(pattern)s)")
                    % {"measure": measure, "pattern": recipe.measures[measure].pattern.pattern},
                    recipe.skip_rows + 1,
                )
            )
    if problems:
        hint = Problem(
            name,
            _("dit lijkt een andere tabel dan het recept %(recipe)s (%(table)s) verwacht")
            % {"recipe": recipe.key, "table": recipe.table},
        )
        raise ImportRefused([hint, *problems[:MAX_PROBLEMS]])
    used = [
        *(p.column for p in recipe.placement),
        recipe.location,
        *recipe.key_columns,
        *recipe.filter_columns(),
    ]
    plan.text_columns = list(dict.fromkeys(c for c in used if c))
    return plan


# --- 2. the DuckDB pass ---------------------------------------------------------------------


def _connect(threads: int | None = None) -> duckdb.DuckDBPyConnection:
    temp = Path(settings.DATA_DIR) / "duckdb-tmp"
    temp.mkdir(parents=True, exist_ok=True)
    db = duckdb.connect(
        config={
            "memory_limit": getattr(settings, "PACTMONITOR_IMPORT_MEMORY", "512MB"),
            "temp_directory": str(temp),
            "threads": threads or min(4, os.cpu_count() or 1),
        }
    )
    # Progress for the work page's bar (query_progress), never printed on stdout.
    db.execute("SET enable_progress_bar = true")
    db.execute("SET enable_progress_bar_print = false")
    return db


def _read_csv(plan: _Plan, path: Path, typed: bool = False) -> str:
    """DuckDB's read of the file: every column as text, or (``typed``) the counts as numbers,
    which fails on the first cell that is not one."""
    recipe = plan.recipe
    encoding = "latin-1" if recipe.encoding in ("latin-1", "latin1", "iso-8859-1") else "utf-8"
    numbers = set(plan.value_columns()) if typed else set()
    # Every option explicit: the sniffer once took the apostrophe of 's-Hertogenbosch for a
    # quote character.
    columns = ", ".join(
        f"{_literal(c)}: {_literal('DOUBLE' if c in numbers else 'VARCHAR')}" for c in plan.header
    )
    decimal = ", decimal_separator=','" if typed and recipe.decimal == "," else ""
    return (
        f"read_csv({_literal(str(path))}, header=true, auto_detect=false, "
        f"columns={{{columns}}}, "
        f"delim={_literal(recipe.delimiter)}, quote='\"', escape='\"', "
        f"encoding={_literal(encoding)}, skip={recipe.skip_rows}, null_padding=true, "
        f"strict_mode=false{decimal})"
    )


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _rows_sql(plan: _Plan, path: Path, numbered: bool = False, typed: bool = False) -> str:
    """The rows as the checks and sums need them: trimmed text, values, flags per series.

    Two levels, so each cell is trimmed and cast once: the inner one trims the text columns
    (the filters compare trimmed text) and casts each count; the outer one derives the flags.
    ``typed``: DuckDB's reader parses the counts itself (faster; a cell that is not a number
    fails the whole read, and the caller falls back to the text read, which names it).
    """
    recipe = plan.recipe
    inner = [f"trim({quote_identifier(c)}) AS {quote_identifier(c)}" for c in plan.text_columns]
    for i, column in enumerate(plan.value_columns()):
        raw = quote_identifier(column)
        if typed:
            inner.append(f"{raw} AS _v{i}")
            continue
        text = f"replace({raw}, ',', '.')" if recipe.decimal == "," else raw
        inner.append(f"{raw} AS _raw{i}")
        # DuckDB's cast ignores surrounding spaces; an empty cell is NULL (no count).
        inner.append(f"TRY_CAST({text} AS DOUBLE) AS _v{i}")
    if numbered:
        inner.insert(0, "row_number() OVER () AS _rn")
    values = range(len(plan.value_columns()))
    outer = ["*"]
    # A blank line or a short row such as `""`: nothing in any column the recipe reads.
    absent = [f"nullif({quote_identifier(c)}, '') IS NULL" for c in plan.text_columns]
    for i in values:
        absent.append(f"_v{i} IS NULL" if typed else f"nullif(_raw{i}, '') IS NULL")
    # Blank rows are rare: the whole test runs only on the rows whose first column is empty
    # (a CASE evaluates its branch on those rows alone), one comparison for every other row.
    first = absent[0] if absent else "TRUE"
    every = " AND ".join(absent) or "TRUE"
    outer.append(f"(CASE WHEN {first} THEN {every} ELSE FALSE END) AS _blank")
    # The key is counted per group of the sums (see ``_scan``), so only its columns that are
    # not group columns tell two rows of one group apart.
    grouped = set(_group_columns(recipe))
    rest = [c for c in recipe.key_columns if c not in grouped]
    if not recipe.key_columns:
        outer.append("hash(1) AS _key")
    else:
        keys = ", ".join(quote_identifier(c) for c in rest)
        outer.append(f"hash({keys}) AS _key" if rest else "0::UBIGINT AS _key")
    bad = [f"(_v{i} IS NULL AND _raw{i} IS NOT NULL AND trim(_raw{i}) <> '')::INT" for i in values]
    outer.append(f"({' + '.join(bad) if bad and not typed else '0'}) AS _bad")
    # A row with a negative count (one comparison per row; the cells are found afterwards).
    lowest = ", ".join(f"_v{i}" for i in values)
    outer.append(
        f"coalesce(least({lowest}) < 0, FALSE)::INT AS _negative" if lowest else "0 AS _negative"
    )
    for s, series in enumerate(recipe.series):
        outer.append(f"coalesce({where_sql(series.denominator_where)}, FALSE) AS _d{s}")
        outer.append(f"coalesce({where_sql(series.numerator_where)}, FALSE) AS _n{s}")
    return (
        f"(SELECT {', '.join(outer)} FROM (SELECT {', '.join(inner)} "
        f"FROM {_read_csv(plan, path, typed)}))"
    )


@dataclass
class _Scanned:
    """The scan's sums per location, kept in DuckDB for the steps after it: table ``groups``
    (one row per location, ``_gid`` numbering them), then ``placed`` (with ``_region``) and
    ``figures``. Only totals and the few rows a message needs come back to Python."""

    db: duckdb.DuckDBPyConnection
    group_columns: list[str]
    totals: dict[str, int]

    def count(self, table: str) -> int:
        row = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def group_keys(self, gids: list[int]) -> dict[int, tuple]:
        """The group columns' values of these groups (to name a line in a message)."""
        columns = ", ".join(quote_identifier(c) for c in self.group_columns)
        rows = self.db.execute(
            f"SELECT _gid, {columns} FROM groups WHERE list_contains(?, _gid)", [gids]
        ).fetchall()
        return {row[0]: tuple(row[1:]) for row in rows}


TOTALS = ("rows", "blank_rows", "outside", "counted", "duplicates", "bad", "negative")


def _scan(plan: _Plan, path: Path, name: str, report: Progress) -> _Scanned:
    """One pass: per location the row counts, the problem counts and every sum the series need."""
    # First with the counts parsed by DuckDB's reader; any failure (a cell that is no number,
    # a ragged row) reads again as text, which checks every cell and names what is wrong.
    for typed in (True, False):
        sql = _sums_sql(plan, _rows_sql(plan, path, typed=typed))
        db = _connect()
        try:
            db.execute("SET preserve_insertion_order = false")
            with _Watch(db, report):
                db.execute(
                    "CREATE TEMP TABLE groups AS "
                    f"SELECT row_number() OVER () AS _gid, * FROM ({sql})"
                )
            sums = ", ".join(f"coalesce(sum({c}), 0)" for c in TOTALS)
            found = db.execute(f"SELECT {sums} FROM groups").fetchone() or ()
        except duckdb.Error as error:
            db.close()
            if typed:
                continue
            raise ImportRefused([_duckdb_problem(plan, path, name, error)]) from error
        break
    totals = dict(zip(TOTALS, found, strict=True))
    totals["duplicates"] += _keys_across_groups(plan.recipe, db)
    if not totals["rows"] - totals["blank_rows"]:
        db.close()
        raise ImportRefused([Problem(name, _("het bestand heeft geen gegevensrijen"))])
    return _Scanned(db, _group_columns(plan.recipe), totals)


def _keys_across_groups(recipe: Recipe, db: duckdb.DuckDBPyConnection) -> int:
    """Whether two rows of one key may sit in different groups of the sums, where counting
    keys per group does not see them: possible only when a group column is not part of the
    key (e.g. the municipality's name beside the location's number) and one value of the key's
    group columns comes with several values of the others. Then the numbered pass decides."""
    group = _group_columns(recipe)
    inside = [quote_identifier(c) for c in dict.fromkeys(group) if c in recipe.key_columns]
    if not recipe.key_columns or all(c in recipe.key_columns for c in group):
        return 0
    shared = f"hash({', '.join(inside)})" if inside else "0"
    row = db.execute(f"SELECT count(*) - count(DISTINCT {shared}) FROM groups").fetchone()
    return int(row[0]) if row else 0


# Two bits per series in the pattern of a row (see ``_sums_by_pattern``).
MAX_PATTERN_SERIES = 31


def _sums_sql(plan: _Plan, rows: str) -> str:
    """Per location: the row counts, the problem counts and the sums every series needs."""
    recipe = plan.recipe
    filters = set(recipe.filter_columns())
    # Rows of one key have one pattern when the key (with the location) holds every filter
    # column, so counting distinct keys per location and pattern finds every duplicate.
    within = set(recipe.key_columns) | set(_group_columns(recipe))
    if filters <= within and len(recipe.series) <= MAX_PATTERN_SERIES:
        return _sums_by_pattern(plan, rows)
    return _sums_by_row(plan, rows)


def _distinct_keys(keys: str) -> str:
    """How many distinct keys a list of them holds. The keys of a group are collected as a list
    and counted at the end, not with ``count(DISTINCT ...)``, which DuckDB runs as a second
    hash table over (group, key): the list costs less time and half the memory (measured with
    benchmarks/bench_import.py: 10 M keys, 11.5 instead of 13.3 s of CPU, 461 instead of
    609 MB)."""
    return f"coalesce(len(list_distinct({keys})), 0)"


def _group_sql(recipe: Recipe) -> str:
    return ", ".join(quote_identifier(c) for c in dict.fromkeys(_group_columns(recipe)))


def _sums_by_row(plan: _Plan, rows: str) -> str:
    """Every series' sums taken from every row: a CASE per series, year and side."""
    recipe = plan.recipe
    index = {column: i for i, column in enumerate(plan.value_columns())}
    any_denominator = " OR ".join(f"_d{s}" for s in range(len(recipe.series))) or "FALSE"
    aggregates = [
        "count(*) AS rows",
        "sum(_blank::INT) AS blank_rows",
        f"sum((NOT _blank AND NOT ({any_denominator}))::INT) AS outside",
        f"sum((NOT _blank AND ({any_denominator}))::INT) AS counted",
        f"sum((NOT _blank)::INT) - {_distinct_keys('list(_key) FILTER (WHERE NOT _blank)')} "
        "AS duplicates",
        "coalesce(sum(CASE WHEN NOT _blank THEN _bad END), 0) AS bad",
        "coalesce(sum(CASE WHEN NOT _blank THEN _negative END), 0) AS negative",
    ]
    for s, series in enumerate(recipe.series):
        for column, year in plan.measure_columns[series.measure]:
            # CASE, not FILTER: DuckDB runs forty FILTER clauses as forty passes of selection.
            aggregates.append(f"sum(CASE WHEN _d{s} THEN _v{index[column]} END) AS d_{s}_{year}")
        for column, year in plan.measure_columns[series.numerator_measure]:
            aggregates.append(
                f"sum(CASE WHEN _d{s} AND _n{s} THEN _v{index[column]} END) AS n_{s}_{year}"
            )
    return f"SELECT {_group_sql(recipe)}, {', '.join(aggregates)} FROM {rows} GROUP BY ALL"


def _sums_by_pattern(plan: _Plan, rows: str) -> str:
    """The same sums in two steps: the rows are added up per location and *pattern* (which
    series count the row, as bits: 2s for the denominator of series s, 2s + 1 for its
    numerator), a few values per row; the series' sums are then taken from those few thousand
    subtotals. Forty CASE expressions per row cost more than the reading itself."""
    recipe = plan.recipe
    index = {column: i for i, column in enumerate(plan.value_columns())}
    group = _group_sql(recipe)
    bits = [
        f"(_d{s}::BIGINT << {2 * s}) | ((_d{s} AND _n{s})::BIGINT << {2 * s + 1})"
        for s in range(len(recipe.series))
    ]
    values = [f"sum(_v{i}) AS _s{i}" for i in index.values()]
    first = (
        f"SELECT {group}, ({' | '.join(bits) or '0::BIGINT'}) AS _pattern, count(*) AS _rows, "
        "sum(_blank::INT) AS _blank_rows, "
        "list(_key) FILTER (WHERE NOT _blank) AS _keys, "
        "coalesce(sum(CASE WHEN NOT _blank THEN _bad END), 0) AS _bad, "
        "coalesce(sum(CASE WHEN NOT _blank THEN _negative END), 0) AS _negative"
        f"{''.join(', ' + v for v in values)} FROM {rows} GROUP BY ALL"
    )
    denominators = sum(1 << 2 * s for s in range(len(recipe.series)))
    aggregates = [
        "sum(_rows) AS rows",
        "sum(_blank_rows) AS blank_rows",
        f"sum(CASE WHEN _pattern & {denominators} = 0 THEN _rows - _blank_rows END) AS outside",
        f"sum(CASE WHEN _pattern & {denominators} <> 0 THEN _rows - _blank_rows END) AS counted",
        f"sum(_rows - _blank_rows) - sum({_distinct_keys('_keys')}) AS duplicates",
        "sum(_bad) AS bad",
        "sum(_negative) AS negative",
    ]
    for s, series in enumerate(recipe.series):
        for side, measure, bit in (
            ("d", series.measure, 1 << 2 * s),
            ("n", series.numerator_measure, 1 << 2 * s + 1),
        ):
            for column, year in plan.measure_columns[measure]:
                aggregates.append(
                    f"sum(CASE WHEN _pattern & {bit} <> 0 THEN _s{index[column]} END) "
                    f"AS {side}_{s}_{year}"
                )
    return f"SELECT {group}, {', '.join(aggregates)} FROM ({first}) GROUP BY ALL"


def _group_columns(recipe: Recipe) -> list[str]:
    return [*(p.column for p in recipe.placement), *([recipe.location] if recipe.location else [])]


class _Watch:
    """Reports DuckDB's own progress of the running query to the caller, from a thread."""

    def __init__(self, db: duckdb.DuckDBPyConnection, report: Progress):
        self.db, self.report, self.done = db, report, threading.Event()

    def __enter__(self) -> _Watch:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        while not self.done.wait(0.5):
            try:
                fraction = max(0.0, self.db.query_progress()) / 100
            except duckdb.Error:
                return
            self.report(0.05 + 0.65 * min(fraction, 1.0), _("bestand lezen"))

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()


def _duckdb_problem(plan: _Plan, path: Path, name: str, error: duckdb.Error) -> Problem:
    text = str(error).split("\n")[0]
    if "unicode" in text.lower() or "encoding" in text.lower():
        line = _first_undecodable_line(path, plan.recipe.encoding)
        return Problem(
            name, _("tekens die geen %(enc)s zijn") % {"enc": plan.recipe.encoding}, line
        )
    if "Expected Number of Columns" in str(error) or "columns" in text.lower():
        line = _line_from_duckdb(str(error))
        return Problem(name, _("een rij met meer kolommen dan de kopregel"), line)
    return Problem(name, _("het bestand is niet te lezen: %(error)s") % {"error": text})


def _line_from_duckdb(message: str) -> int | None:
    marker = "Line"
    if marker in message:
        tail = message.split(marker, 1)[1].lstrip(": ")
        digits = "".join(ch for ch in tail[:12] if ch.isdigit())
        return int(digits) if digits else None
    return None


def _first_undecodable_line(path: Path, encoding: str) -> int | None:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return None


# --- 3. naming lines and columns --------------------------------------------------------------


def _refuse_bad_cells(plan: _Plan, path: Path, name: str, scanned: _Scanned) -> None:
    if not any(scanned.totals[c] for c in ("bad", "negative", "duplicates")):
        return
    problems = _locate_cells(plan, path, name)
    if problems:
        raise ImportRefused(problems)


def _numbered(plan: _Plan, path: Path) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The rows with their number in file order (one thread keeps the order)."""
    db = _connect(threads=1)
    db.execute(
        f"CREATE TEMP TABLE numbered AS SELECT * FROM {_rows_sql(plan, path, numbered=True)}"
    )
    return db, "numbered"


def _locate_cells(plan: _Plan, path: Path, name: str) -> list[Problem]:
    db, table = _numbered(plan, path)
    found: list[tuple[int, str, str]] = []
    duplicates: list[tuple[int, int, str]] = []
    try:
        for i, column in enumerate(plan.value_columns()):
            bad = db.execute(
                f"SELECT _rn, _raw{i}, _v{i} FROM {table} WHERE NOT _blank AND "
                f"((coalesce(trim(_raw{i}), '') <> '' AND _v{i} IS NULL) OR _v{i} < 0) "
                f"ORDER BY _rn LIMIT {MAX_PROBLEMS}"
            ).fetchall()
            for rn, raw, value in bad:
                message = (
                    _("%(value)r is geen getal") % {"value": raw}
                    if value is None
                    else _("negatief aantal %(value)s") % {"value": raw}
                )
                found.append((rn, column, message))
        keys = ", ".join(quote_identifier(c) for c in plan.recipe.key_columns)
        if keys:
            duplicate_rows = db.execute(
                f"SELECT list(_rn ORDER BY _rn), {keys} FROM {table} WHERE NOT _blank "
                f"GROUP BY {keys} HAVING count(*) > 1 ORDER BY 1 LIMIT {MAX_PROBLEMS}"
            ).fetchall()
            for numbers, *values in duplicate_rows:
                key_text = ", ".join(str(v) for v in values)
                duplicates.extend((rn, numbers[0], key_text) for rn in numbers[1:])
    finally:
        db.close()
    numbers = {rn for rn, _c, _m in found} | {n for d in duplicates for n in d[:2]}
    lines = _lines(plan.recipe, path, numbers)
    key_columns = ", ".join(plan.recipe.key_columns)
    for rn, first, key_text in duplicates:
        message = _("dubbele sleutel (%(key)s): dezelfde als regel %(line)s") % {
            "key": key_text,
            "line": lines.get(first, "?"),
        }
        found.append((rn, key_columns, message))
    found.sort()
    return [Problem(name, m, lines.get(rn), c) for rn, c, m in found[:MAX_PROBLEMS]]


def _lines(recipe: Recipe, path: Path, row_numbers: set[int]) -> dict[int, int]:
    """Data row number (as DuckDB counts, blank lines skipped) → physical line in the file."""
    wanted = set(row_numbers)
    found: dict[int, int] = {}
    if not wanted:
        return found
    last = max(wanted)
    with path.open(encoding=recipe.encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=recipe.delimiter, quotechar='"')
        for _skipped in range(recipe.skip_rows + 1):
            next(reader, None)
        row = 0
        for record in reader:
            if not record:
                continue
            row += 1
            if row in wanted:
                found[row] = reader.line_num
            if row >= last:
                break
    return found


# --- 4. placing locations in regions ------------------------------------------------------------


@dataclass
class _Placed:
    unplaced_rows: int
    counted_rows: int
    unplaced_examples: list[str]
    unplaced_count: int


def _place(recipe: Recipe, scanned: _Scanned, name: str) -> _Placed:
    """Each location's region, as column ``_region`` of table ``placed`` (NULL: not placed).

    The distinct values of each placement column are looked up once in Python (the regions
    app's tables); DuckDB joins the lookups to the locations, the first placement that places
    a row winning."""
    from pactmonitor.regions.models import Region

    db = scanned.db
    tables: dict[str, dict[str, str]] = {}
    for place in recipe.placement:
        column = quote_identifier(place.column)
        values = db.execute(
            f"SELECT DISTINCT {column} FROM groups WHERE coalesce({column}, '') <> ''"
        ).fetchall()
        try:
            tables[place.column] = {
                value: code
                for (value,) in values
                if (code := placements(place.key).get(normalise(value)))
            }
        except ImportError as error:
            raise ImportRefused([Problem(name, _("de regio-indeling ontbreekt"))]) from error
    codes = {code for table in tables.values() for code in table.values()}
    region_ids = dict(Region.objects.filter(code__in=codes).values_list("code", "id"))
    joins, found = [], []
    for i, (column, table) in enumerate(tables.items()):
        pairs = [(value, region_ids[code]) for value, code in table.items() if code in region_ids]
        db.execute(f"CREATE TEMP TABLE place_{i} (value VARCHAR PRIMARY KEY, region_id BIGINT)")
        db.execute(
            f"INSERT INTO place_{i} SELECT unnest(?::VARCHAR[]), unnest(?::BIGINT[])",
            [[v for v, _r in pairs], [r for _v, r in pairs]],
        )
        joins.append(f"LEFT JOIN place_{i} ON place_{i}.value = g.{quote_identifier(column)}")
        found.append(f"place_{i}.region_id")
    order = [found[list(tables).index(place.column)] for place in recipe.placement]
    db.execute(
        f"CREATE TEMP TABLE placed AS SELECT g.*, coalesce({', '.join(order) or 'NULL'}) "
        f"AS _region FROM groups g {' '.join(joins)}"
    )
    columns = ", ".join(quote_identifier(p.column) for p in recipe.placement)
    unplaced: dict[str, int] = {}
    unplaced_rows = 0
    for *values, counted in db.execute(
        f"SELECT {columns}, counted FROM placed WHERE _region IS NULL AND counted > 0"
    ).fetchall():
        unplaced_rows += counted
        label = " / ".join(
            f"{p.column} {v or '–'}" for p, v in zip(recipe.placement, values, strict=True)
        )
        unplaced[label] = unplaced.get(label, 0) + counted
    counted = scanned.totals["counted"]
    placed = _Placed(unplaced_rows, counted, sorted(unplaced)[:MAX_EXAMPLES], len(unplaced))
    if counted and 100 * unplaced_rows / counted > recipe.unplaced_max_percent:
        raise ImportRefused(
            [
                Problem(
                    name,
                    _(
                        "%(rows)d van de %(counted)d rijen (%(share).1f%%) zijn niet in een regio "
                        "te plaatsen; het recept staat ten hoogste %(max)s%% toe. Voorbeelden: "
                        "%(examples)s"
                    )
                    % {
                        "rows": unplaced_rows,
                        "counted": counted,
                        "share": 100 * unplaced_rows / counted,
                        "max": f"{recipe.unplaced_max_percent:g}",
                        "examples": "; ".join(placed.unplaced_examples),
                    },
                )
            ]
        )
    return placed


# --- figures -------------------------------------------------------------------------------------


def _figures(plan: _Plan, scanned: _Scanned) -> int:
    """Σ numerator and Σ denominator per series, municipality, location and year, as table
    ``figures`` in DuckDB (the wide sums of the placed locations read long); returns how many."""
    recipe = plan.recipe
    location = f"coalesce({quote_identifier(recipe.location)}, '')" if recipe.location else "''"
    names = {
        column
        for (column,) in scanned.db.execute(
            "SELECT name FROM pragma_table_info('groups')"
        ).fetchall()
    }
    cells = []
    for s, series in enumerate(recipe.series):
        for _column, year in plan.measure_columns[series.measure]:
            d = f"d_{s}_{year}"
            n = f"coalesce(n_{s}_{year}, 0)" if f"n_{s}_{year}" in names else "0.0"
            cells.append(
                f"SELECT {s} AS s, _region AS region_id, {location} AS location, {year} AS year, "
                f"{n} AS n, {d} AS d, _gid FROM placed "
                f"WHERE _region IS NOT NULL AND {d} IS NOT NULL"
            )
    union = " UNION ALL ".join(cells) or (
        "SELECT 0 AS s, 0 AS region_id, '' AS location, 0 AS year, 0.0 AS n, 0.0 AS d, 0 AS _gid "
        "WHERE FALSE"
    )
    scanned.db.execute(
        "CREATE TEMP TABLE figures AS SELECT s, region_id, location, year, "
        "sum(n)::DOUBLE AS numerator, sum(d)::DOUBLE AS denominator, min(_gid) AS _gid "
        f"FROM ({union}) GROUP BY s, region_id, location, year"
    )
    return scanned.count("figures")


def _refuse_numerator_over_denominator(
    plan: _Plan, path: Path, name: str, scanned: _Scanned
) -> None:
    over = scanned.db.execute(
        "SELECT s, location, year, numerator, denominator, _gid FROM figures "
        f"WHERE numerator > denominator ORDER BY s, region_id, location, year LIMIT {MAX_PROBLEMS}"
    ).fetchall()
    if not over:
        return
    recipe = plan.recipe
    groups = scanned.group_keys([row[-1] for row in over])
    first_rows = _first_rows(plan, path, list(groups.values()))
    lines = _lines(recipe, path, set(first_rows.values()))
    problems = []
    for s, location, year, numerator, denominator, gid in over:
        series = recipe.series[s]
        column = next(c for c, y in plan.measure_columns[series.numerator_measure] if y == year)
        problems.append(
            Problem(
                name,
                _(
                    "teller %(n)g is groter dan noemer %(d)g (%(indicator)s, %(level)s, "
                    "vestiging %(location)s, %(year)d; eerste regel van deze vestiging)"
                )
                % {
                    "n": numerator,
                    "d": denominator,
                    "indicator": series.indicator,
                    "level": series.education_level or "–",
                    "location": location or "–",
                    "year": year,
                },
                lines.get(first_rows.get(groups[gid], 0)),
                column,
            )
        )
    raise ImportRefused(problems)


def _first_rows(plan: _Plan, path: Path, keys: list[tuple]) -> dict[tuple, int]:
    db, table = _numbered(plan, path)
    columns = _group_columns(plan.recipe)
    try:
        rows = db.execute(
            f"SELECT {', '.join(quote_identifier(c) for c in columns)}, min(_rn) FROM {table} "
            "GROUP BY ALL"
        ).fetchall()
    finally:
        db.close()
    wanted = set(keys)
    return {tuple(r[:-1]): r[-1] for r in rows if tuple(r[:-1]) in wanted}


# --- 5. writing the batch ------------------------------------------------------------------------


def _summary(scanned: _Scanned, placed: _Placed) -> dict[str, Any]:
    rows_read = scanned.totals["rows"]
    reasons = {
        _("lege of korte rij"): scanned.totals["blank_rows"],
        _("valt buiten elke reeks van het recept"): scanned.totals["outside"],
        _("niet in een regio te plaatsen"): placed.unplaced_rows,
    }
    reasons = {reason: count for reason, count in reasons.items() if count}
    skipped = sum(reasons.values())
    return {
        "rows_read": rows_read,
        "rows_skipped": skipped,
        "rows_used": rows_read - skipped,
        "skip_reasons": reasons,
        "unplaced": {"count": placed.unplaced_count, "examples": placed.unplaced_examples},
    }


def _indicator_definition(recipe: Recipe, key: str) -> str:
    """One text from every bundled recipe that feeds this indicator (and this one)."""
    texts = []
    for path in recipe_module.bundled().values():
        other = recipe_module.load(path)
        if key in other.indicators and other.key != recipe.key:
            texts.append(other.indicators[key].definition)
    texts.append(recipe.indicators[key].definition)
    return "\n\n".join(sorted(dict.fromkeys(texts)))


def _indicators(recipe: Recipe) -> dict[str, Indicator]:
    """The indicators the series measure: an existing (seed) indicator keeps its targets."""
    found = {}
    for key, spec in recipe.indicators.items():
        indicator = Indicator.objects.filter(key=key).first()
        definition = _indicator_definition(recipe, key)
        if indicator is None:
            indicator = Indicator.objects.create(
                key=key,
                name=spec.name or key,
                unit=spec.unit,
                measure=spec.measure,
                definition=definition,
            )
        elif indicator.definition != definition or indicator.measure != Measure.SHARE:
            indicator.definition = definition
            indicator.measure = spec.measure
            indicator.save(update_fields=["definition", "measure"])
        found[key] = indicator
    return found


def _write(
    recipe: Recipe,
    path: Path,
    name: str,
    sha256: str,
    user: User | None,
    summary: dict[str, Any],
    scanned: _Scanned,
    report: Progress,
) -> ImportBatch:
    with transaction.atomic():
        indicators = _indicators(recipe)
        previous = list(
            ImportBatch.objects.select_for_update().filter(
                recipe=recipe.key, state=BatchState.ACTIVE
            )
        )
        batch = ImportBatch.objects.create(
            recipe=recipe.key,
            file_name=name,
            sha256=sha256,
            size=path.stat().st_size,
            publisher=recipe.publisher,
            table_name=recipe.table,
            licence=recipe.licence,
            licence_url=recipe.licence_url,
            imported_by=user if getattr(user, "pk", None) else None,
            supersedes=previous[0] if previous else None,
            note=recipe.attribution,
            **summary,
        )
        for old in previous:
            old.state = BatchState.SUPERSEDED
            old.save(update_fields=["state"])
        total = scanned.count("figures")
        for done in _insert(_figure_rows(recipe, batch, indicators), scanned.db):
            report(0.8 + 0.2 * min(done / max(total, 1), 1.0), _("cijfers opslaan"))
    return batch


FIGURE_COLUMNS = (
    "batch_id",
    "indicator_id",
    "region_id",
    "location",
    "year",
    "education_level",
    "numerator",
    "denominator",
)


def _figure_rows(recipe: Recipe, batch: ImportBatch, indicators: dict[str, Indicator]) -> str:
    """The figures as rows of the figure table (in DuckDB SQL), in the order they are written."""
    indicator = " ".join(
        f"WHEN {s} THEN {int(indicators[series.indicator].pk)}"
        for s, series in enumerate(recipe.series)
    )
    level = " ".join(
        f"WHEN {s} THEN {_literal(series.education_level or '')}"
        for s, series in enumerate(recipe.series)
    )
    return (
        f"SELECT {int(batch.pk)} AS batch_id, CASE s {indicator} END AS indicator_id, region_id, "
        f"location, year, CASE s {level} END AS education_level, numerator, denominator "
        "FROM figures ORDER BY s, region_id, location, year"
    )


def _insert(select: str, db: duckdb.DuckDBPyConnection) -> Iterator[int]:
    """Write the rows of ``select`` to the figure table in chunks; yields how many so far.

    PostgreSQL: DuckDB writes them as CSV and COPY reads that, no Python per row. SQLite:
    2,000 rows per ``INSERT``, fetched from DuckDB in chunks as they go."""
    table = connection.ops.quote_name(Figure._meta.db_table)
    columns = ", ".join(FIGURE_COLUMNS)
    done = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            staged = Path(settings.DATA_DIR) / "duckdb-tmp" / f"figures-{uuid.uuid4().hex}.csv"
            db.execute(f"COPY ({select}) TO {_literal(str(staged))} (FORMAT csv, HEADER false)")
            try:
                with staged.open("rb") as handle:
                    while True:
                        block = handle.readlines(CHUNK_BYTES)
                        if not block:
                            break
                        with cursor.cursor.copy(
                            f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)"
                        ) as copy:
                            copy.write(b"".join(block))
                        _pause_after_first_chunk(done)
                        done += len(block)
                        yield done
            finally:
                staged.unlink(missing_ok=True)
            return
        # Many rows per INSERT on the DB-API connection itself (the same transaction): half
        # the time of ``executemany``, which runs a statement per row, and without Django's
        # rewriting of the placeholders of every statement.
        raw = connection.connection
        width = len(FIGURE_COLUMNS)
        # SQLite's compile-time limit of parameters per statement (999 in old builds).
        limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        per = max(1, min(ROWS_PER_INSERT, limit // width))
        one = "(" + ", ".join(["?"] * width) + ")"
        statements: dict[int, str] = {}
        result = db.execute(select)
        while chunk := result.fetchmany(CHUNK):
            for start in range(0, len(chunk), per):
                rows = chunk[start : start + per]
                if len(rows) not in statements:
                    marks = ", ".join([one] * len(rows))
                    statements[len(rows)] = f"INSERT INTO {table} ({columns}) VALUES {marks}"
                raw.execute(statements[len(rows)], list(chain.from_iterable(rows)))
            _pause_after_first_chunk(done)
            done += len(chunk)
            yield done


def _pause_after_first_chunk(done: int) -> None:
    marker = os.environ.get(PAUSE_HOOK)
    if marker and done == 0:
        Path(marker).write_text("written one chunk, waiting")
        time.sleep(60)


class _Hasher(threading.Thread):
    """sha256 of the file, computed beside the DuckDB pass (hashlib releases the GIL)."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path, self.digest = path, ""
        self.error: OSError | None = None

    def run(self) -> None:
        sha = hashlib.sha256()
        try:
            with self.path.open("rb") as handle:
                while block := handle.read(4 << 20):
                    sha.update(block)
        except OSError as error:  # pragma: no cover - the size check read it a moment ago
            self.error = error
        self.digest = sha.hexdigest()

    def result(self) -> str:
        self.join()
        if self.error:
            raise ImportRefused([Problem(self.path.name, str(self.error))])
        return self.digest
