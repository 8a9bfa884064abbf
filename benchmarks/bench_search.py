"""Search under load: p50/p95 of /zoeken/ at 50 concurrent clients, on the bundled data and on
a pact 20 times larger, against the same bytes served as static files in the same run.

    .venv/bin/python benchmarks/bench_search.py [--clients 50] [--seconds 10] [--scale 20]

For each data set it makes a fresh SQLite database, loads the bundled Techniekpact 2020, and
for the larger one adds ``scale - 1`` copies of the national pact's actions with their public
updates and milestones (a published pact of its own) and of the initiatives. It starts
``pactmonitor serve`` and loads it with the queries readers type (numbers, names, words, a
target in percent), twice:

* *engine*: every request carries a session cookie, so the page cache (which serves only
  visitors without a session) is passed by and every request runs the search;
* *cached*: anonymous requests, answered from the page cache after the first of each query.

It also times the search function in the server's own process (the index build, once per
publication, and one query at a time). Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import (  # noqa: E402  (the benchmarks share one load generator)
    PACTMONITOR,
    ROOT,
    QuietHandler,
    free_port,
    load,
    prepare,
    summary,
    wait_for,
)

QUERIES = [
    "13",
    "actie 13",
    "Oost 18",
    "Van der Touw",
    "40%",
    "techniek",
    "Jet-Net",
    "vmbo twente",
    "bèta",
    "stage",
    "Noord-Nederland",
    "wetenschap technologie",
]
SESSION = "Cookie: sessionid=benchmark\r\n"

SYNTHESISE = """
import django
django.setup()
from django.db import transaction
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action, Pact, SubMeasure
from pactmonitor.progress.models import Milestone, ReportingRound, StatusUpdate

copies = {copies}
national = Pact.objects.get(key="techniekpact-2020")
actions = list(national.actions.prefetch_related("sub_measures").order_by("position"))
rounds = list(ReportingRound.objects.published().filter(pact=national))
updates = list(StatusUpdate.objects.public().filter(action__pact=national)
               .select_related("sub_measure").prefetch_related("milestones"))
initiatives = list(Initiative.objects.all())
with transaction.atomic():
    for copy in range(1, copies + 1):
        pact = Pact.objects.create(key=f"kopie-{{copy}}", name=f"Kopiepact {{copy}}",
                                   level="regional")
        twin_rounds = {{r.pk: ReportingRound.objects.create(
            pact=pact, slug=f"kopie-{{copy}}-{{r.slug}}", name=f"{{r.name}} (kopie {{copy}})",
            peildatum=r.peildatum, state="published") for r in rounds}}
        twins, subs = {{}}, {{}}
        for a in actions:
            twins[a.pk] = Action.objects.create(pact=pact, number=a.number, title=a.title,
                                                text=a.text)
            for m in a.sub_measures.all():
                subs[m.pk] = SubMeasure.objects.create(action=twins[a.pk], letter=m.letter,
                                                       text=m.text)
        for u in updates:
            made = StatusUpdate.objects.create(
                round=twin_rounds[u.round_id], action=twins[u.action_id],
                sub_measure=subs.get(u.sub_measure_id), state="published", status=u.status,
                basis=u.basis, narrative=u.narrative, new=u.new)
            Milestone.objects.bulk_create(Milestone(update=made, date=m.date,
                                                    date_text=m.date_text, text=m.text)
                                          for m in u.milestones.all())
        Initiative.objects.bulk_create(
            # The review state too: only approved initiatives are public and searched.
            Initiative(key=f"{{i.key}}-{{copy}}", name=i.name, kind=i.kind,
                       description=i.description, search_text=i.search_text,
                       review_state=i.review_state)
            for i in initiatives)
print(Action.objects.count(), "actions,", StatusUpdate.objects.public().count(),
      "public updates,", Initiative.objects.count(), "initiatives")
"""

IN_PROCESS = """
import time, statistics, django
django.setup()
from pactmonitor.web import search
started = time.perf_counter(); docs = search.build_index()
print(f"  index: {{len(docs)}} documents built in {{time.perf_counter() - started:.2f}} s")
search.current_index()
times = []
for _ in range(5):
    for q in {queries!r}:
        started = time.perf_counter(); search.search_everything(q)
        times.append(time.perf_counter() - started)
q = statistics.quantiles(times, n=100)
print(f"  one query at a time, in process: p50 {{q[49]*1000:.1f}} ms, p95 {{q[94]*1000:.1f}} ms")
"""


def run_set(label: str, copies: int, args: argparse.Namespace) -> None:
    data_dir = tempfile.mkdtemp(prefix="pactmonitor-bench-search-")
    env = {
        **os.environ,
        "PACTMONITOR_DATA_DIR": data_dir,
        "PACTMONITOR_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": "pactmonitor.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("DATABASE_URL", None)
    prepare(env, use_factory=False)
    print(f"== {label}")
    if copies:
        code = SYNTHESISE.format(copies=copies)
        subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [sys.executable, "-c", IN_PROCESS.format(queries=QUERIES)], env=env, check=True, cwd=ROOT
    )

    port = free_port()
    server = subprocess.Popen(
        [PACTMONITOR, "serve", "--port", str(port), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    static_dir = Path(data_dir) / "static-copy"
    static_dir.mkdir()
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        paths = [f"/zoeken/?{urllib.parse.urlencode({'q': q})}" for q in QUERIES]
        for i, path in enumerate(paths):
            body = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()
            (static_dir / f"search{i}.html").write_bytes(body)
        static_paths = [f"/search{i}.html" for i in range(len(paths))]

        engine = summary(
            "search (no page cache)",
            asyncio.run(load(port, paths, args.clients, args.seconds, SESSION)),
            args.seconds,
        )
        cached = summary(
            "search (page cache)",
            asyncio.run(load(port, paths, args.clients, args.seconds)),
            args.seconds,
        )
        server.terminate()
        server.wait(timeout=30)

        static_port = free_port()
        handler = functools.partial(QuietHandler, directory=str(static_dir))
        static_server = http.server.ThreadingHTTPServer(("127.0.0.1", static_port), handler)
        threading.Thread(target=static_server.serve_forever, daemon=True).start()
        static = summary(
            "same bytes, http.server",
            asyncio.run(load(static_port, static_paths, args.clients, args.seconds)),
            args.seconds,
        )
        static_server.shutdown()
        for name, row in (("no page cache", engine), ("page cache", cached)):
            print(
                f"  ratio {name}/static: p95 {row['p95'] / static['p95']:.2f}x, "
                f"throughput {row['rps'] / static['rps']:.2f}x"
            )
        load1, _, _ = os.getloadavg()
        print(f"  load average at the end: {load1:.1f}")
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--scale", type=int, default=20)
    args = parser.parse_args()
    print(f"{len(QUERIES)} queries, {args.clients} clients, {args.seconds:g} s each")
    run_set("bundled Techniekpact 2020", 0, args)
    run_set(f"{args.scale}x larger", args.scale - 1, args)


if __name__ == "__main__":
    main()
