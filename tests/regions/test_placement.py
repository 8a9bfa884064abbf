"""Placing DUO's region values in 2019 municipalities: the contract the importer relies on."""

import csv
from pathlib import Path

import pytest

from pactmonitor.regions.placement import municipalities, normalise, placements

# The DUO files as published (the importer bundles copies; these are the shared originals).
DUO = Path("/work/shared/data/open-data/duo")
EXAMS = DUO / "examenkandidaten-en-geslaagden-2014-2019.csv"


def duo_rows(name: str, encoding: str = "utf-8") -> list[dict]:
    path = DUO / name
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_normalise_makes_the_files_spellings_agree():
    assert normalise("'s-Hertogenbosch") == normalise("S HERTOGENBOSCH") == "S HERTOGENBOSCH"
    assert normalise("  Súdwest-Fryslân ") == "SUDWEST FRYSLAN"
    assert normalise("Bergen (NH.)") == normalise("BERGEN NH")
    assert normalise("’s-Gravenhage") == normalise("'s-Gravenhage")


def test_a_municipality_number_is_placed_with_and_without_leading_zeros():
    codes = placements("gemeentecode")
    assert codes["0106"] == codes["106"] == codes["GM0106"] == "GM0106"


def test_an_apostrophe_name_is_placed_however_it_is_written():
    names = placements("gemeentenaam")
    assert names[normalise("'s-Hertogenbosch")] == "GM0796"
    assert names[normalise("S GRAVENHAGE")] == "GM0518"


def test_a_municipality_merged_since_2019_keeps_its_2019_code():
    # Appingedam went into Eemsdelta in 2021; DUO's 2019 files still name it.
    names = placements("gemeentenaam")
    assert names["APPINGEDAM"] == "GM0003"
    assert "EEMSDELTA" not in names


def test_a_cbs_spelling_finds_the_same_municipality_as_duos():
    names = placements("gemeentenaam")
    assert names[normalise("Nuenen, Gerwen en Nederwetten")] == names["NUENEN CA"] == "GM0820"


def test_a_place_name_of_the_mbo_file_is_placed_in_its_municipality():
    places = placements("plaatsnaam")
    assert places["ROTTERDAM"] == "GM0599"
    assert places["ZAANDAM"] == "GM0479"
    assert places["EDE GLD"] == "GM0228"


def test_a_school_location_is_placed_through_the_register():
    assert placements("vestiging")["18BR00"] == "GM0106"


def test_a_closed_school_location_is_placed_by_its_municipality_name_instead():
    rows = [r for r in duo_rows(EXAMS.name, "latin-1") if r["VESTIGINGSNUMMER"] == "00LY00"]
    assert rows, "00LY00 is a location of the exam file closed before 2019"
    assert "00LY00" not in placements("vestiging")
    assert normalise(rows[0]["GEMEENTENAAM"]) in placements("gemeentenaam")


def test_an_unknown_key_is_refused_with_the_keys_it_knows():
    with pytest.raises(ValueError, match="gemeentecode, gemeentenaam, plaatsnaam, vestiging"):
        placements("postcode")


def test_every_municipality_of_the_exam_file_is_placed():
    names = {normalise(r["GEMEENTENAAM"]) for r in duo_rows(EXAMS.name, "latin-1")}
    unplaced = sorted(n for n in names if n not in placements("gemeentenaam"))
    assert (len(names), unplaced) == (293, [])


@pytest.mark.parametrize("name", ["hbo_inscriptions_2019.csv", "wo_inscriptions_2019.csv"])
def test_every_institution_municipality_of_hbo_and_wo_is_placed_by_number_and_name(name):
    rows = [r for r in duo_rows(name) if r["GEMEENTENUMMER"]]
    pairs = {(r["GEMEENTENUMMER"], r["GEMEENTENAAM"]) for r in rows}
    by_number = {placements("gemeentecode").get(normalise(n)) for n, _ in pairs}
    by_name = {placements("gemeentenaam").get(normalise(m)) for _, m in pairs}
    assert None not in by_number
    assert by_number == by_name


def test_every_place_of_the_mbo_file_is_placed():
    rows = duo_rows("mbo_inscriptions_2019.csv")
    places = {normalise(r["PLAATSNAAM"] or "") for r in rows} - {""}  # "": short rows
    unplaced = sorted(p for p in places if p not in placements("plaatsnaam"))
    assert (len(places), unplaced) == (37, [])


def test_the_2019_municipalities_are_the_register_s_and_two_named_only_by_duo():
    found = municipalities()
    assert len(found) == 298
    assert {"GM1891", "GM0244"} <= set(found)  # Dantumadiel, Hattem: schools closed before 2019
    assert found["GM0244"].corop == "CR13"
