"""Public pages under load: p50/p95 latency on the real server against the same bytes served
as static files, in one run.

    .venv/bin/python benchmarks/bench_pages.py [--clients 50] [--seconds 10]

It makes a fresh SQLite database in a temporary data directory, loads the bundled dataset
(``pactmonitor load-techniekpact``), starts ``pactmonitor serve`` (gunicorn), fetches the main
page types once, saves their bytes, and serves those bytes with Python's threaded
``http.server`` as the baseline. Both are then loaded by the same asyncio client: N clients,
each sending one request at a time over a new connection (gunicorn's sync workers close the
connection after each response, so the baseline does the same), cycling through the pages.
The figures are reported, never asserted: timings belong here, not in the tests.

Reading them: with 50 clients sending back to back, latency is mostly waiting in the server's
queue (Little's law: mean latency = clients / throughput), so p95 follows the throughput the
two cores give the server while the load generator runs on the same cores. Published pages are
answered from the page cache in front of Django, after the same host and HTTPS checks
(core/pagecache.py).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACTMONITOR = str(ROOT / ".venv" / "bin" / "pactmonitor")
PAGES = [
    "/",
    "/pacten/techniekpact-2020/",
    "/pacten/techniekpact-2020/acties/1/",
    "/landsdelen/oost/",
    "/rondes/2014/",
    "/initiatieven/",
    "/initiatieven/?q=techniek",
    "/zoeken/?q=techniek",
    "/en/",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict, use_factory: bool) -> None:
    subprocess.run([PACTMONITOR, "migrate", "-v0"], env=env, check=True)
    if use_factory:
        code = (
            "import django; django.setup(); from tests.web.world import build_world; build_world()"
        )
        subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)
        return
    loaded = subprocess.run(
        [PACTMONITOR, "load-techniekpact"], env=env, capture_output=True, text=True
    )
    if loaded.returncode != 0:
        sys.exit(
            f"load-techniekpact failed:\n{loaded.stdout}{loaded.stderr}\n(--factory uses test data)"
        )


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"server at {url} did not answer")


async def one_request(port: int, path: str, headers: str = "") -> float:
    """One GET over a new connection; ``headers`` are extra header lines ("Cookie: a=b\\r\\n")."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n"
    writer.write(request.encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200") and not head.startswith(b"HTTP/1.0 200"):
        raise RuntimeError(f"{path}: {head[:40]!r}")
    await reader.read()  # until the server closes
    writer.close()
    return time.perf_counter() - started


async def load(
    port: int, paths: list[str], clients: int, seconds: float, headers: str = ""
) -> list[float]:
    latencies: list[float] = []
    stop = time.monotonic() + seconds

    async def client(n: int) -> None:
        i = n
        while time.monotonic() < stop:
            try:
                latencies.append(await one_request(port, paths[i % len(paths)], headers))
            except (OSError, asyncio.IncompleteReadError):
                errors.append(paths[i % len(paths)])
            i += 1

    errors: list[str] = []
    await asyncio.gather(*(client(n) for n in range(clients)))
    if errors:
        print(f"  {len(errors)} requests failed (connection refused or reset)")
    return latencies


def summary(name: str, latencies: list[float], seconds: float) -> dict:
    q = statistics.quantiles(latencies, n=100)
    row = {
        "name": name,
        "n": len(latencies),
        "rps": len(latencies) / seconds,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
    }
    print(
        f"{name:<24} {row['n']:>7} req  {row['rps']:>8.0f}/s  p50 {row['p50']:7.1f} ms  "
        f"p95 {row['p95']:7.1f} ms"
    )
    return row


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (serve's default)"
    )
    parser.add_argument(
        "--factory", action="store_true", help="use the test world, not the bundled data"
    )
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="pactmonitor-bench-")
    env = {
        **os.environ,
        "PACTMONITOR_DATA_DIR": data_dir,
        "PACTMONITOR_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": "pactmonitor.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    prepare(env, args.factory)

    port = free_port()
    command = [PACTMONITOR, "serve", "--port", str(port)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    static_dir = Path(data_dir) / "static-copy"
    static_dir.mkdir()
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        static_paths = []
        for i, path in enumerate(PAGES):
            body = urllib.request.urlopen(
                f"http://127.0.0.1:{port}{path}"
            ).read()  # also warms the cache
            (static_dir / f"page{i}.html").write_bytes(body)
            static_paths.append(f"/page{i}.html")
        sizes = [len((static_dir / f"page{i}.html").read_bytes()) for i in range(len(PAGES))]
        print(
            f"{len(PAGES)} page types, {min(sizes) // 1024}-{max(sizes) // 1024} KB, "
            f"{args.clients} clients, {args.seconds:g} s each, {os.cpu_count()} cores"
        )

        static_port = free_port()
        handler = functools.partial(QuietHandler, directory=str(static_dir))
        static_server = http.server.ThreadingHTTPServer(("127.0.0.1", static_port), handler)
        threading.Thread(target=static_server.serve_forever, daemon=True).start()

        app = summary(
            "pactmonitor serve",
            asyncio.run(load(port, PAGES, args.clients, args.seconds)),
            args.seconds,
        )
        server.terminate()
        server.wait(timeout=30)
        static = summary(
            "same bytes, http.server",
            asyncio.run(load(static_port, static_paths, args.clients, args.seconds)),
            args.seconds,
        )
        static_server.shutdown()
        print(
            f"ratio app/static: p50 {app['p50'] / static['p50']:.2f}x, "
            f"p95 {app['p95'] / static['p95']:.2f}x, throughput {app['rps'] / static['rps']:.2f}x"
        )
        load1, load5, _ = os.getloadavg()
        print(f"load average at the end: {load1:.1f} (1 min), {load5:.1f} (5 min)")
        print(
            f"goal p95 <= 50 ms: {'met' if app['p95'] <= 50 else 'NOT met'} ({app['p95']:.1f} ms)"
        )
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
