"""The bundled region tree: official areas of CBS, DUO and the law, tied to the seeds' regions."""

import csv
from pathlib import Path

import pytest

from pactmonitor.exchange.dataset import BUNDLED, quote_problems, read_dataset
from pactmonitor.exchange.loader import load_dataset
from pactmonitor.regions.models import Region
from pactmonitor.regions.official import unplaced_in_labour_markets
from pactmonitor.regions.placement import normalise, placements
from pactmonitor.regions.tree import RegionTree

pytestmark = pytest.mark.django_db

DUO = Path("/work/shared/data/open-data/duo")  # the published files (the importer bundles copies)
DUO_FILES = {
    "examenkandidaten-en-geslaagden-2014-2019.csv": "latin-1",
    "hbo_inscriptions_2019.csv": "utf-8",
    "wo_inscriptions_2019.csv": "utf-8",
}


def duo_municipality_names() -> set[str]:
    names = set()
    for name, encoding in DUO_FILES.items():
        if not (DUO / name).exists():
            pytest.skip(f"{DUO / name} is not on this machine")
        with (DUO / name).open(encoding=encoding, newline="") as handle:
            names |= {
                normalise(r["GEMEENTENAAM"] or "") for r in csv.DictReader(handle, delimiter=";")
            }
    return names - {""}


def kinds(kind: str) -> list[str]:
    return list(Region.objects.filter(kind=kind, code__isnull=False).values_list("code", flat=True))


def test_the_tree_has_12_provinces_40_corop_areas_and_35_labour_market_regions(bundled):
    assert sorted(kinds("provincie")) == [f"PV{n}" for n in range(20, 32)]
    assert sorted(kinds("corop")) == [f"CR{n:02d}" for n in range(1, 41)]
    assert sorted(kinds("arbeidsmarktregio")) == [f"AM{n:02d}" for n in range(1, 36)]
    assert Region.objects.filter(kind="provincie").count() == 12
    assert Region.objects.filter(kind="corop").count() == 40
    assert Region.objects.filter(kind="arbeidsmarktregio").count() == 35


def test_every_municipality_named_in_duo_s_files_is_a_region_of_the_tree(bundled):
    # Exam, hbo and wo files name municipalities; the mbo file names places (test_placement).
    names = duo_municipality_names()
    codes = set(Region.objects.filter(kind="gemeente").values_list("code", flat=True))
    by_name = placements("gemeentenaam")
    unplaced = sorted(n for n in names if by_name.get(n) not in codes)
    assert (len(names), len(codes), unplaced) == (294, 298, [])


def test_each_municipality_hangs_under_its_corop_area(bundled):
    assen = Region.objects.get(code="GM0106")
    assert (assen.parent.code, assen.parent.parent.code) == ("CR07", "PV22")
    assert assen.provenance_document.key == "duo-vestigingen-vo"
    assert ";0106;ASSEN;" in assen.provenance_quote


def test_west_noord_brabant_lies_in_zuidwest_and_noord_brabant_but_not_in_zuidoost(bundled):
    tree = RegionTree.load()
    corop = Region.objects.get(code="CR33")
    around = {tree.regions[i].key for i in tree.containing_ids(corop.pk)}
    assert {"zuidwest", "noord-brabant", "west-brabant", "nederland"} <= around
    assert "zuidoost" not in around


def test_a_zuidoost_figure_does_not_include_west_brabant(bundled):
    inside = Region.objects.get(key="zuidoost").descendant_ids()
    breda = Region.objects.get(code="GM0758")
    eindhoven = Region.objects.get(code="GM0772")
    assert eindhoven.pk in inside
    assert breda.pk not in inside
    assert Region.objects.get(key="west-brabant").pk not in inside


def test_every_municipality_reaches_nederland_exactly_once(bundled):
    nederland = Region.objects.get(key="nederland").pk
    pairs = RegionTree.load().containment_pairs()
    municipalities = set(Region.objects.filter(kind="gemeente").values_list("pk", flat=True))
    reaching = [r for r, up in pairs if up == nederland and r in municipalities]
    assert sorted(reaching) == sorted(municipalities)


def test_every_municipality_lies_in_exactly_one_landsdeel(bundled):
    tree = RegionTree.load()
    landsdelen = set(Region.objects.landsdelen().values_list("pk", flat=True))
    wrong = {
        m.name: sorted(tree.regions[i].key for i in tree.containing_ids(m.pk) & landsdelen)
        for m in Region.objects.filter(kind="gemeente")
        if len(tree.containing_ids(m.pk) & landsdelen) != 1
    }
    assert wrong == {}


def test_the_seeds_regions_are_the_official_areas_they_name(bundled):
    codes = dict(Region.objects.filter(code__isnull=False).values_list("key", "code"))
    assert codes["nederland"] == "NL01" and codes["friesland"] == "PV21"
    assert codes["gemeente-groningen"] == "GM0014" and codes["almere"] == "GM0034"
    assert codes["arbeidsmarktregio-drenthe"] == "AM04"
    assert Region.objects.get(code="CR12").part_of.filter(key="twente").exists()
    assert Region.objects.get(key="almelo").parent.code == "CR12"


def test_a_subregio_matching_no_official_area_says_so_and_holds_nothing(bundled):
    region = Region.objects.get(key="metropoolregio-amsterdam")
    assert "geen CBS-gebied" in region.grouping_note
    assert region.descendant_ids() == {region.pk}


def test_a_municipality_lies_in_its_labour_market_region(bundled):
    enschede = Region.objects.get(code="GM0153")
    assert list(enschede.part_of.values_list("code", flat=True)) == ["AM09"]
    merged = Region.objects.get(code="GM1966")  # Het Hogeland, from four municipalities of 2015
    assert list(merged.part_of.values_list("code", flat=True)) == ["AM01"]


def test_only_municipalities_formed_from_two_labour_market_regions_lie_in_none():
    assert unplaced_in_labour_markets() == ["Vijfheerenlanden", "West Betuwe"]


def test_loading_the_tree_again_changes_nothing(bundled):
    before = dict(Region.objects.values_list("dataset_key", "pk"))
    histories = Region.history.count()
    report = load_dataset(BUNDLED)
    assert (report.created["region"], report.updated["region"]) == (0, 0)
    assert report.unchanged["region"] == len(before)
    assert dict(Region.objects.values_list("dataset_key", "pk")) == before
    assert Region.history.count() == histories


def test_an_open_data_quote_that_is_not_in_its_file_is_reported(settings):
    if not settings.SEEDS_DIR.is_dir():
        pytest.skip(f"the seed documents are not at {settings.SEEDS_DIR}")
    dataset = read_dataset(BUNDLED)
    dataset.regions["gemeente-assen"].data["provenance"]["quote"] = "Drenthe;0106;ASSEN;verzonnen"
    problems = quote_problems(dataset, settings.SEEDS_DIR)
    assert len(problems) == 1 and "not in seed duo-vestigingen-vo" in problems[0]
