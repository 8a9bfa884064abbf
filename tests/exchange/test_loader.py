import datetime
from pathlib import Path

import pytest

from pactmonitor.exchange.dataset import DatasetError
from pactmonitor.exchange.loader import fingerprint, load_dataset
from pactmonitor.indicators.models import Finding, Observation
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action, PactMilestone
from pactmonitor.progress.models import RegionResult, StatusUpdate
from pactmonitor.regions.models import Region

pytestmark = pytest.mark.django_db
MINI = Path(__file__).parent / "mini"
D = datetime.date


def copy_dataset(tmp_path: Path) -> Path:
    for path in MINI.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())
    return tmp_path


def test_it_loads_a_dataset_into_an_empty_database():
    report = load_dataset(MINI)
    action = Action.objects.get(pact__key="techniekpact-2020", number="1")
    assert [m.letter for m in action.sub_measures.all()] == ["a", "b"]
    assert [o.key for o in action.leads.all()] == ["platform-beta-techniek"]
    assert report.created["action"] == 2


def test_every_record_carries_its_provenance():
    load_dataset(MINI)
    update = StatusUpdate.objects.get()
    assert update.provenance_document.file_name == "002_a9afeef750dbdd18.txt"
    assert update.provenance_quote.startswith("De opdracht voor een leerlijn")


def test_loading_twice_changes_nothing():
    load_dataset(MINI)
    histories = Action.history.count()
    report = load_dataset(MINI)
    assert sum(report.created.values()) == sum(report.updated.values()) == 0
    assert Action.history.count() == histories


def test_a_region_keeps_both_groupings():
    load_dataset(MINI)
    region = Region.objects.get(key="west-brabant")
    assert [r.key for r in region.all_landsdelen()] == ["zuidwest", "zuidoost"]


def test_a_regional_action_links_to_the_national_action_it_serves():
    load_dataset(MINI)
    regional = Action.objects.get(pact__key="regionaal")
    assert [a.pact.key for a in regional.serves_actions.all()] == ["techniekpact-2020"]


def test_a_reload_keeps_what_a_user_edited(tmp_path):
    load_dataset(MINI)
    action = Action.objects.get(pact__key="techniekpact-2020")
    action.title = "Titel aangepast door de coördinator"
    action.save()
    report = load_dataset(MINI)
    action.refresh_from_db()
    assert action.title == "Titel aangepast door de coördinator"
    assert report.kept["action"] == 1


def test_a_reload_brings_in_changes_to_records_nobody_edited(tmp_path):
    load_dataset(MINI)
    folder = copy_dataset(tmp_path)
    pact = folder / "pact.yaml"
    pact.write_text(pact.read_text().replace("title: Regionale actie", "title: Regionale actie 2"))
    load_dataset(folder)
    assert Action.objects.get(pact__key="regionaal").title == "Regionale actie 2"


def test_a_changed_published_status_becomes_a_correction(tmp_path):
    load_dataset(MINI)
    folder = copy_dataset(tmp_path)
    pact = folder / "pact.yaml"
    pact.write_text(
        pact.read_text().replace("neergelegd bij SLO.", "neergelegd bij SLO en afgerond.")
    )
    load_dataset(folder)
    versions = StatusUpdate.objects.order_by("version")
    assert [(u.version, u.is_current) for u in versions] == [(1, False), (2, True)]
    assert versions[1].narrative.endswith("afgerond.")


def test_a_bad_dataset_names_the_file_and_field_and_loads_nothing(tmp_path):
    folder = copy_dataset(tmp_path)
    pact = folder / "pact.yaml"
    pact.write_text(pact.read_text().replace("status: onbekend", "status: groen"))
    with pytest.raises(DatasetError) as error:
        load_dataset(folder)
    assert "pact.yaml: status_updates[0].status: 'groen' is not one of" in str(error.value)
    assert not Action.objects.exists()


def test_a_contact_persons_details_outside_the_restricted_list_are_refused(tmp_path):
    folder = copy_dataset(tmp_path)
    pact = folder / "pact.yaml"
    pact.write_text(
        pact.read_text().replace("priorities: Doorgaan.", "priorities: Bel jan@example.org.")
    )
    with pytest.raises(DatasetError) as error:
        load_dataset(folder)
    assert "region_profiles[0].priorities: contains a contact person's details" in str(error.value)


def test_a_region_loaded_before_regions_had_codes_gets_its_code_on_reload(tmp_path):
    folder = copy_dataset(tmp_path)
    load_dataset(folder)
    region = Region.objects.get(key="west-brabant")
    # What a load before CBS codes and part_of stored: a fingerprint without those fields.
    fields = ["key", "name", "kind", "parent_id", "grouping_note"]
    fields += ["provenance_document_id", "provenance_quote"]
    groupings = list(region.groupings.values_list("pk", flat=True))
    old = fingerprint({f: getattr(region, f) for f in fields}, {"groupings": groupings})
    Region.objects.filter(pk=region.pk).update(dataset_fingerprint=old)
    (folder / "zz_codes.yaml").write_text("regions:\n- {key: west-brabant, code: GM0758}\n")
    report = load_dataset(folder)
    assert (report.updated["region"], report.kept["region"]) == (1, 0)
    assert Region.objects.get(pk=region.pk).code == "GM0758"


def test_a_region_that_lies_in_itself_is_refused(tmp_path):
    folder = copy_dataset(tmp_path)
    (folder / "zz_circle.yaml").write_text("regions:\n- {key: zuidwest, part_of: [west-brabant]}\n")
    with pytest.raises(DatasetError, match="lies in itself"):
        load_dataset(folder)
    assert not Region.objects.exists()


