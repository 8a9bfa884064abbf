"""The API's list endpoints under load, on the bundled data and with a 20x larger synthetic pact,
against the same bytes served as static files, in one run.

    .venv/bin/python benchmarks/bench_api.py [--clients 50] [--seconds 8]

For each of the two databases (fresh SQLite in a temporary data directory: the bundled dataset,
then the same plus a synthetic pact with 20 times the bundled actions and status updates):

1. Cached pages under load: ``pactmonitor serve`` (gunicorn), each list address fetched once
   (which stores it in the page cache), then N clients one request at a time over a new
   connection, cycling through the addresses; the same bytes from Python's threaded
   ``http.server`` are the baseline (the method of bench_pages.py, whose helpers it uses).
2. The cost of one uncached page: in a separate process on the same database, each address
   rendered 15 times through Django with the page cache emptied before each request (median).
   Comparing the two databases shows whether a page costs more when the tables grow.

Figures are reported, never asserted: timings belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import (  # noqa: E402  (the helpers of the page benchmark)
    ROOT,
    QuietHandler,
    free_port,
    load,
    summary,
    wait_for,
)

# The interpreter running this file, with the checkout's source first on the path (environment).
PACTMONITOR = [sys.executable, "-m", "pactmonitor"]

PATHS = [
    "/api/v1/actions",
    "/api/v1/actions?pageSize=100",
    "/api/v1/status-updates",
    "/api/v1/status-updates?pageSize=100&status=op_schema",
    "/api/v1/regions?pageSize=100",
    "/api/v1/organisations",
    "/api/v1/initiatives",
    "/api/v1/rounds",
]

SYNTHETIC = """
import math, django
django.setup()
from pactmonitor.core.pagecache import drop_all_pages
from pactmonitor.pacts.models import Action, ActionLine, Pact, SubMeasure
from pactmonitor.progress.models import Milestone, ReportingRound, Source, StatusUpdate
from datetime import date, datetime, timezone

actions, updates = Action.objects.count(), StatusUpdate.objects.count()
n = 20 * actions
pact = Pact.objects.create(key="synthetisch-20x", name="Synthetisch pact (20x)", level="national")
line = ActionLine.objects.create(pact=pact, key="kiezen", name="Kiezen voor techniek")
made = Action.objects.bulk_create(
    Action(pact=pact, number=str(i), position=i * 1000, title=f"Synthetische actie {i}",
           action_line=line, text="Synthetische tekst " * 20)
    for i in range(1, n + 1)
)
SubMeasure.objects.bulk_create(SubMeasure(action=a, letter="a", text="Deel a") for a in made)
rounds = max(1, math.ceil(20 * updates / n))
statuses = ["afgerond", "op_schema", "vertraagd", "onbekend"]
for r in range(rounds):
    round = ReportingRound.objects.create(
        pact=pact, slug=f"synth-{r}", name=f"Synthetische ronde {r}", state="published",
        peildatum=date(2016 + r, 6, 30), published_at=datetime(2016 + r, 7, 1, tzinfo=timezone.utc))
    made_updates = StatusUpdate.objects.bulk_create(
        StatusUpdate(round=round, action=a, state="published", status=statuses[i % 4],
                     basis="unknown" if i % 4 == 3 else "reported", narrative="Stand " * 30)
        for i, a in enumerate(made)
    )
    Milestone.objects.bulk_create(Milestone(update=u, text="Mijlpaal") for u in made_updates)
    Source.objects.bulk_create(Source(update=u, title="Vindplaats") for u in made_updates)
drop_all_pages()
print(json.dumps({"actions": [actions, Action.objects.count()],
                  "status_updates": [updates, StatusUpdate.objects.count()]}))
""".replace("import math, django", "import json, math, django")

UNCACHED = """
import json, statistics, sys, time, django
django.setup()
from django.test import Client
from pactmonitor.core import pagecache

client, result = Client(HTTP_HOST="127.0.0.1"), {}
for path in json.loads(sys.argv[1]):
    times = []
    for _ in range(15):
        pagecache.drop_all_pages()
        pagecache.forget_local_copies()
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200 and response["X-Page-Cache"] == "miss", path
    result[path] = statistics.median(times[1:]) * 1000
