"""Public pages while a round is open: the same load with and without a coordinator saving a
draft every second, in one run, on SQLite and on PostgreSQL.

    python benchmarks/bench_pages_during_round.py [--clients 50] [--seconds 15]
        [--databases sqlite,postgres] [--postgres postgres://postgres@127.0.0.1:5432/postgres]

For each database: a fresh database (a temporary SQLite file; a new PostgreSQL database that is
dropped afterwards), the bundled dataset (``load-techniekpact``), a new open round with its
drafts, an action owner who may edit one of them, the stored reports made
(``produce-downloads --now``), and ``pactmonitor serve`` (gunicorn, its default workers).
Then, after a warm-up, two phases of the same length over loopback:

1. ``quiet``: N clients, one request at a time each over a new connection, cycling through a
   mix of public pages (including a report PDF with a random query string);
2. ``saving``: the same, while the owner signs in once and saves the draft through the work
   page every second (GET the form, POST it), as during a round.

The clients are ``wrk`` (Debian's package, written in C, with ``bench_pages_during_round.lua``)
when it is installed, else Python's asyncio in this process (``--client python``). On two shared
cores the load generator takes its CPU from the server: the Python clients cost about as much as
the cached pages they ask for, so their p95 measures the client as much as the site.

Reported, never asserted (timings belong here, not in the tests): requests/s, p50/p95 of the
public requests, the share answered from the page cache, the saves made, and the goal of
issue 11: p95 <= 50 ms while saving, and >= 50% of the quiet throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACTMONITOR = [sys.executable, "-m", "pactmonitor"]
PAGES = [
    "/",
    "/pacten/techniekpact-2020/",
    "/pacten/techniekpact-2020/?lijn=kiezen",
    "/pacten/techniekpact-2020/acties/1/",
    "/landsdelen/oost/",
    "/rondes/2014/",
    "/initiatieven/",
    "/initiatieven/?q=techniek",
    "/zoeken/?q=techniek",
    "/en/",
    "/rapportages/2014/bijlage1.pdf?r={random}",
]
WRK_SCRIPT = Path(__file__).with_suffix(".lua")
PASSWORD = "benchmark-wachtwoord-2026"

# Opens a round 2099 of the national pact and makes an action owner for one of its drafts.
SETUP = f"""
import datetime
from pactmonitor.accounts.models import User
from pactmonitor.pacts.models import Pact
from pactmonitor.progress.services import open_round
pact = Pact.objects.get(key="techniekpact-2020")
round = open_round(pact=pact, slug="2099", name="Benchmarkronde",
                   peildatum=datetime.date(2099, 6, 1), deadline=datetime.date(2099, 6, 30))
draft = next(u for u in round.updates.filter(sub_measure=None).select_related("action")
             if u.action.leads.exists())
owner = User(username="bench-owner", role="action_owner",
             organisation=draft.action.leads.first())
