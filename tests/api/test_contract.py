"""The served OpenAPI document: readable without a key, with the maintainer's contact, and
passing the Logius API Design Rules ruleset (standards/, run by Spectral from package.json)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
RULESET = ROOT / "standards" / "nlgov-adr-linter.yaml"


def served_document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["API-Version"] == "1.1.0"
    return response.json()


def test_the_document_is_public_and_names_its_maintainer(client, world, settings):
    settings.PACTMONITOR_API_CONTACT = {"name": "Team Pactmonitor", "email": "api@example.org",
                                        "url": "https://example.org/ontwikkelaars/"}  # fmt: skip
    document = served_document(client)
    assert document["info"]["contact"]["email"] == "api@example.org"
    assert document["info"]["version"] == "1.1.0"
    assert document["servers"][0]["url"] == "/api/v1"


def test_every_error_of_the_document_is_a_problem_and_every_success_names_the_version(
    client, world
):
    for path, operations in served_document(client)["paths"].items():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    assert list(response["content"]) == ["application/problem+json"], path
                else:
                    assert {"API-Version", "ETag", "Last-Modified"} <= set(response["headers"])


def test_the_document_passes_the_logius_ruleset_with_no_error(client, world, tmp_path):
    if shutil.which("node") is None:
        pytest.skip("node is not installed here (scripts/test installs Spectral with npm ci)")
    assert SPECTRAL.exists(), "Spectral is missing: run `npm ci` (scripts/test does)"
    document, report = tmp_path / "openapi.json", tmp_path / "findings.json"
    document.write_text(json.dumps(served_document(client)))
    command = [str(SPECTRAL), "lint", "--ruleset", str(RULESET), "--format", "json",
               "--output", str(report), str(document)]  # fmt: skip
    linted = subprocess.run(command, capture_output=True, text=True, timeout=300)
    findings = json.loads(report.read_text())
    errors = [f"{f['code']}: {f['message']} at {f['path']}" for f in findings if f["severity"] == 0]
    warnings = [f for f in findings if f["severity"] == 1]
    print(f"spectral: {len(errors)} errors, {len(warnings)} warnings")
    assert errors == []
    assert linted.returncode == 0, linted.stderr
