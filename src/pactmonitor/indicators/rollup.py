"""Imported figures rolled up the region tree, through DuckDB over a columnar snapshot.

Bulk figures (``Figure`` rows, tens of millions) are not aggregated in the transactional
database: the roll-up reads Parquet files with DuckDB.

The snapshot
    ``<DATA_DIR>/columnar/batches/<token>-<batch id>.sums.parquet`` holds one import batch's
    figures added up per indicator, region, year and level (with how many figures each sum
    holds). A batch's figures never change, so each is exported and added up once; a roll-up
    then reads some thousands of sums instead of millions of figures.
    ``<DATA_DIR>/columnar/snap-<version>/`` holds ``closure.parquet`` (every region paired
    with itself and with every region that contains it, through the main parent and
    ``part_of``, each pair once) and ``manifest.json`` (the active batches). Seed
    observations (``Observation``) are not in it: they are another source and are never
    mixed into the imported series.

The version
    is read from the database in one cheap query: the token (random per database) and the
    counter of ``SnapshotVersion`` (bumped
    by ``mark_stale()``: when a batch lands or is withdrawn, and when a region changes) plus
    the number, sum and maximum of the active batch ids (so a batch that lands without
    ``mark_stale()`` is still seen). Every worker process asks it on every roll-up; a process
    that finds no folder for the version builds it under a file lock into a temporary folder
    and renames it into place (atomic), so readers never see half a snapshot and two
    processes never build the same one twice. Old snapshots are removed only when they are
    older than ``KEEP_SECONDS`` and not among the newest two, so a process still reading one
    is not pulled from under.

Adding up
    Shares roll up as Σ numerator / Σ denominator (never the mean of shares); counts and
    amounts as Σ. Every row keeps its numerator and denominator, so a page can say
    "20.617 van 51.998".
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import duckdb
from django.conf import settings
from django.db import connection
from django.db.models import F

KEEP_SECONDS = 300
FIGURE_COLUMNS = [
    "indicator_id",
    "region_id",
    "year",
    "education_level",
    "numerator",
    "denominator",
]
FIGURE_TYPES = {
    "indicator_id": "BIGINT",
    "region_id": "BIGINT",
    "year": "INTEGER",
    "education_level": "VARCHAR",
    "numerator": "DOUBLE",
    "denominator": "DOUBLE",
}


class RolledUp(NamedTuple):
    """One indicator's figures for a region (with all it contains), year and level.

    A named tuple: a page reads some ten thousand of them, and a tuple is made ten times
    faster than a frozen dataclass."""

    region_id: int
    year: int
    education_level: str
    numerator: float
    denominator: float | None
    rows: int  # how many source figures were added up

    @property
    def share(self) -> float | None:
        """Σ numerator / Σ denominator as a percentage; None without a denominator."""
        if not self.denominator:
            return None
        return 100.0 * self.numerator / self.denominator


# --- the version -------------------------------------------------------------------------


def mark_stale() -> None:
    """The snapshot no longer matches the database: bump the counter (inside the caller's
    transaction, so a rolled-back import leaves the version as it was)."""
    from .models import SnapshotVersion

    if not SnapshotVersion.objects.filter(pk=1).update(counter=F("counter") + 1):
        SnapshotVersion.objects.get_or_create(pk=1, defaults={"counter": 1})


def current_version() -> str:
    """The version of what the snapshot must hold, in one query."""
    from .models import ImportBatch, SnapshotVersion

    batches = connection.ops.quote_name(ImportBatch._meta.db_table)
    versions = connection.ops.quote_name(SnapshotVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT token FROM {versions} WHERE id = 1), "
            f"(SELECT counter FROM {versions} WHERE id = 1), "
            f"(SELECT count(*) FROM {batches} WHERE state = %s), "
            f"(SELECT sum(id) FROM {batches} WHERE state = %s), "
            f"(SELECT max(id) FROM {batches})",
            ["active", "active"],
        )
        token, counter, active, total, newest = cursor.fetchone()
    return f"{token or 'new'}-{counter or 0}-{active}-{total or 0}-{newest or 0}"


# --- building the snapshot ---------------------------------------------------------------


def snapshot_root() -> Path:
    return Path(settings.DATA_DIR) / "columnar"


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One builder at a time across processes (an advisory lock on a file)."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def containment_pairs() -> list[tuple[int, int]]:
    """Every (region, containing region) pair, the region itself included, each pair once."""
    from pactmonitor.regions.tree import RegionTree

    return RegionTree.load().containment_pairs()


def _read_staged(staged: Path, types: dict[str, str]) -> str:
    return (
        f"read_csv('{_quoted(staged)}', header=true, delim=',', quote='\"', "
        f"columns={types!r}, nullstr='')"
    )


def _copy_to_parquet(select: str, target: Path) -> None:
    """Write a query's rows to ``target`` atomically (a reader never sees half a file)."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
    with duckdb.connect() as db:
        db.execute(f"COPY ({select}) TO '{_quoted(tmp)}' (FORMAT parquet, COMPRESSION zstd)")
    tmp.replace(target)


