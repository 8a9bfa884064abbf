"""What a page-cache hit costs in `pactmonitor serve`'s fast path (``CachedPagesWSGI``), as a
ratio to the same hit answered by Django's middleware stack (``FetchPageCacheMiddleware``), in
one run.

    python benchmarks/bench_page_hit.py [--requests 5000]

The fast path answers every public request of the load benchmark
(``bench_pages_during_round.py``); at 50 clients its latency is mostly waiting for a worker, so
a cheaper hit is a shorter queue. Uses the default file cache in a temporary data directory.
Reported, never asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("PACTMONITOR_DATA_DIR", tempfile.mkdtemp(prefix="pactmonitor-hit-"))
    os.environ.setdefault("PACTMONITOR_HTTPS", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactmonitor.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.http import HttpResponse

    from pactmonitor.core import pagecache

    generation = pagecache.current_generation()
    site, path, body = "http://127.0.0.1", "/pacten/", b"x" * 30_000
    response = HttpResponse(body)
    pagecache.public_headers(response, generation)
    pagecache._write(
        pagecache.page_key(generation.token, site, path, "nl", ""),
        pagecache.stored_copy(response, generation),
    )
    pagecache._write(pagecache.declaration_key(generation.token, site, path), ())

    from pactmonitor.wsgi import application as django_application

    def environ() -> dict:
        return {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "r=1",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "SCRIPT_NAME": "",
        }  # fmt: skip

    def per_request(app) -> float:
        app(environ(), lambda status, headers: None)  # warm-up: the URLconf is imported once
        started = time.perf_counter()
        for _ in range(args.requests):
            out = app(environ(), lambda status, headers: None)
        assert b"".join(out) == body
        return (time.perf_counter() - started) / args.requests

    cached = pagecache.CachedPagesWSGI(lambda environ, start_response: [b"django"])
    baseline, hit = per_request(django_application), per_request(cached)
    print(
        f"{args.requests} requests, load average {os.getloadavg()[0]:.1f}: hit through Django "
        f"{baseline * 1e6:.0f} µs, in serve's fast path {hit * 1e6:.0f} µs "
        f"({hit / baseline:.2f}x)"
    )


if __name__ == "__main__":
    main()
