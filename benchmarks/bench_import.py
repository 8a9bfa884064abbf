"""Importing a DUO-shaped exam file of 1 and 10 million rows through its recipe.

Measures, on the same generated file in one run:
- DuckDB's own read of the file: ``SELECT count(*) FROM read_csv(...)`` and a full scan with the
  same aggregation the recipe asks for (numerator and denominator per location, series and year),
  each with DuckDB's defaults (all cores, no memory limit): the baselines;
- the product's import (``pactmonitor.indicators.importer.import_file``, what the command
  ``import-observations`` and the upload page call) in a fresh process on a temporary SQLite
  data directory, with its peak memory (that process's VmHWM: its own peak resident size;
  ``ru_maxrss`` would report the parent's peak, which Linux carries over into a subprocess).
Goal (DESIGN.md): import ≤ 3× DuckDB's read, ≤ 1 GB of memory. The count and the import are
measured ``--repeat`` times (3 by default) in turns and their medians compared: on two shared
cores one measurement of a one-second read varies by a tenth or more.

The file has the exam table's identity columns and its five TOTAAL columns per school year
(EXAMENKANDIDATEN, GESLAAGDEN, SLAAGPERC), Latin-1, ';', decimal comma; 5,000 school locations
over 44 programmes. So that 10 million rows are 10 million distinct keys, INSPECTIECODE is unique
per row and the bench recipe (the bundled exam recipe with INSPECTIECODE added to its key) checks
it. Every location is placed (the regions tables are not needed for the timing).

    .venv/bin/python benchmarks/bench_import.py [--rows 1000000 10000000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PROGRAMMES = {
    "HAVO": ["C&M", "E&M", "E&M / C&M", "N&G", "N&T", "N&T / N&G", "N&G / E&M"],
    "VWO": ["C&M", "E&M", "E&M / C&M", "N&G", "N&T", "N&T / N&G", "N&G / E&M", "N&T / E&M"],
    "VMBO": [
        f"VMBO {track} - {sector}"
        for track in ("B", "K", "G", "T")
        for sector in ("economie", "techniek", "zorg en welzijn", "landbouw", "intersectoraal")
    ]
    + ["VMBO T", "VMBO LWT - techniek", "VMBO LWT - economie"],
}
YEARS = ["2014-2015", "2015-2016", "2016-2017", "2017-2018", "2018-2019"]
LOCATIONS = 5_000


def programmes() -> list[tuple[str, str]]:
    pairs = []
    for kind, names in PROGRAMMES.items():
        for name in names:
            pairs.append((kind, name if name.startswith("VMBO") else f"{kind} - {name}"))
    return pairs


def generate(path: Path, rows: int) -> None:
    pairs = programmes()
    kinds = "[" + ", ".join(f"'{k}'" for k, _ in pairs) + "]"
    names = "[" + ", ".join(f"'{n}'" for _, n in pairs) + "]"
    year_columns = []
    for y, year in enumerate(YEARS):
        count = f"((i * {7919 + y} + {y}) % 97)"
        passed = f"({count} * 9 // 10)"
        year_columns += [
            f'{count}::VARCHAR AS "EXAMENKANDIDATEN SCHOOLJAAR {year} - TOTAAL"',
            f'{passed}::VARCHAR AS "GESLAAGDEN SCHOOLJAAR {year} - TOTAAL"',
            f"CASE WHEN {count} = 0 THEN '' ELSE replace(printf('%.1f', 100.0 * {passed} / "
            f"{count}), '.', ',') || '%' END AS \"SLAAGPERC SCHOOLJAAR {year} - TOTAAL\"",
        ]
    location = f"(i // {len(pairs)}) % {LOCATIONS}"
    letter = f"chr((65 + ({location}) // 100 % 26)::INTEGER)"
    sql = f"""
        COPY (
            SELECT printf('%02dX%s', ({location}) % 100, {letter}) AS "BRIN NUMMER",
                   printf('%02dX%s%02d', ({location}) % 100, {letter}, ({location}) // 2600)
                       AS "VESTIGINGSNUMMER",
                   'Scholengemeenschap ''t Veld ' || ({location}) AS "INSTELLINGSNAAM VESTIGING",
                   'GEMEENTE ' || (({location}) % 350) AS "GEMEENTENAAM",
                   {kinds}[1 + i % {len(pairs)}] AS "ONDERWIJSTYPE VO",
                   i::VARCHAR AS "INSPECTIECODE",
                   {names}[1 + i % {len(pairs)}] AS "OPLEIDINGSNAAM",
                   {", ".join(year_columns)}
            FROM range({rows}) t(i)
        ) TO '{path}' (HEADER, DELIMITER ';', QUOTE '"')
    """
    # DuckDB writes UTF-8 only; the generated text is ASCII, so the file is Latin-1 as well.
    with duckdb.connect() as db:
        db.execute(sql)


def bench_recipe(folder: Path) -> Path:
    from pactmonitor.indicators.recipes import bundled

    data = yaml.safe_load(bundled()["duo-examenkandidaten-vo"].read_text(encoding="utf-8"))
    data["file"]["key"] = [*data["file"]["key"], "INSPECTIECODE"]
    path = folder / "bench-examenkandidaten.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


READ = (
    "read_csv('{path}', header=true, all_varchar=true, delim=';', quote='\"', escape='\"', "
    "encoding='latin-1')"
)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median of (seconds, CPU seconds) pairs, each on its own."""
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def duckdb_count(path: Path) -> tuple[float, float]:
    """Seconds and CPU seconds (all of DuckDB's threads) of the count."""
    with duckdb.connect() as db:
        start, cpu = time.perf_counter(), cpu_seconds()
        db.execute(f"SELECT count(*) FROM {READ.format(path=path)}").fetchall()
        return time.perf_counter() - start, cpu_seconds() - cpu


def duckdb_aggregate(path: Path) -> float:
    """The recipe's sums, written by hand: numerator and denominator per location and year."""
    sums = []
    series = {
        "havo": "trim(\"ONDERWIJSTYPE VO\") = 'HAVO'",
        "vwo": "trim(\"ONDERWIJSTYPE VO\") = 'VWO'",
        "havovwo": "trim(\"ONDERWIJSTYPE VO\") IN ('HAVO', 'VWO')",
        "vmbo": "starts_with(trim(OPLEIDINGSNAAM), 'VMBO B') OR "
        "starts_with(trim(OPLEIDINGSNAAM), 'VMBO K')",
    }
    numerator = {
        "havo": "contains(OPLEIDINGSNAAM, 'N&T') OR contains(OPLEIDINGSNAAM, 'N&G')",
        "vmbo": "ends_with(trim(OPLEIDINGSNAAM), 'techniek')",
    }
    for name, where in series.items():
        num = numerator.get(name, numerator["havo"])
        for year in YEARS:
            value = f'TRY_CAST("EXAMENKANDIDATEN SCHOOLJAAR {year} - TOTAAL" AS DOUBLE)'
            sums.append(f"sum({value}) FILTER (WHERE {where})")
            sums.append(f"sum({value}) FILTER (WHERE ({where}) AND ({num}))")
    sql = (
        f"SELECT VESTIGINGSNUMMER, GEMEENTENAAM, count(DISTINCT hash(VESTIGINGSNUMMER, "
        f'"ONDERWIJSTYPE VO", OPLEIDINGSNAAM, INSPECTIECODE)), {", ".join(sums)} '
        f"FROM {READ.format(path=path)} GROUP BY ALL"
    )
    with duckdb.connect() as db:
        start = time.perf_counter()
        db.execute(sql).fetchall()
        return time.perf_counter() - start


CHILD = r"""
import json, os, resource, sys, time
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "pactmonitor.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from pactmonitor.indicators import importer
from pactmonitor.regions.models import Region
land = Region.objects.create(key="nl-bench", name="Nederland", kind="land")
for n in range(3):
    Region.objects.create(key=f"gm-bench-{n}", name=f"Gemeente {n}", kind="gemeente", parent=land,
                          code=f"GM99{n:02d}")
class Everywhere(dict):
    def get(self, value, default=None):
        return f"GM99{sum(map(ord, value)) % 3:02d}"
importer.placements = lambda key: Everywhere()
importer.normalise = lambda value: value
def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, cpu = time.perf_counter(), cpu_seconds()
phases = {}
def progress(fraction, text):
    phases.setdefault(text, round(time.perf_counter() - start, 2))
batch = importer.import_file(sys.argv[1], sys.argv[2], progress=progress)
seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
# This process's own peak (VmHWM). Not ru_maxrss: after the fork and exec of a subprocess
# Linux carries the parent's peak over into it, and the parent has just run DuckDB's scan
# without a memory limit.
try:
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "rows_used": batch.rows_used, "phases": phases,
                  "figures": batch.figures.count(), "maxrss_mb": peak,
                  "load": os.getloadavg()[0]}))
"""


def product_import(recipe: Path, path: Path, data_dir: Path) -> dict:
    env = {**os.environ, "PACTMONITOR_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(recipe), str(path)],
        env=env,
        capture_output=True,
        text=True,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith('{"seconds"')]
    if not lines:
        raise SystemExit(f"the import did not report:\n{out.stdout}\n{out.stderr}")
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per size (median)")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        recipe = bench_recipe(folder)
        for run, rows in enumerate(args.rows, 1):
            path = folder / f"examenkandidaten-{rows}.csv"
            start = time.perf_counter()
            generate(path, rows)
            size = path.stat().st_size / 1e6
            print(
                f"\n{rows:,} rows, {size:,.0f} MB, generated in {time.perf_counter() - start:.1f} s"
            )
            # Each measured `--repeat` times, the count and the import taking turns (so a
            # passing load touches both alike); the medians are compared.
            counts, imports = [], []
            for attempt in range(args.repeat):
                counts.append(duckdb_count(path))
                # A fresh database per import: every import writes a first batch.
                data_dir = folder / f"data-{run}-{rows}-{attempt}"
                shutil.rmtree(data_dir, ignore_errors=True)
                data_dir.mkdir()
                imports.append(product_import(recipe, path, data_dir))
                if not args.keep:
                    shutil.rmtree(data_dir, ignore_errors=True)
            scan = duckdb_aggregate(path)
            count, count_cpu = median(counts)
            result = sorted(imports, key=lambda r: r["seconds"])[len(imports) // 2]
            result["cpu"] = statistics.median(r["cpu"] for r in imports)
            result["maxrss_mb"] = max(r["maxrss_mb"] for r in imports)  # the worst peak
            print(f"  measured {args.repeat}×, medians below; each attempt (count(*) / import):")
            print(
                "    "
                + ", ".join(
                    f"{c:.2f} / {i['seconds']:.2f} s"
                    for (c, _), i in zip(counts, imports, strict=True)
                )
            )
            print(f"  DuckDB count(*)                 {count:7.2f} s")
            print(f"  DuckDB full scan, same sums     {scan:7.2f} s")
            print(
                f"  product import_file             {result['seconds']:7.2f} s  "
                f"({result['rows_used']:,} rows used, {result['figures']:,} figures)"
            )
            print(
                f"  ratio import / count(*)         {result['seconds'] / count:7.2f}×   (goal ≤ 3×)"
            )
            print(f"  ratio import / full scan        {result['seconds'] / scan:7.2f}×")
            # On a loaded machine the seconds depend on what else runs; the CPU time less so.
            print(
                f"  CPU seconds: count(*) {count_cpu:.2f}, import {result['cpu']:.2f}, "
                f"ratio {result['cpu'] / count_cpu:.2f}×"
            )
            print(f"  peak memory of the import       {result['maxrss_mb']:7.0f} MB (goal ≤ 1024)")
            print(f"  load average after the import   {result['load']:7.2f}")
            started = ", ".join(f"{text} {at:.1f} s" for text, at in result["phases"].items())
            print(f"  phases started at: {started}")
            if not args.keep:
                path.unlink()


if __name__ == "__main__":
    main()
