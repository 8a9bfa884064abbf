"""``pactmonitor import-observations``: the batch summary, refusals with exit code 1, --bundled,
and a process killed while it writes leaves no partial batch."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pactmonitor.indicators.importer import PAUSE_HOOK
from pactmonitor.indicators.models import ImportBatch
from pactmonitor.indicators.recipes import bundled
from tests.indicators import files
from tests.support import with_migrated_database

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_the_command_prints_the_batch_summary(placed, tmp_path, capsys):
    lines = files.rows(10) + ["", files.row(location="99ZZ00", town="NERGENSDORP")]
    placed.refused.update({"99ZZ00", "NERGENSDORP"})
    recipe = files.recipe_variant(tmp_path, **{"region.unplaced_max_percent": 10})
    call_command("import_observations", str(recipe), str(files.write(tmp_path / "e.csv", lines)))
    out = capsys.readouterr().out
    assert "rows read 11, used 10, skipped 1" in out
    assert "1 niet in een regio te plaatsen" in out
    assert (
        "not placed in a region: 1 (e.g. VESTIGINGSNUMMER 99ZZ00 / GEMEENTENAAM NERGENSDORP)" in out
    )


def test_the_command_refuses_with_the_messages_and_writes_nothing(placed, tmp_path):
    path = files.write(tmp_path / "bad.csv", files.rows(3) + [files.row(counts=("x", "1"))])
    with pytest.raises(CommandError) as caught:
        call_command("import_observations", "duo-examenkandidaten-vo", str(path))
    assert "bad.csv, regel 5, kolom EXAMENKANDIDATEN SCHOOLJAAR 2014-2015 - TOTAAL" in str(
        caught.value
    )
    assert not ImportBatch.objects.exists()


def test_the_same_file_twice_says_unchanged(placed, tmp_path, capsys):
    path = str(files.write(tmp_path / "e.csv", files.rows(4)))
    call_command("import_observations", "duo-examenkandidaten-vo", path)
    call_command("import_observations", "duo-examenkandidaten-vo", path)
    assert "unchanged (this file is already imported)" in capsys.readouterr().out
    assert ImportBatch.objects.count() == 1


def test_bundled_imports_every_bundled_file_through_its_recipe(placed):
    call_command("import_observations", "--bundled")
    assert set(ImportBatch.objects.values_list("recipe", flat=True)) == set(bundled())


def test_a_process_killed_while_writing_leaves_no_partial_batch(tmp_path):
    marker = tmp_path / "paused"
    data = with_migrated_database(tmp_path / "data")
    env = {**os.environ, "PACTMONITOR_DATA_DIR": str(data), PAUSE_HOOK: str(marker)}
    env.pop("DATABASE_URL", None)
    # Under xdist, tests.settings would move the child's data into a worker folder of its own.
    env.pop("PYTEST_XDIST_WORKER", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    source = bundled()["duo-examenkandidaten-vo"]
    from pactmonitor.indicators.recipes import load

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.indicators.run_import",
            str(source),
            str(load(source).bundled_file),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert marker.exists(), process.communicate()[1].decode()[-2000:]
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(data / "pactmonitor.sqlite3") as db:
        batches = db.execute("SELECT count(*) FROM indicators_importbatch").fetchone()[0]
        figures = db.execute("SELECT count(*) FROM indicators_figure").fetchone()[0]
    assert (batches, figures) == (0, 0)
