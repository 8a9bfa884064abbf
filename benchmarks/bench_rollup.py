"""Rolling 10 million indicator observations up the region tree.

Compares, on the same synthetic data in one run:
- the product's query layer (pactmonitor.indicators.rollup.roll_up over its Parquet snapshot),
- a raw DuckDB query over the same Parquet files with a precomputed closure table (baseline),
- the same GROUP BY in PostgreSQL (tables loaded with COPY, indexed, ANALYZEd).
Reports seconds (best of N) and ratios. Goal (DESIGN.md): product ≤ 0.2 s, ≥ 10× faster than
PostgreSQL, within 2× of raw DuckDB.

    .venv/bin/python benchmarks/bench_rollup.py [--rows 10000000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactmonitor.settings")

from pactmonitor.indicators.rollup import roll_up, write_closure  # noqa: E402

PG_URL = os.environ.get("DATABASE_URL_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def build(folder: Path, rows: int) -> None:
    """A tree of 1 land, 5 landsdelen, 12 provinces, 48 subregions, 384 municipalities."""
    with duckdb.connect() as db:
        db.execute("""
            CREATE TABLE regions AS
            SELECT 1::BIGINT AS id, NULL::BIGINT AS parent_id
            UNION ALL SELECT 1 + i, 1 FROM range(1, 6) t(i)
            UNION ALL SELECT 10 + i, 1 + (i % 5) + 1 FROM range(1, 13) t(i)
            UNION ALL SELECT 100 + i, 10 + (i % 12) + 1 FROM range(1, 49) t(i)
            UNION ALL SELECT 1000 + i, 100 + (i % 48) + 1 FROM range(1, 385) t(i)
        """)
        db.execute(f"COPY regions TO '{folder / 'regions.parquet'}' (FORMAT parquet)")
        db.execute(f"""
            COPY (
                SELECT 1::BIGINT AS indicator_id, (1001 + (i % 384))::BIGINT AS region_id,
                       (2010 + (i // 7) % 11)::BIGINT AS year,
                       ['po','vmbo','havo','vwo','mbo','hbo'][1 + (i // 13) % 6] AS education_level,
                       ((i * 7919) % 1000) / 10.0 AS value
                FROM range({rows}) t(i)
            ) TO '{folder / "observations.parquet"}' (FORMAT parquet)
        """)
        parquet, csv = folder / "observations.parquet", folder / "observations.csv"
        db.execute(f"COPY (SELECT * FROM read_parquet('{parquet}')) TO '{csv}' (HEADER false)")
        db.execute(f"COPY regions TO '{folder / 'regions.csv'}' (HEADER false)")


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def raw_duckdb(folder: Path) -> float:
    db = duckdb.connect()
    db.execute(f"""
        CREATE TABLE closure AS
        WITH RECURSIVE c(region_id, ancestor_id) AS (
            SELECT id, id FROM read_parquet('{folder / "regions.parquet"}')
            UNION ALL SELECT c.region_id, r.parent_id FROM c
            JOIN read_parquet('{folder / "regions.parquet"}') r ON r.id = c.ancestor_id
            WHERE r.parent_id IS NOT NULL)
        SELECT * FROM c
    """)
    query = f"""
        SELECT c.ancestor_id, o.year, o.education_level, sum(o.value), count(*), avg(o.value)
        FROM read_parquet('{folder / "observations.parquet"}') o
        JOIN closure c ON c.region_id = o.region_id
        WHERE o.indicator_id = 1 GROUP BY ALL
    """
    seconds = best(lambda: db.execute(query).fetchall())
    db.close()
    return seconds


def postgres(folder: Path) -> float | None:
    import psycopg

    try:
        conn = psycopg.connect(PG_URL, autocommit=True)
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL not reachable ({exc}); skipped")
        return None
    with conn:
        conn.execute("DROP SCHEMA IF EXISTS bench_rollup CASCADE; CREATE SCHEMA bench_rollup")
        conn.execute("SET search_path = bench_rollup")
        conn.execute("CREATE TABLE regions (id bigint primary key, parent_id bigint)")
        conn.execute(
            "CREATE TABLE observations (indicator_id bigint, region_id bigint, year bigint,"
            " education_level text, value float8)"
        )
        for table in ("regions", "observations"):
            with (
                conn.cursor().copy(f"COPY {table} FROM STDIN (FORMAT csv)") as copy,
                (folder / f"{table}.csv").open("rb") as handle,
            ):
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)
        conn.execute("CREATE INDEX ON observations (indicator_id, region_id)")
        conn.execute("""CREATE TABLE closure AS WITH RECURSIVE c(region_id, ancestor_id) AS (
            SELECT id, id FROM regions UNION ALL
            SELECT c.region_id, r.parent_id FROM c JOIN regions r ON r.id = c.ancestor_id
            WHERE r.parent_id IS NOT NULL)
            SELECT * FROM c""")
        conn.execute("ANALYZE")
        query = """SELECT c.ancestor_id, o.year, o.education_level,
            sum(o.value), count(*), avg(o.value) FROM observations o
            JOIN closure c ON c.region_id = o.region_id
            WHERE o.indicator_id = 1 GROUP BY 1, 2, 3"""
        seconds = best(lambda: conn.execute(query).fetchall(), repeat=2)
        conn.execute("DROP SCHEMA bench_rollup CASCADE")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        build(folder, args.rows)
        write_closure(folder)
        product = best(lambda: roll_up(1, folder))
        raw = raw_duckdb(folder)
        pg = None if args.no_postgres else postgres(folder)
    print(f"rows: {args.rows:,}")
    print(f"raw DuckDB (baseline):      {raw:.3f} s")
    print(
        f"product query layer:        {product:.3f} s   ratio to raw DuckDB: {product / raw:.2f}x"
    )
    if pg is not None:
        print(f"PostgreSQL GROUP BY:        {pg:.3f} s   product is {pg / product:.1f}x faster")


if __name__ == "__main__":
    main()
