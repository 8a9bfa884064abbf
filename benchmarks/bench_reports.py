"""Benchmark: Bijlage 1 + 2 in HTML, PDF and DOCX, for the bundled data and a pact 20× larger.

Usage: python benchmarks/bench_reports.py [--scale 20] [--repeat 3] [--pages DIR]

Runs in a throwaway SQLite database (a temporary data directory) unless DATABASE_URL is set.
First the bundled Techniekpact 2020 (rounds 2014 and 2015); then the database is emptied and
a synthetic pact is generated: ``scale`` times the bundled number of national actions (each
with the bundled texts) and ``scale`` times the landsdelen (each with a bundled profile).
Times are the best of ``--repeat`` runs, reported as ratios to the bundled case measured in
the same run (goal: the bundled PDF pair within 2 s; cost no worse than linear in size).
With ``--pages``, page images (pdftoppm -r 60) of the bundled PDFs are written there.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
if not os.environ.get("DATABASE_URL"):
    os.environ["PACTMONITOR_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-reports-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactmonitor.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from pactmonitor.reports import services  # noqa: E402
from pactmonitor.reports.output import render  # noqa: E402

FORMATS = ["html", "pdf", "docx"]


def best_of(repeat: int, work) -> tuple[float, bytes]:
    best, result = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure(slug: str, repeat: int) -> dict:
    """Seconds for Bijlage 1 + Bijlage 2 of a round, per format, from the database to bytes."""
    round = services.find_round(slug)
    found: dict = {"pages": {}, "seconds": {}}
    for format in FORMATS:
        total = 0.0
        for kind in ("bijlage1", "bijlage2"):
            seconds, data = best_of(
                repeat, lambda k=kind, f=format: render(services.build(k, round), f)
            )
            total += seconds
            found["seconds"][(kind, format)] = seconds
            if format == "pdf":
                found["pages"][kind] = pages(data)
                found.setdefault("pdfs", {})[kind] = data
        found["seconds"][("pair", format)] = total
    return found


def load_bundled() -> str:
    from pactmonitor.exchange.loader import load_dataset

    load_dataset()
    return "bundled Techniekpact 2020"


def synthesise(scale: int) -> None:
    """A pact ``scale`` times the bundled one, built from the bundled texts, in round 'synth'."""
    from pactmonitor.pacts.models import Action, ActionLine, Pact, SubMeasure
    from pactmonitor.progress.models import (
        RegionProfile,
        RegionResult,
        ReportingRound,
        Source,
        StatusUpdate,
    )
    from pactmonitor.regions.models import Region

    national = Pact.objects.get(key="techniekpact-2020")
    r2014 = ReportingRound.objects.get(pact=national, slug="2014")
    r2015 = ReportingRound.objects.get(pact=national, slug="2015")
    actions = list(national.actions.prefetch_related("sub_measures").order_by("position"))
    updates = list(StatusUpdate.objects.public().filter(round=r2014).prefetch_related("sources"))
    profiles = list(
        RegionProfile.objects.filter(round=r2015)
        .select_related("region")
        .prefetch_related("results")
    )
    lines = list(ActionLine.objects.filter(pact=national))
    call_command("flush", interactive=False, verbosity=0)

    pact = Pact.objects.create(key="synthetisch", name="Synthetisch pact", level="national")
    new_lines = {
        line.key: ActionLine.objects.create(
            pact=pact,
            key=line.key,
            name=line.name,
            order=line.order,
            national_goal=line.national_goal,
        )
        for line in lines
    }
    round = ReportingRound.objects.create(
        pact=pact,
        slug="synth",
        name="Synthetische ronde",
        peildatum=r2014.peildatum,
        state="published",
    )
    by_action = {}
    for u in updates:
        by_action.setdefault(u.action_id, []).append(u)
    line_keys = {line.pk: line.key for line in lines}
    for copy in range(scale):
        for action in actions:
            twin = Action.objects.create(
                pact=pact,
                number=f"{copy * 100 + int(action.number)}",
                title=action.title,
                text=action.text,
                action_line=new_lines[line_keys[action.action_line_id]],
            )
            subs = {
                s.letter: SubMeasure.objects.create(action=twin, letter=s.letter, text=s.text)
                for s in action.sub_measures.all()
            }
            for u in by_action.get(action.pk, []):
                made = StatusUpdate.objects.create(
                    round=round,
                    action=twin,
                    sub_measure=subs[u.sub_measure.letter] if u.sub_measure_id else None,
                    state="published",
                    status=u.status,
                    basis=u.basis,
                    basis_quote=u.basis_quote,
                    narrative=u.narrative,
                    new=u.new,
                )
                Source.objects.bulk_create(
                    Source(update=made, title=s.title, url=s.url) for s in u.sources.all()
                )
    for copy in range(scale):
        for profile in profiles:
            region = Region.objects.create(
                key=f"{profile.region.key}-{copy}",
                name=f"{profile.region.name} {copy + 1}",
                kind="landsdeel",
            )
            made = RegionProfile.objects.create(
                region=region,
                round=round,
                organisation=profile.organisation,
                priorities=profile.priorities,
            )
            RegionResult.objects.bulk_create(
                RegionResult(
                    profile=made,
                    heading=r.heading or (r.subregion.name if r.subregion_id else ""),
                    text=r.text,
                    order=r.order,
                )
                for r in profile.results.all()
            )


def page_images(found: dict, directory: Path, label: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for kind, data in found.get("pdfs", {}).items():
        pdf = directory / f"{kind}-{label}.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(directory / f"{kind}-{label}")],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=Path)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    print(f"loading: {load_bundled()}")
    # Warm-up, once per process: vl-convert's JavaScript engine (~0.4 s) and Chromium (~0.8 s).
    render(services.build("bijlage1", services.find_round("2014")), "html")

    results = {}
    for slug in ("2014", "2015"):
        results[slug] = measure(slug, args.repeat)
        if args.pages:
            page_images(results[slug], args.pages, slug)
    synthesise(args.scale)
    results["synth"] = measure("synth", 1)

    base = results["2014"]
    print(
        f"\n{'case':<10} {'format':<6} {'bijlage1 s':>11} {'bijlage2 s':>11} "
        f"{'pair s':>8} {'ratio':>7}  pages b1/b2"
    )
    for slug, found in results.items():
        for format in FORMATS:
            s = found["seconds"]
            ratio = s[("pair", format)] / base["seconds"][("pair", format)]
            page_text = (
                f"{found['pages'].get('bijlage1')}/{found['pages'].get('bijlage2')}"
                if format == "pdf"
                else ""
            )
            print(
                f"{slug:<10} {format:<6} {s[('bijlage1', format)]:>11.3f} "
                f"{s[('bijlage2', format)]:>11.3f} "
                f"{s[('pair', format)]:>8.3f} {ratio:>7.2f}  {page_text}"
            )
    pair = base["seconds"][("pair", "pdf")]
    # Wall-clock times on shared cores: say how busy the machine was, so a reader can judge.
    print(f"\nload average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"\nbundled PDF pair (round 2014): {pair:.2f} s "
        f"(goal ≤ 2 s: {'met' if pair <= 2 else 'NOT met'})"
    )
    print(
        f"synthetic ×{args.scale}: size ratio {args.scale}, PDF cost ratio "
        f"{results['synth']['seconds'][('pair', 'pdf')] / pair:.1f}"
    )


if __name__ == "__main__":
    main()