print(json.dumps(result))
"""


def environment(data_dir: str) -> dict:
    env = {
        **os.environ,
        "PACTMONITOR_DATA_DIR": data_dir,
        "PACTMONITOR_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": "pactmonitor.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("DATABASE_URL", None)
    return env


def under_load(env: dict, data_dir: str, clients: int, seconds: float) -> tuple[dict, dict]:
    port = free_port()
    server = subprocess.Popen(
        [*PACTMONITOR, "serve", "--port", str(port), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    static_dir = Path(data_dir) / "static-copy"
    static_dir.mkdir(exist_ok=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v1/rounds", seconds=300)  # slow on a busy machine
        static_paths = []
        for i, path in enumerate(PATHS):
            body = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()  # warms
            (static_dir / f"page{i}.json").write_bytes(body)
            static_paths.append(f"/page{i}.json")
        sizes = [len((static_dir / p[1:]).read_bytes()) // 1024 for p in static_paths]
        print(f"  {len(PATHS)} list addresses, {min(sizes)}-{max(sizes)} KB, {clients} clients")
        app = summary(
            "  pactmonitor serve", asyncio.run(load(port, PATHS, clients, seconds)), seconds
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    static_port = free_port()
    handler = functools.partial(QuietHandler, directory=str(static_dir))
    static_server = http.server.ThreadingHTTPServer(("127.0.0.1", static_port), handler)
    threading.Thread(target=static_server.serve_forever, daemon=True).start()
    try:
        static = summary(
            "  same bytes, http.server",
            asyncio.run(load(static_port, static_paths, clients, seconds)),
            seconds,
        )
    finally:
        static_server.shutdown()
    return app, static


def uncached(env: dict) -> dict[str, float]:
    code = ["-c", UNCACHED, json.dumps(PATHS)]
    env = {**env, "CACHE_URL": "locmem://", "ALLOWED_HOSTS": "127.0.0.1"}
    done = subprocess.run([sys.executable, *code], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"uncached run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=8)
    args = parser.parse_args()

    runs = {}
    for name in ("bundled", "20x"):
        data_dir = tempfile.mkdtemp(prefix=f"pactmonitor-bench-api-{name}-")
        env = environment(data_dir)
        subprocess.run([*PACTMONITOR, "migrate", "-v0"], env=env, check=True)
        subprocess.run([*PACTMONITOR, "load-techniekpact"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        if name == "20x":
            made = subprocess.run(
                [sys.executable, "-c", SYNTHETIC], env=env, capture_output=True, text=True
            )
            if made.returncode != 0:
                sys.exit(f"synthetic pact failed:\n{made.stderr[-3000:]}")
            sizes = json.loads(made.stdout.strip().splitlines()[-1])
            actions, updates = sizes["actions"], sizes["status_updates"]
            print(f"synthetic pact: actions {actions[0]} -> {actions[1]}, "
                  f"status updates {updates[0]} -> {updates[1]}")  # fmt: skip
        print(f"== {name}")
        app, static = under_load(env, data_dir, args.clients, args.seconds)
        print(
            f"  ratio app/static: p50 {app['p50'] / static['p50']:.2f}x, "
            f"p95 {app['p95'] / static['p95']:.2f}x, throughput {app['rps'] / static['rps']:.2f}x"
        )
        print(f"  goal p95 <= 50 ms (cached list page): {'met' if app['p95'] <= 50 else 'NOT met'}")
        runs[name] = uncached(env)
        time.sleep(1)

    print("== one uncached page (median ms, in-process, page cache emptied before each request)")
    print(f"  {'address':<56} {'bundled':>8} {'20x':>8} {'ratio':>6}")
    for path in PATHS:
        one, big = runs["bundled"][path], runs["20x"][path]
        print(f"  {path:<56} {one:8.1f} {big:8.1f} {big / one:6.2f}")
    ratios = [runs["20x"][p] / runs["bundled"][p] for p in PATHS]
    print(f"  median ratio 20x/bundled: {statistics.median(ratios):.2f}")
    load1, load5, _ = os.getloadavg()
    print(f"load average at the end: {load1:.1f} (1 min), {load5:.1f} (5 min)")


if __name__ == "__main__":
    main()