def test_another_pacts_results_and_initiatives_name_the_action_lines_of_its_own_national_pact(
    tmp_path,
):
    folder = copy_dataset(tmp_path)
    for path in folder.glob("*.yaml"):
        path.write_text(path.read_text().replace("techniekpact-2020", "klimaatakkoord"))
    load_dataset(folder)
    assert [line.key for line in Initiative.objects.get(key="jet-net").action_lines.all()] == [
        "kiezen"
    ]
    assert RegionResult.objects.get().action_line.pact.key == "klimaatakkoord"


def test_a_range_is_loaded_with_its_bounds_and_no_value(tmp_path):
    folder = copy_dataset(tmp_path)
    (folder / "zz_range.yaml").write_text(
        "indicators:\n- key: aandeel-natuurprofiel\n  observations:\n"
        "  - {region: nederland, lower: 4, upper: 5, bound_text: 'ongeveer 4 – 5', "
        "provenance: {seed: '002', quote: Techniekpact}}\n"
    )
    load_dataset(folder)
    observation = Observation.objects.get(lower=4)
    assert (observation.value, observation.upper, observation.is_point) == (None, 5, False)
    assert observation.figure_text() == "ongeveer 4 – 5"


def test_a_stand_is_loaded_with_its_date_and_the_words_for_it(tmp_path):
    folder = copy_dataset(tmp_path)
    (folder / "zz_stand.yaml").write_text(
        "indicators:\n- key: aandeel-natuurprofiel\n  observations:\n"
        "  - {region: nederland, year: 2014, period_text: Huidige stand, value: 37, "
        "dating: document, as_of: 2014-05-13, as_of_text: peildatum van Bijlage 1, "
        "comparable: false, comparability_note: alleen havo, "
        "provenance: {seed: '002', quote: Techniekpact}}\n"
    )
    load_dataset(folder)
    stand = Observation.objects.get(value=37)
    assert (stand.dating, stand.as_of, stand.comparable) == ("document", D(2014, 5, 13), False)
    assert stand.when_text == "2014 (Huidige stand; stand per 13 mei 2014)"


def test_records_loaded_before_observations_had_a_dating_and_a_section_count_as_untouched():
    load_dataset(MINI)
    observation = Observation.objects.get()
    # What a load before the dating, bounds and section stored: a fingerprint without them.
    fields = ["indicator_id", "region_id", "education_level", "year", "period_text"]
    fields += ["dimensions", "value", "note", "provenance_document_id", "provenance_quote"]
    old = fingerprint({f: getattr(observation, f) for f in fields}, {})
    Observation.objects.filter(pk=observation.pk).update(dataset_fingerprint=old)
    report = load_dataset(MINI)
    assert (report.updated["observation"], report.kept["observation"]) == (1, 0)


def test_naming_the_section_of_a_published_status_makes_no_new_version(tmp_path):
    load_dataset(MINI)
    folder = copy_dataset(tmp_path)
    pact = folder / "pact.yaml"
    text = pact.read_text().replace(
        'quote: "De opdracht voor een leerlijn',
        'section: "Kiezen voor techniek, maatregel 1", quote: "De opdracht voor een leerlijn',
    )
    assert "maatregel 1" in text
    pact.write_text(text)
    load_dataset(folder)
    [update] = StatusUpdate.objects.all()
    assert update.version == 1
    assert update.provenance_section == "Kiezen voor techniek, maatregel 1"


def test_a_pacts_planning_is_loaded_line_by_line_with_its_own_quote():
    load_dataset(MINI)
    (item,) = PactMilestone.objects.filter(pact__key="regionaal")
    assert (item.date, item.date_text, item.text) == (
        D(2013, 12, 31),
        "december 2013",
        "bijeenkomst met stakeholders",
    )
    assert item.provenance_quote == "december 2013: bijeenkomst met stakeholders"


def test_a_finding_is_loaded_in_the_sources_words_with_its_region_levels_and_date():
    load_dataset(MINI)
    finding = Finding.objects.get()
    assert finding.text.startswith("In het VMBO en het MBO zien we")
    assert (finding.region.key, finding.education_levels) == ("west-brabant", ["vmbo", "mbo"])
    assert (finding.year, finding.as_of) == (2014, D(2014, 5, 31))


def test_loading_twice_leaves_planning_and_findings_as_they_were():
    load_dataset(MINI)
    histories = PactMilestone.history.count() + Finding.history.count()
    report = load_dataset(MINI)
    assert report.unchanged["pactmilestone"] == report.unchanged["finding"] == 1
    assert PactMilestone.history.count() + Finding.history.count() == histories


def test_a_reload_keeps_a_finding_and_a_planning_line_a_user_edited():
    load_dataset(MINI)
    Finding.objects.update(note="Aangevuld door de coördinator")
    item = PactMilestone.objects.get()
    item.text = "bijeenkomst met stakeholders (verplaatst)"
    item.save()
    report = load_dataset(MINI)
    assert Finding.objects.get().note == "Aangevuld door de coördinator"
    assert PactMilestone.objects.get().text == "bijeenkomst met stakeholders (verplaatst)"
    assert report.kept["finding"] == report.kept["pactmilestone"] == 1


def test_a_finding_with_a_value_is_refused_a_figure_is_an_observation(tmp_path):
    folder = copy_dataset(tmp_path)
    pact = folder / "pact.yaml"
    pact.write_text(
        pact.read_text().replace(
            "    year: 2014\n    as_of:", "    value: 20\n    year: 2014\n    as_of:"
        )
    )
    with pytest.raises(DatasetError) as error:
        load_dataset(folder)
    assert "findings[0].value: a finding is no figure" in str(error.value)
    assert not Finding.objects.exists()
