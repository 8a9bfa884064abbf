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


def test_the_csv_dump_neutralises_texts_a_spreadsheet_would_run_as_formulas(tmp_path):
    org = factory.organisation(name='=HYPERLINK("http://example.org","klik")')
    call_command("export", "--format", "csv", "-o", str(tmp_path / "csv"))
    call_command("export", "--format", "json", "-o", str(tmp_path / "open.json"))
    rows = list(csv.DictReader((tmp_path / "csv" / "organisaties.csv").open()))
    names = {row["sleutel"]: row["naam"] for row in rows}
    assert names[org.key] == '\'=HYPERLINK("http://example.org","klik")'
    exact = json.loads((tmp_path / "open.json").read_text())["tabellen"]["organisaties"]
    assert {row["sleutel"]: row["naam"] for row in exact}[org.key] == org.name


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_of_the_owasp_rule_is_prefixed(start):
    from pactmonitor.exchange.opendata import spreadsheet_safe

    assert spreadsheet_safe(start + "1") == "'" + start + "1"
    assert spreadsheet_safe("1" + start) == "1" + start and spreadsheet_safe(-3) == -3


def test_a_folder_the_export_did_not_write_is_refused_and_kept(tmp_path):
    target = tmp_path / "mijn-map"
    target.mkdir()
    (target / "notities.txt").write_text("van mij")
    with pytest.raises(CommandError) as error:
        call_command("export", "--format", "csv", "-o", str(target))
    assert "not written by pactmonitor export" in str(error.value)
    assert (target / "notities.txt").read_text() == "van mij"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mijn-map"]


def test_an_earlier_csv_dump_is_replaced_by_the_new_one(tmp_path):
    target = tmp_path / "csv"
    call_command("export", "--format", "csv", "-o", str(target))
    org = factory.organisation(name="Nieuwe school")
    call_command("export", "--format", "csv", "-o", str(target))
    rows = list(csv.DictReader((target / "organisaties.csv").open()))
    assert org.key in {row["sleutel"] for row in rows}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


def test_a_file_added_to_an_earlier_dump_stops_the_export_from_replacing_it(tmp_path):
    target = tmp_path / "csv"
    call_command("export", "--format", "csv", "-o", str(target))
    (target / "analyse.xlsx").write_bytes(b"eigen werk")
    with pytest.raises(CommandError) as error:
        call_command("export", "--format", "csv", "-o", str(target))
    assert "analyse.xlsx" in str(error.value)
    assert (target / "analyse.xlsx").read_bytes() == b"eigen werk"


def test_a_failing_json_export_leaves_the_earlier_file_whole(tmp_path, monkeypatch):
    from pactmonitor.exchange import opendata

    target = tmp_path / "open.json"
    call_command("export", "--format", "json", "-o", str(target))
    earlier = target.read_bytes()
    monkeypatch.setattr(opendata, "rows", lambda *args: (_ for _ in ()).throw(OSError("vol")))
    with pytest.raises(OSError):
        call_command("export", "--format", "json", "-o", str(target))
    assert target.read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["open.json"]