def _csv_to_parquet(staged: Path, target: Path, types: dict[str, str], order: str) -> None:
    _copy_to_parquet(f"SELECT * FROM {_read_staged(staged, types)} ORDER BY {order}", target)
    staged.unlink()


def write_batch_sums(figures: str, target: Path) -> None:
    """A batch's figures (``figures``: a DuckDB table expression with ``FIGURE_COLUMNS``)
    added up per indicator, region, year and level into the batch's snapshot file.

    Adding up is associative, so the roll-up adds these sums over the batches and up the tree
    and gets the same totals as from the figures themselves; ``n`` keeps how many figures
    each sum holds."""
    _copy_to_parquet(
        "SELECT indicator_id, region_id, year, education_level, "
        "sum(numerator) AS numerator, sum(denominator) AS denominator, count(*) AS n "
        f"FROM {figures} GROUP BY ALL ORDER BY indicator_id, region_id, year, education_level",
        target,
    )


def _write_closure(folder: Path) -> None:
    staged = folder / "closure.csv"
    with staged.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["region_id", "container_id"])
        writer.writerows(containment_pairs())
    types = {"region_id": "BIGINT", "container_id": "BIGINT"}
    _csv_to_parquet(staged, folder / "closure.parquet", types, "region_id")


def _export_batch(batch_id: int, target: Path) -> None:
    """One batch's figures, added up, to Parquet; streamed (never all rows in memory)."""
    from .models import Figure

    staged = target.with_suffix(f".{uuid.uuid4().hex}.csv")
    table = connection.ops.quote_name(Figure._meta.db_table)
    select = f"SELECT {', '.join(FIGURE_COLUMNS)} FROM {table} WHERE batch_id = {int(batch_id)}"
    with staged.open("w", newline="") as handle:
        handle.write(",".join(FIGURE_COLUMNS) + "\n")
        if connection.vendor == "postgresql":
            # COPY streams at the server's speed; the cursor path below is ten times slower.
            with connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY ({select}) TO STDOUT (FORMAT csv)") as copy:
                    for chunk in copy:
                        handle.write(bytes(chunk).decode())
        else:
            writer = csv.writer(handle, lineterminator="\n")
            with connection.cursor() as cursor:
                cursor.execute(select)
                while rows := cursor.fetchmany(100_000):
                    writer.writerows(rows)
    write_batch_sums(_read_staged(staged, FIGURE_TYPES), target)
    staged.unlink()


def _active_batches() -> list[int]:
    from .models import ImportBatch

    return sorted(ImportBatch.objects.filter(state="active").values_list("id", flat=True))


def batch_file(version: str, batch_id: int) -> str:
    """A batch's file name, under the database's token (the version's first part)."""
    return f"{version.split('-')[0]}-{batch_id}.sums.parquet"


def _indicators_in(file: Path) -> list[int]:
    with duckdb.connect() as db:
        rows = db.execute(f"SELECT DISTINCT indicator_id FROM read_parquet('{_quoted(file)}')")
        return sorted(r[0] for r in rows.fetchall())


def _build(root: Path, version: str) -> Path:
    final = root / f"snap-{version}"
    batches = root / "batches"
    batches.mkdir(parents=True, exist_ok=True)
    work = root / f".build-{uuid.uuid4().hex}"
    work.mkdir()
    active = _active_batches()
    indicators: dict[str, list[int]] = {}
    for batch_id in active:
        file = batches / batch_file(version, batch_id)
        if not file.exists():
            _export_batch(batch_id, file)
        indicators[str(batch_id)] = _indicators_in(file)
    _write_closure(work)
    files = {str(b): batch_file(version, b) for b in active}
    manifest = {"version": version, "batches": files, "indicators": indicators}
    (work / "manifest.json").write_text(json.dumps(manifest))
    work.rename(final)
    _clean(root, keep=final)
    return final


