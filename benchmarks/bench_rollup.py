"""Rolling imported figures up the real-sized region tree, as the indicator page does.

In one run, on the same synthetic DUO-shaped data (N figure rows of one indicator: 355
municipalities × 10 years × 7 levels × school locations, numerator and denominator):

- **product**: ``rollup.roll_up(indicator, rollup.snapshot())`` — what ``IndicatorFigures``
  (the indicator page, the home page, the reports) calls: the version query against the
  database, then one DuckDB query over the batch's snapshot file (its figures added up per
  region, year and level once, when the batch is exported: ``rollup.write_batch_sums``, timed
  here too) and the containment pairs;
- **raw DuckDB** (baseline): a hand-written join-then-group over the figures themselves (one
  Parquet file of the N rows), and the same over the batch's sums file (what the product
  reads: the product's own overhead);
- **PostgreSQL**: the same GROUP BY over the same rows loaded with COPY, indexed, ANALYZEd;
- **page, first render after a new batch**: a new batch of figures lands (written to the
  database as the importer does), then ``GET /indicatoren/<key>/`` — which rebuilds the
  snapshot (exports the new batch, the closure) and renders the page with its chart —
  against the same page rendered from a fresh snapshot without the page cache, and against
  the cached page.

The tree is real-sized: Nederland, 5 landsdelen, 12 provinces, 40 COROP areas (one of them,
like West-Noord-Brabant, also part of a province of another landsdeel), 355 municipalities
(2019), and 35 arbeidsmarktregio's that contain the municipalities through ``part_of``.
Figures are reported as ratios against the baselines, never asserted. Goals (DESIGN.md):
product ≤ 0,2 s, ≤ 1,5× raw DuckDB, ≥ 20× faster than PostgreSQL.

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PG_URL = os.environ.get("DATABASE_URL_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
LEVELS = ["vmbo", "havo", "vwo", "mbo", "hbo", "wo", "ho"]
YEARS = list(range(2010, 2020))
MUNICIPALITIES = 355


def setup_django(data_dir: Path) -> None:
    os.environ.update(
        PACTMONITOR_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="pactmonitor.settings",
        ALLOWED_HOSTS="testserver",
        PACTMONITOR_HTTPS="false",
    )
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    # The page renders from the source tree, without a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)


def build_tree() -> list[int]:
    """The real-sized tree in the database; returns the municipality ids."""
    from pactmonitor.regions.models import Region

    def make(kind, n, parents, prefix):
        made = Region.objects.bulk_create(
            Region(
                key=f"{prefix}-{i}",
                name=f"{prefix.title()} {i}",
                kind=kind,
                parent=parents[i % len(parents)] if parents else None,
            )
            for i in range(n)
        )
        return list(Region.objects.filter(kind=kind).order_by("id")) if made else []

    land = make("land", 1, [], "nederland")
    landsdelen = make("landsdeel", 5, land, "landsdeel")
    provinces = make("provincie", 12, landsdelen, "provincie")
    corops = make("corop", 40, provinces, "corop")
    corops[0].parent = landsdelen[(provinces.index(corops[0].parent) + 1) % 5]
    corops[0].save()
    corops[0].part_of.add(corops[0].parent)  # like West-Noord-Brabant: a second container
    amrs = make("arbeidsmarktregio", 35, land, "amr")
    towns = make("gemeente", MUNICIPALITIES, corops, "gemeente")
    through = Region.part_of.through
    through.objects.bulk_create(
        through(from_region_id=t.pk, to_region_id=amrs[i % 35].pk) for i, t in enumerate(towns)
    )
    return [t.pk for t in towns]


def write_figures(target: Path, indicator_id: int, towns: list[int], rows: int) -> None:
    """N figures with the columns ``rollup`` exports a batch with (sorted, zstd)."""
    with duckdb.connect() as db:
        db.execute(
            f"""
            COPY (
                SELECT {indicator_id}::BIGINT AS indicator_id,
                       ({towns}::BIGINT[])[1 + (i % {len(towns)})] AS region_id,
                       (2010 + (i // 7) % 10)::INTEGER AS year,
                       {LEVELS}[1 + (i // 71) % 7] AS education_level,
                       ((i * 7919) % 80)::DOUBLE AS numerator,
                       (80 + (i * 104729) % 120)::DOUBLE AS denominator
                FROM range({rows}) t(i)
                ORDER BY indicator_id, region_id, year
            ) TO '{target}' (FORMAT parquet, COMPRESSION zstd)
            """
        )


def best(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


RAW = """
SELECT c.container_id, f.year, f.education_level,
       sum(f.numerator), sum(f.denominator), count(*)
FROM read_parquet('{figures}') f
JOIN read_parquet('{closure}') c ON c.region_id = f.region_id
WHERE f.indicator_id = {indicator}
GROUP BY ALL
"""


RAW_SUMS = """
SELECT c.container_id, f.year, f.education_level,
       sum(f.numerator), sum(f.denominator), sum(f.n)
FROM read_parquet('{figures}') f
JOIN read_parquet('{closure}') c ON c.region_id = f.region_id
WHERE f.indicator_id = {indicator}
GROUP BY ALL
"""


def product_and_raw(
    figures: Path, sums: Path, closure: Path, indicator: int
) -> tuple[float, float, float]:
    """(product, raw over the figures, raw over the sums): best of N for each, the runs
    interleaved so a busy machine slows all alike."""
    from pactmonitor.indicators import rollup

    query = RAW.format(figures=figures, closure=closure, indicator=indicator)
    over_sums = RAW_SUMS.format(figures=sums, closure=closure, indicator=indicator)
    product, raw, raw_sums = [], [], []
    with duckdb.connect() as db:
        db.execute(query).fetchall()  # warm the file cache like the product's runs
        db.execute(over_sums).fetchall()
        for _ in range(9):
            product.append(best(lambda: rollup.roll_up(indicator, rollup.snapshot()), 1))
            raw.append(best(lambda: db.execute(query).fetchall(), 1))
            raw_sums.append(best(lambda: db.execute(over_sums).fetchall(), 1))
    return min(product), min(raw), min(raw_sums)


def postgres(figures: Path, closure: Path, indicator: int, work: Path) -> float | None:
    import psycopg

    try:
        conn = psycopg.connect(PG_URL, autocommit=True)
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL not reachable ({exc}); skipped")
        return None
    with duckdb.connect() as db:
        db.execute(f"COPY (FROM read_parquet('{figures}')) TO '{work / 'f.csv'}' (HEADER false)")
        db.execute(f"COPY (FROM read_parquet('{closure}')) TO '{work / 'c.csv'}' (HEADER false)")
    with conn:
        conn.execute("DROP SCHEMA IF EXISTS bench_rollup CASCADE; CREATE SCHEMA bench_rollup")
        conn.execute("SET search_path = bench_rollup")
        conn.execute(
            "CREATE TABLE figures (indicator_id bigint, region_id bigint, year int,"
            " education_level text, numerator float8, denominator float8)"
        )
        conn.execute("CREATE TABLE closure (region_id bigint, container_id bigint)")
        for table, file in (("figures", "f.csv"), ("closure", "c.csv")):
            with (
                conn.cursor().copy(f"COPY {table} FROM STDIN (FORMAT csv)") as copy,
                (work / file).open("rb") as handle,
            ):
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)
        conn.execute("CREATE INDEX ON figures (indicator_id, region_id, year)")
        conn.execute("CREATE INDEX ON closure (region_id)")
        conn.execute("ANALYZE")
        query = f"""SELECT c.container_id, f.year, f.education_level,
            sum(f.numerator), sum(f.denominator), count(*) FROM figures f
            JOIN closure c ON c.region_id = f.region_id
            WHERE f.indicator_id = {indicator} GROUP BY 1, 2, 3"""
        conn.execute(query).fetchall()
        seconds = best(lambda: conn.execute(query).fetchall(), repeat=2)
        conn.execute("DROP SCHEMA bench_rollup CASCADE")
    return seconds


def page_renders(indicator, towns: list[int]) -> tuple[float, float, float]:
    """(first render after a new batch, render on a fresh snapshot, cached render)."""
    from django.core.cache import cache
    from django.test import Client

    from pactmonitor.indicators.models import Figure, ImportBatch
    from pactmonitor.indicators.rollup import mark_stale

    client, url = Client(), indicator.get_absolute_url()
    assert client.get(url).status_code == 200  # the snapshot and the page once
    # A new batch lands as the importer writes one: rows in the database, then mark_stale().
    batch = ImportBatch.objects.create(
        recipe="bench",
        file_name="nieuw.csv",
        sha256="0" * 64,
        publisher="DUO",
        table_name="bench",
        licence="CC0 1.0",
    )
    Figure.objects.bulk_create(
        Figure(
            batch=batch,
            indicator=indicator,
            region_id=towns[i % len(towns)],
            year=2019,
            education_level="havo",
            numerator=1,
            denominator=2,
        )
        for i in range(10_000)
    )
    mark_stale()
    cache.clear()
    start = time.perf_counter()
    assert client.get(url).status_code == 200
    first = time.perf_counter() - start

    def fresh():
        cache.clear()
        assert client.get(url).status_code == 200

    warm = best(fresh, repeat=5)
    cached = best(lambda: client.get(url), repeat=20)
    return first, warm, cached


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        setup_django(work)
        from pactmonitor.indicators import rollup
        from pactmonitor.indicators.models import ImportBatch, Indicator, Target

        towns = build_tree()
        indicator = Indicator.objects.create(
            key="bench", name="Bench", unit="percent", measure="share", is_headline=True
        )
        Target.objects.create(indicator=indicator, year=2020, value=40)
        batch = ImportBatch.objects.create(
            recipe="bench",
            file_name="groot.csv",
            sha256="1" * 64,
            publisher="DUO",
            table_name="bench",
            licence="CC0 1.0",
        )
        batches = rollup.snapshot_root() / "batches"
        batches.mkdir(parents=True)
        started = time.perf_counter()
        figures = work / "figures.parquet"
        write_figures(figures, indicator.pk, towns, args.rows)
        print(
            f"wrote {args.rows:,} figure rows to Parquet in {time.perf_counter() - started:.1f} s"
        )
        # What exporting the batch does after reading its rows from the database.
        sums = batches / rollup.batch_file(rollup.current_version(), batch.pk)
        started = time.perf_counter()
        rollup.write_batch_sums(f"read_parquet('{figures}')", sums)
        adding_up = time.perf_counter() - started
        snap = rollup.snapshot()
        rows = rollup.roll_up(indicator.pk, snap)
        closure = snap.folder / "closure.parquet"
        product, raw, raw_sums = product_and_raw(figures, sums, closure, indicator.pk)
        check = best(rollup.snapshot)
        pg = None if args.no_postgres else postgres(figures, closure, indicator.pk, work)
        first, warm, cached = page_renders(indicator, towns)
    print(
        f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures above 1"
        " mean other work shared the cores; read the ratios)"
    )
    print(f"rows: {args.rows:,}; result rows (region × year × level): {len(rows):,}")
    print(f"raw DuckDB over the figures (baseline): {raw:.3f} s")
    print(f"raw DuckDB over the batch's sums:       {raw_sums:.3f} s")
    print(
        f"product roll-up (page call):            {product:.3f} s   {product / raw:.2f}x raw"
        f" DuckDB over the figures, {product / raw_sums:.2f}x over the sums"
        "   (goal ≤ 0,2 s and ≤ 1,5x)"
    )
    print(f"  adding the batch's figures up (once, when the batch is exported): {adding_up:.3f} s")
    print(f"  of which the version check and manifest: {check * 1000:.1f} ms")
    if pg is not None:
        print(
            f"PostgreSQL GROUP BY:          {pg:.3f} s   product is {pg / product:.1f}x faster"
            "   (goal ≥ 20x)"
        )
    print(f"indicator page, fresh snapshot, no page cache: {warm * 1000:.0f} ms")
    print(
        f"indicator page, first render after a new batch: {first * 1000:.0f} ms"
        f"   {first / warm:.1f}x the render on a fresh snapshot"
    )
    print(
        f"indicator page, cached:        {cached * 1000:.1f} ms   first render is "
        f"{first / cached:.0f}x the cached one"
    )


if __name__ == "__main__":
    main()
