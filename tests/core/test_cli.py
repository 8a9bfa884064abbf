"""The `pactmonitor` command as a user runs it: in a fresh process, configured by environment."""

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.support import free_port, with_migrated_database

PACTMONITOR = [sys.executable, "-m", "pactmonitor"]


# Variables of the test process that a user's shell would not have.
NOT_INHERITED = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")


def run(args, tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environ |= {"PACTMONITOR_DATA_DIR": str(tmp_path / "data")} | env
    return subprocess.run(
        [*PACTMONITOR, *args], capture_output=True, text=True, env=environ, timeout=120
    )


def test_a_malformed_database_url_stops_with_one_line_naming_it(tmp_path):
    result = run(["check"], tmp_path, DATABASE_URL="mysql-ish:/nonsense")
    assert result.returncode == 2
    assert result.stderr.startswith("pactmonitor: DATABASE_URL:")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_unwritable_data_directory_stops_with_one_line_naming_it(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run(["check"], tmp_path, PACTMONITOR_DATA_DIR=str(blocker / "data"))
    assert result.returncode == 2
    assert result.stderr.startswith("pactmonitor: PACTMONITOR_DATA_DIR:")
    assert "Traceback" not in result.stderr


def test_an_unreachable_database_stops_with_one_line_naming_it(tmp_path):
    result = run(["migrate"], tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    assert result.returncode == 2
    assert result.stderr.startswith("pactmonitor: DATABASE_URL: cannot use the database")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["redis://host:notaport/1", "redis:///1", "memcached://x"])
def test_a_malformed_cache_url_stops_with_one_line_naming_it(tmp_path, url):
    result = run(["check"], tmp_path, CACHE_URL=url)
    assert result.returncode == 2
    assert result.stderr.startswith("pactmonitor: CACHE_URL:")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def setting(tmp_path, expression: str, **env) -> str:
    code = f"from django.conf import settings; print(repr({expression}))"
    return run(["shell", "-c", code], tmp_path, **env).stdout.strip().splitlines()[-1]


def test_a_redis_cache_url_shares_the_cache_through_redis(tmp_path):
    backend = setting(tmp_path, "settings.CACHES['default']['BACKEND']", CACHE_URL="redis://r/1")
    assert backend == "'django.core.cache.backends.redis.RedisCache'"


def test_x_forwarded_proto_is_believed_only_behind_a_proxy(tmp_path):
    assert setting(tmp_path, "settings.SECURE_PROXY_SSL_HEADER") == "None"
    behind = setting(tmp_path, "settings.SECURE_PROXY_SSL_HEADER", PACTMONITOR_BEHIND_PROXY="1")
    assert behind == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_bad_boolean_is_named(tmp_path):
    result = run(["check"], tmp_path, DEBUG="perhaps")
    assert result.returncode == 2 and "DEBUG: expected a boolean" in result.stderr


def test_the_secret_key_is_generated_once_and_kept(tmp_path):
    run(["check"], tmp_path)
    key_file = tmp_path / "data" / "secret_key"
    first = key_file.read_text()
    run(["check"], tmp_path)
    assert len(first) > 40 and key_file.read_text() == first


def test_the_deployment_checks_are_clean_with_production_settings(tmp_path):
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="pactmonitor.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_serve_runs_the_app_on_gunicorn_with_static_files(tmp_path):
    with_migrated_database(tmp_path / "data")
    assert run(["migrate", "-v0"], tmp_path).returncode == 0  # nothing left to apply
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environ |= {"PACTMONITOR_DATA_DIR": str(tmp_path / "data"), "PACTMONITOR_HTTPS": "0"}
    server = subprocess.Popen(
        [*PACTMONITOR, "serve", "--port", str(port), "--workers", "1"],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = wait_for(f"http://127.0.0.1:{port}/")
        assert page.headers["Server"].startswith("gunicorn")
        assert "Pactmonitor" in page.read().decode()
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/admin/css/base.css")
        assert css.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str):
    for _ in range(100):
        try:
            return urllib.request.urlopen(url, timeout=5)
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer")
