"""Indicator figures rolled up the region tree, through DuckDB over a columnar snapshot.

Row-by-row aggregation in the transactional database does not scale to tens of millions of
observations, so aggregation reads a Parquet snapshot of the observations and of the region
tree (as a closure: every region paired with itself and each of its ancestors along the main
parent). Observations without a region are left out of the roll-up. The snapshot is rewritten
when it is stale: every save or delete of an observation or a region marks it so (bulk loaders
call ``mark_stale()`` themselves).

Counts and amounts add up the tree; shares do not, so every row also carries the number of
observations and their mean, and the caller picks what fits the indicator's unit.
"""

from __future__ import annotations

import csv
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
from django.conf import settings
from django.db import connection

_lock = threading.Lock()


@dataclass(frozen=True)
class RolledUp:
    region_id: int
    year: int | None
    education_level: str
    total: float
    count: int
    mean: float


def snapshot_dir() -> Path:
    return Path(settings.DATA_DIR) / "columnar"


def mark_stale() -> None:
    (snapshot_dir() / "observations.parquet").unlink(missing_ok=True)


def _export(query: str, columns: list[str], target: Path, work: Path) -> None:
    """Stream a query's rows through CSV into Parquet, without holding them in memory."""
    staged = work / f"{target.stem}.csv"
    with connection.cursor() as cursor, staged.open("w", newline="") as handle:
        cursor.execute(query)
        writer = csv.writer(handle)
        writer.writerow(columns)
        while rows := cursor.fetchmany(50_000):
            writer.writerows(rows)
    types = {
        name: "VARCHAR" if name == "education_level" else "DOUBLE" if name == "value" else "BIGINT"
        for name in columns
    }
    with duckdb.connect() as db:
        db.execute(
            f"COPY (SELECT * FROM read_csv(?, header=true, columns={types!r})) "
            f"TO '{target}' (FORMAT parquet)",
            [str(staged)],
        )
    staged.unlink()


def refresh() -> Path:
    """Write the snapshot from the database; returns its folder."""
    folder = snapshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with _lock:
        _export(
            "SELECT indicator_id, region_id, year, education_level, value "
            "FROM indicators_observation",
            ["indicator_id", "region_id", "year", "education_level", "value"],
            folder / "observations.parquet.new",
            folder,
        )
        _export(
            "SELECT id, parent_id FROM regions_region",
            ["id", "parent_id"],
            folder / "regions.parquet",
            folder,
        )
        write_closure(folder)
        (folder / "observations.parquet.new").replace(folder / "observations.parquet")
    return folder


def ensure_fresh() -> Path:
    folder = snapshot_dir()
    if not (folder / "observations.parquet").exists():
        refresh()
    return folder


CLOSURE = """
COPY (
    WITH RECURSIVE closure(region_id, ancestor_id) AS (
        SELECT id, id FROM read_parquet($regions)
        UNION ALL
        SELECT c.region_id, r.parent_id FROM closure c
        JOIN read_parquet($regions) r ON r.id = c.ancestor_id
        WHERE r.parent_id IS NOT NULL
    )
    SELECT * FROM closure
) TO '{target}' (FORMAT parquet)
"""

# Aggregate per leaf region first, then fan the (few) partial sums out to the ancestors: the
# join then touches thousands of rows instead of millions. The file names are part of the SQL
# text, not parameters: DuckDB plans a parameterised read_parquet() without the file's
# statistics, which made this query several times slower.
ROLLUP = """
WITH leaves AS (
    SELECT region_id, year, education_level, sum(value) AS total, count(*) AS n
    FROM read_parquet('{observations}')
    WHERE indicator_id = $indicator AND region_id IS NOT NULL
    GROUP BY ALL
)
SELECT c.ancestor_id, l.year, l.education_level, sum(l.total), sum(l.n), sum(l.total) / sum(l.n)
FROM leaves l
JOIN read_parquet('{closure}') c ON c.region_id = l.region_id
GROUP BY ALL
ORDER BY ALL
"""


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def write_closure(folder: Path) -> None:
    """Every region paired with itself and each ancestor: the tree as a join table."""
    with duckdb.connect() as db:
        db.execute(
            CLOSURE.format(target=folder / "closure.parquet"),
            {"regions": str(folder / "regions.parquet")},
        )


def roll_up(indicator_id: int, folder: Path | None = None) -> list[RolledUp]:
    """An indicator's observations summed per region (with all below it), year and level."""
    folder = folder or ensure_fresh()
    with duckdb.connect() as db:
        sql = ROLLUP.format(
            observations=_quoted(folder / "observations.parquet"),
            closure=_quoted(folder / "closure.parquet"),
        )
        rows = db.execute(sql, {"indicator": indicator_id}).fetchall()
    return [RolledUp(r[0], r[1], r[2] or "", r[3], r[4], r[5]) for r in rows]
