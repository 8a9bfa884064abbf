"""Schemathesis against `pactmonitor serve` on the bundled data: for every operation of the served
OpenAPI document, generated requests that fit it (positive) and that break it (negative); no
server error, every response valid against the document (status, content type, headers, body),
invalid input refused, other methods answered with 405 and ``Allow``.

One check is left out, on purpose: ``positive_data_acceptance`` expects every request that fits
the document to succeed, but a filter value that names nothing (``?pact=xyz``) fits a string and
is refused with 400 by the Bad input rule (docs/api.md). The number of examples is bounded
(``EXAMPLES`` per operation and mode), so the run takes a minute or two, not an hour.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import CHECKS  # noqa: E402

from tests.support import free_port, with_migrated_database  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 12
PACTMONITOR = [sys.executable, "-m", "pactmonitor"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`pactmonitor serve` (gunicorn) on a fresh SQLite database with the bundled dataset."""
    data_dir = tmp_path_factory.mktemp("served")
    env = {
        **os.environ,
        "PACTMONITOR_DATA_DIR": str(data_dir),
        "PACTMONITOR_HTTPS": "0",
        "DJANGO_SETTINGS_MODULE": "pactmonitor.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("DATABASE_URL", None)
    with_migrated_database(data_dir)
    for command in (["migrate", "-v0"], ["load-techniekpact"]):
        subprocess.run([*PACTMONITOR, *command], env=env, check=True, capture_output=True)
    port = free_port()
    log = (data_dir / "serve.log").open("w")
    server = subprocess.Popen(
        [*PACTMONITOR, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/v1/openapi.json", server, data_dir / "serve.log")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"pactmonitor serve stopped:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer")


def _run(operation, mode: GenerationMode, base: str) -> int:
    """Run one operation in one mode; the number of requests sent (0 if no such case exists)."""
    sent = []
    excluded = [CHECKS.get_by_names(["positive_data_acceptance"])[0]]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(generation_mode=mode))
    def check(case) -> None:
        sent.append(1)
        case.call_and_validate(base_url=f"{base}/api/v1", excluded_checks=excluded)

    try:
        check()
    except Unsatisfiable:
        # Only a string path parameter without a pattern (an action's number): every value
        # fits it, so no request can break the document.
        if mode is GenerationMode.NEGATIVE and not sent:
            return 0
        raise
    return len(sent)


def test_every_operation_keeps_the_contract_for_valid_and_invalid_requests(served):
    schema = schemathesis.openapi.from_url(f"{served}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    failures, sent = [], {GenerationMode.POSITIVE: 0, GenerationMode.NEGATIVE: 0}
    for operation in operations:
        for mode in sent:
            try:
                sent[mode] += _run(operation, mode, served)
            except Exception as error:  # a FailureGroup names every distinct failure
                failures.append(f"{operation.label} ({mode.value}): {error}")
    print(
        f"schemathesis: {len(operations)} operations, {sent[GenerationMode.POSITIVE]} positive "
        f"and {sent[GenerationMode.NEGATIVE]} negative requests, {len(failures)} failures"
    )
    assert len(operations) >= 20
    assert not failures, "\n\n".join(failures)