owner.set_password({PASSWORD!r})
owner.save()
print(draft.pk)
"""
REVISION = (
    "from pactmonitor.progress.models import StatusUpdate as U;"
    "print(U.objects.get(pk={pk}).revision)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args: list[str], env: dict) -> str:
    done = subprocess.run([*PACTMONITOR, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"pactmonitor {args[0]} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def wait_for(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"server at {url} did not answer")


# --- The public load ------------------------------------------------------------------------------


async def one_request(port: int, path: str) -> tuple[float, bool]:
    path = path.replace("{random}", str(random.random()))
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200")):
        raise RuntimeError(f"{path}: {head[:40]!r}")
    await reader.read()  # until the server closes
    writer.close()
    return time.perf_counter() - started, b"X-Page-Cache: hit" in head


async def load(port: int, clients: int, seconds: float) -> tuple[list[float], int, int]:
    latencies: list[float] = []
    hits = errors = 0
    stop = time.monotonic() + seconds

    async def client(n: int) -> None:
        nonlocal hits, errors
        i = n
        while time.monotonic() < stop:
            try:
                latency, hit = await one_request(port, PAGES[i % len(PAGES)])
                latencies.append(latency)
                hits += hit
            except (OSError, RuntimeError, asyncio.IncompleteReadError):
                errors += 1
            i += 1

    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, hits, errors


def load_with_wrk(port: int, clients: int, seconds: float) -> tuple[list[float], int, int, dict]:
    """The same load from ``wrk``: its own latency histogram (from writing the request to the
    last byte; the connection's set-up is not in it, as it is in the Python clients')."""
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is not installed (scripts/install-system-packages); or --client python")
    done = subprocess.run(
        [
            wrk,
            "-t2",
            f"-c{clients}",
            f"-d{seconds:g}s",
            "--timeout",
            "30s",
            "-s",
            str(WRK_SCRIPT),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "BENCH_PAGES": "\n".join(PAGES)},
        timeout=seconds + 60,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("{")), None)
    if done.returncode != 0 or line is None:
        sys.exit(f"wrk failed:\n{done.stdout}{done.stderr}")
    found = json.loads(line)
    return [], found["hits"], found["errors"], found


# --- The coordinator ------------------------------------------------------------------------------


class Editor:
    """An action owner who signs in once and saves one draft through the work page."""

    def __init__(self, base: str, draft: int) -> None:
        self.base, self.draft = base, draft
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.saved = self.failed = 0

    def _form(self, path: str) -> tuple[str, str]:
        page = self.opener.open(self.base + path, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        revision = re.search(r'name="revision" value="(\d+)"', page)
        return (token.group(1) if token else ""), (revision.group(1) if revision else "")

    def _post(self, path: str, fields: dict) -> str:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data, headers={"Referer": self.base})
        with self.opener.open(request, timeout=30) as response:
            return response.url

    def sign_in(self) -> None:
        token, _ = self._form("/account/inloggen/")
        fields = {"csrfmiddlewaretoken": token, "username": "bench-owner", "password": PASSWORD}
        self._post("/account/inloggen/", fields)

    def save(self, n: int) -> None:
        path = f"/werk/updates/{self.draft}/"
        try:
            token, revision = self._form(path)
            fields = {"csrfmiddlewaretoken": token, "revision": revision, "status": "op_schema"}
            fields |= {"narrative": f"Concepttekst, versie {n}", "new": ""}
            for prefix in ("mijlpalen", "vindplaatsen"):
                fields |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
            landed = self._post(path, fields)
            ok = not landed.rstrip("/").endswith(str(self.draft))  # a saved form redirects away
            self.saved += ok
            self.failed += not ok
        except OSError:
            self.failed += 1

    def every_second(self, stop: threading.Event) -> None:
        n = 0
        while not stop.wait(max(0.0, 1.0 - (time.monotonic() % 1.0))):
            n += 1
            self.save(n)


# --- One database ---------------------------------------------------------------------------------


def summary(
    name: str,
    latencies: list[float],
    hits: int,
    errors: int,
    seconds: float,
    wrk: dict | None = None,
) -> dict:
    if wrk:  # wrk's figures: microseconds, its own count of requests
        count = wrk["requests"]
        row = {"rps": count / seconds, "p50": wrk["p50"] / 1000, "p95": wrk["p95"] / 1000}
    else:
        count = len(latencies)
        q = statistics.quantiles(latencies, n=100)
        row = {"rps": count / seconds, "p50": q[49] * 1000, "p95": q[94] * 1000}
    print(
        f"  {name:<8} {count:>7} req {row['rps']:>7.0f}/s  p50 {row['p50']:6.1f} ms  "
        f"p95 {row['p95']:6.1f} ms  cache hits {hits / max(1, count):5.1%}"
        + (f"  {errors} failed" if errors else "")
    )
    return row


def bench(label: str, env: dict, args: argparse.Namespace) -> dict:
    print(f"== {label}")
    run(["migrate", "-v0"], env)
    started = time.monotonic()
    run(["load-techniekpact"], env)
    draft = int(run(["shell", "-c", SETUP], env).strip().splitlines()[-1])
    print(f"  bundled dataset loaded and round opened in {time.monotonic() - started:.0f} s")
    # The reports and open-data files the load queued, made before the load starts (by the
    # command, not by serve's worker, so no document is being printed during the measurement).
    started = time.monotonic()
    run(["produce-downloads", "--now"], env)
    print(f"  stored documents made in {time.monotonic() - started:.0f} s")
    port = free_port()
    command = [*PACTMONITOR, "serve", "--port", str(port)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/")
        for path in PAGES:  # warm-up: every page type rendered once
            urllib.request.urlopen(base + path.replace("{random}", "warm"), timeout=120).read()
        measure = (
            (lambda s: load_with_wrk(port, args.clients, s))
            if args.client == "wrk"
            else (lambda s: (*asyncio.run(load(port, args.clients, s)), None))
        )
        measure(2)
        quiet_run = measure(args.seconds)
        quiet = summary("quiet", *quiet_run[:3], args.seconds, quiet_run[3])
        editor = Editor(base, draft)
        editor.sign_in()
        stop = threading.Event()
        saver = threading.Thread(target=editor.every_second, args=(stop,))
        saver.start()
        try:
            saving = measure(args.seconds)
        finally:
            stop.set()
            saver.join()
        busy = summary("saving", *saving[:3], args.seconds, saving[3])
        stored = run(["shell", "-c", REVISION.format(pk=draft)], env).strip().splitlines()[-1]
        print(
            f"  saves: {editor.saved} made, {editor.failed} failed in {args.seconds:g} s "
            f"(the draft's revision is now {stored})"
        )
        ratio = busy["rps"] / quiet["rps"]
        met = busy["p95"] <= 50 and ratio >= 0.5
        print(
            f"  saving/quiet throughput {ratio:.2f}x, p95 while saving {busy['p95']:.1f} ms: "
            f"goal (p95 <= 50 ms, >= 0.5x) {'met' if met else 'NOT met'}"
        )
        return {"quiet": quiet, "saving": busy, "saves": editor.saved}
    finally:
        server.terminate()
        server.wait(timeout=60)


def postgres_database(admin_url: str) -> tuple[str, callable]:
    import psycopg

    name = f"bench_pages_{os.getpid()}"
    conninfo = admin_url.replace("postgres://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin_url.rsplit("/", 1)[0] + f"/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--client",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator (default: wrk when installed)",
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    print(
        f"{len(PAGES)} public page types, {args.clients} clients, {args.seconds:g} s per phase, "
        f"{os.cpu_count()} cores, clients: {args.client}, "
        f"load average {os.getloadavg()[0]:.1f} at the start"
    )
    for database in args.databases.split(","):
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
        env |= {
            "PACTMONITOR_DATA_DIR": tempfile.mkdtemp(prefix=f"pactmonitor-bench-{database}-"),
            "PACTMONITOR_HTTPS": "0",
            "DJANGO_SETTINGS_MODULE": "pactmonitor.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        }
        if database == "postgres":
            url, drop = postgres_database(args.postgres)
            try:
                bench(f"PostgreSQL ({url})", env | {"DATABASE_URL": url}, args)
            finally:
                drop()
        else:
            bench("SQLite", env, args)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