def _clean(root: Path, keep: Path) -> None:
    """Drop snapshots and batch files no current snapshot needs, once they are old enough."""
    now = time.time()
    snaps = sorted(root.glob("snap-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    kept = {keep, *snaps[:2]}
    for snap in snaps:
        if snap not in kept and now - snap.stat().st_mtime > KEEP_SECONDS:
            shutil.rmtree(snap, ignore_errors=True)
    needed: set[str] = set()
    for snap in kept:
        try:
            needed.update(json.loads((snap / "manifest.json").read_text())["batches"].values())
        except (OSError, ValueError, KeyError, AttributeError):
            continue  # being removed, or written by an older version: its files are not ours
    for file in (root / "batches").glob("*.parquet"):
        if file.name not in needed and now - file.stat().st_mtime > KEEP_SECONDS:
            file.unlink(missing_ok=True)


def ensure_fresh(version: str | None = None) -> Path:
    """The folder of the snapshot that matches the database now, built if need be."""
    root = snapshot_root()
    version = version or current_version()
    final = root / f"snap-{version}"
    if final.is_dir():
        return final
    with _locked(root):
        if final.is_dir():  # another process built it while this one waited
            return final
        return _build(root, version)


# --- the roll-up -------------------------------------------------------------------------

# The batch files hold sums per region already (``write_batch_sums``): add them over the
# batches (the level ho comes from two), then fan the few thousand sums out to the containing
# regions. File names are part of the SQL text, not parameters: DuckDB plans a parameterised
# read_parquet() without the files' statistics, which made this query several times slower.
ROLLUP = """
WITH leaves AS (
    SELECT region_id, year, education_level,
           sum(numerator) AS numerator, sum(denominator) AS denominator, sum(n) AS n
    FROM read_parquet([{figures}])
    WHERE indicator_id = $indicator
    GROUP BY ALL
)
SELECT c.container_id, l.year, coalesce(l.education_level, ''),
       sum(l.numerator), sum(l.denominator), sum(l.n)
FROM leaves l
JOIN read_parquet('{closure}') c ON c.region_id = l.region_id
GROUP BY ALL
ORDER BY ALL
"""


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


@dataclass(frozen=True)
class Snapshot:
    folder: Path
    batches: dict[int, list[int]]  # active batch id → the indicators it has figures of
    files: dict[int, str]  # active batch id → its file under batches/

    @classmethod
    def read(cls, folder: Path) -> Snapshot:
        manifest = json.loads((folder / "manifest.json").read_text())
        return cls(
            folder,
            {int(b): ids for b, ids in manifest["indicators"].items()},
            {int(b): name for b, name in manifest["batches"].items()},
        )

    def batches_of(self, indicator_id: int) -> list[int]:
        return [b for b, ids in self.batches.items() if indicator_id in ids]

    def rollup_sql(self, indicator_id: int) -> str | None:
        """The roll-up query over the batches that hold the indicator; None if none does."""
        root = self.folder.parent / "batches"
        files = [root / self.files[b] for b in self.batches_of(indicator_id)]
        if not files:
            return None
        return ROLLUP.format(
            figures=", ".join(f"'{_quoted(f)}'" for f in files),
            closure=_quoted(self.folder / "closure.parquet"),
        )


def snapshot() -> Snapshot:
    """The snapshot that matches the database now (one cheap query when it exists).

    Without an active batch there is nothing to roll up: no files are built or read."""
    version = current_version()
    if version.split("-")[2] == "0":
        return Snapshot(snapshot_root() / "empty", {}, {})
    return Snapshot.read(ensure_fresh(version))


def roll_up(indicator_id: int, snap: Snapshot | None = None) -> list[RolledUp]:
    """One indicator's figures per region (every region containing some), year and level:
    one DuckDB query over the snapshot."""
    sql = (snap or snapshot()).rollup_sql(indicator_id)
    if sql is None:
        return []
    with _duckdb().cursor() as db:
        rows = db.execute(sql, {"indicator": indicator_id}).fetchall()
    return list(map(RolledUp._make, rows))


_engine: tuple[int, duckdb.DuckDBPyConnection] | None = None


def _duckdb() -> duckdb.DuckDBPyConnection:
    """One in-memory DuckDB per process (starting one costs more than a small query); each
    query takes its own cursor, so threads do not share one. Made anew after a fork."""
    global _engine
    if _engine is None or _engine[0] != os.getpid():
        engine = duckdb.connect()
        engine.execute("SET parquet_metadata_cache = true")
        _engine = (os.getpid(), engine)
    return _engine[1]


def indicators_with_figures() -> list[int]:
    """Indicators the active batches hold figures of (read from the snapshot, not the table)."""
    return sorted({i for ids in snapshot().batches.values() for i in ids})
