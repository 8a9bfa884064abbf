"""`pactmonitor serve` as it runs in production: real gunicorn processes, configured by
environment — the proxy header it believes, and several servers sharing one cache."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from pactmonitor.progress.models import StatusUpdate
from tests import world as round_world
from tests.support import free_port, with_migrated_database

PACTMONITOR = [sys.executable, "-m", "pactmonitor"]
NOT_INHERITED = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL")
REDIS_URL = os.environ.get("PACTMONITOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]


def environment(data_dir: Path, **extra: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    pythonpath = [str(ROOT / "src"), str(ROOT), environ.get("PYTHONPATH", "")]
    return environ | {
        "PACTMONITOR_DATA_DIR": str(data_dir),
        "PACTMONITOR_HTTPS": "0",
        "PYTHONPATH": os.pathsep.join(p for p in pythonpath if p),
        **extra,
    }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, **headers: str) -> tuple[int, dict, str]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@contextmanager
def serving(environ: dict):
    """A `pactmonitor serve` process on a free port; yields its base address."""
    port = free_port()
    server = subprocess.Popen(
        [*PACTMONITOR, "serve", "--port", str(port), "--workers", "1"],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # start-up collects the static files: slow on a busy machine
            if server.poll() is not None:
                pytest.fail(f"serve stopped:\n{server.stdout.read()}")
            try:
                fetch(f"{base}/static/admin/css/base.css")  # any answer: it is up
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"{base} did not answer")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def migrated(tmp_path: Path, **extra: str) -> dict:
    return environment(with_migrated_database(tmp_path / "data"), **extra)


def test_serve_ignores_x_forwarded_proto_from_a_client(tmp_path):
    with serving(migrated(tmp_path, PACTMONITOR_HTTPS="1")) as base:
        status, headers, _ = fetch(f"{base}/", **{"X-Forwarded-Proto": "https"})
        assert status == 301 and headers["Location"] == base.replace("http://", "https://") + "/"


def test_serve_believes_x_forwarded_proto_from_its_proxy_when_behind_one(tmp_path):
    environ = migrated(tmp_path, PACTMONITOR_HTTPS="1", PACTMONITOR_BEHIND_PROXY="1")
    with serving(environ) as base:
        status, headers, _ = fetch(f"{base}/", **{"X-Forwarded-Proto": "https"})
    assert status == 200 and "Strict-Transport-Security" in headers


# --- Several app servers on one PostgreSQL and one Redis ------------------------------------------


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except Exception:
        return False


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_correction_made_on_one_server_is_seen_on_the_other(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("several app servers share PostgreSQL; this run uses SQLite")
    assert redis_answers(), f"Redis must answer at {REDIS_URL} (scripts/test starts it)"
    w = round_world.build()
    published = StatusUpdate.objects.public().get(action=w.n2)
    shared = {
        "DATABASE_URL": database_url(),
        "CACHE_URL": REDIS_URL,
        "SECRET_KEY": settings.SECRET_KEY,
    }
    first = environment(tmp_path / "first", **shared)
    second = environment(tmp_path / "second", **shared)
    page = "/pacten/nationaal/acties/2/"
    with serving(first) as on_first, serving(second) as on_second:
        assert "Stages lopen volgens plan." in fetch(on_second + page)[2]
        assert fetch(on_second + page)[1]["X-Page-Cache"] == "hit"
        correct = (
            "from pactmonitor.progress.models import StatusUpdate;"
            "from pactmonitor.progress.services import correct_update;"
            f"correct_update(StatusUpdate.objects.get(pk={published.pk}),"
            " reason='Verkeerde tekst', narrative='Stages gestopt in 2015.')"
        )
        subprocess.run([*PACTMONITOR, "shell", "-c", correct], env=first, check=True, timeout=120)
        status, headers, body = fetch(on_second + page)
        assert status == 200 and "Stages gestopt in 2015." in body
        assert "Stages gestopt in 2015." in fetch(on_first + page)[2]
