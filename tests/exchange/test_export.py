import csv
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pactmonitor.exchange.loader import load_dataset
from tests import factory

pytestmark = pytest.mark.django_db
MINI = Path(__file__).parent / "mini"


def test_the_json_dump_holds_the_published_dataset_with_provenance(tmp_path):
    load_dataset(MINI)
    call_command("export", "--format", "json", "-o", str(tmp_path / "open.json"))
    tables = json.loads((tmp_path / "open.json").read_text())["tabellen"]
    update = tables["statusupdates"][0]
    assert (update["actie"], update["deelmaatregel"], update["status"]) == (
        "techniekpact-2020/1",
        "a",
        "onbekend",
    )
    assert update["bron"] == "Bijlage 1 (mei 2014)"  # the title and date, not the file name
    assert tables["initiatieven"][0]["draagt_bij_aan_acties"] == "techniekpact-2020/1"


def test_contact_details_are_never_exported(tmp_path):
    load_dataset(MINI)
    call_command("export", "--format", "json", "-o", str(tmp_path / "open.json"))
    call_command("export", "--format", "csv", "-o", str(tmp_path / "csv"))
    everything = (tmp_path / "open.json").read_text() + "".join(
        p.read_text() for p in (tmp_path / "csv").glob("*.csv")
    )
    assert "Jan Contact" not in everything
    assert "jan@example.org" not in everything and "06-12345678" not in everything


def test_updates_of_an_unpublished_round_are_not_exported(tmp_path):
    update = factory.status_update(narrative="Nog niet openbaar")
    call_command("export", "--format", "csv", "-o", str(tmp_path / "csv"))
    rows = list(csv.DictReader((tmp_path / "csv" / "statusupdates.csv").open()))
    assert rows == [] and update.round.state == "draft"


def test_an_unwritable_target_is_refused_in_one_line(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("export", "--format", "json", "-o", str(tmp_path / "missing" / "open.json"))
    assert "does not exist or is not writable" in str(error.value)
