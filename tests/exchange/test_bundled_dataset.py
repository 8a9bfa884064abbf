"""The bundled Techniekpact 2020: complete, loadable, and every quote found in its seed."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings

from pactmonitor.exchange.dataset import BUNDLED, quote_problems, read_dataset
from pactmonitor.exchange.loader import load_dataset
from pactmonitor.exchange.rules import rule_problems
from pactmonitor.exchange.sections import section_problems
from pactmonitor.indicators.models import Finding, Observation, Target
from pactmonitor.initiatives.models import Initiative, PossiblySame
from pactmonitor.pacts.models import Action, ContactPerson, OperationalGoal, Pact, PactMilestone
from pactmonitor.progress.models import RegionProfile, ReportingRound, StatusUpdate
from pactmonitor.regions.models import Region

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_national_pact_has_its_22_actions_in_three_action_lines(bundled):
    pact = Pact.objects.get(key="techniekpact-2020")
    numbers = sorted(int(a.number) for a in pact.actions.all())
    assert numbers == list(range(1, 23))
    assert [line.key for line in pact.action_lines.all()] == ["kiezen", "leren", "werken"]


# The lettered sub-measures of the national actions, as the first column of seed 002 gives them.
SUB_MEASURES = {
    "1": "abc", "3": "ab", "5": "abcd", "8": "a", "10": "abcd",
    "12": "ab", "17": "abcd", "20": "ab", "21": "ab",
}  # fmt: skip


def test_every_national_action_has_its_line_and_its_lettered_sub_measures(bundled):
    for action in Action.objects.filter(pact__key="techniekpact-2020"):
        assert action.action_line_id, action
        letters = "".join(m.letter for m in action.sub_measures.all())
        assert letters == SUB_MEASURES.get(action.number, ""), action


def test_the_regional_pacts_have_their_actions(bundled):
    assert Action.objects.filter(pact__key="techniekpact-noordvleugel").count() == 8
    assert Action.objects.filter(pact__key="techniekpact-oost-2020").count() == 34


def test_each_landsdeel_has_a_profile_for_both_rounds(bundled):
    landsdelen = Region.objects.landsdelen()
    assert sorted(r.key for r in landsdelen) == [
        "noord",
        "noordvleugel",
        "oost",
        "zuidoost",
        "zuidwest",
    ]
    for region in landsdelen:
        rounds = RegionProfile.objects.filter(region=region).values_list("round__slug", flat=True)
        assert sorted(rounds) == ["2014", "2015"], region


def test_both_rounds_are_published_and_2014_reports_on_every_national_action(bundled):
    assert sorted(ReportingRound.objects.published().values_list("slug", flat=True)) == [
        "2014",
        "2015",
    ]
    reported = StatusUpdate.objects.filter(round__slug="2014").values_list(
        "action__number", flat=True
    )
    assert len(set(reported)) == 22


def test_a_status_is_onbekend_unless_the_text_shows_it(bundled):
    for update in StatusUpdate.objects.filter(round__slug="2014"):
        assert update.basis in ("unknown", "assessed"), update
        if update.basis == "assessed":
            assert update.basis_quote, update
        else:
            assert update.status == "onbekend", update


DOCS = Path(__file__).resolve().parents[2] / "docs" / "dataset.md"


def documented_statuses() -> dict[str, str]:
    """The table "Statuses set from the text" of docs/dataset.md: unit → status."""
    section = DOCS.read_text(encoding="utf-8").split("### Statuses set from the text")[1]
    rows = re.findall(r"^\| (\w+) \| (\w+) \|", section.split("###")[0], re.MULTILINE)
    return {unit: status for unit, status in rows if unit != "unit"}


def test_the_2014_statuses_read_from_the_text_are_those_the_docs_list(bundled):
    assessed = StatusUpdate.objects.filter(round__slug="2014").exclude(basis="unknown")
    found = {
        u.action.number + (u.sub_measure.letter if u.sub_measure else ""): u.status
        for u in assessed.select_related("action", "sub_measure")
    }
    assert found == documented_statuses()


def test_west_brabant_belongs_to_two_landsdelen(bundled):
    region = Region.objects.get(key="west-brabant")
    assert {r.key for r in region.all_landsdelen()} == {"zuidwest", "zuidoost"}


def test_the_contact_persons_of_the_oost_subregional_pacts_are_kept(bundled):
    oost = Region.objects.get(key="oost").descendant_ids()
    assert ContactPerson.objects.filter(pact__region__in=oost).count() >= 8


def test_loading_the_bundled_dataset_again_changes_nothing(bundled):
    report = load_dataset(BUNDLED)
    assert sum(report.created.values()) == 0 and sum(report.updated.values()) == 0


def test_every_provenance_quote_occurs_in_its_seed():
    seeds_dir = settings.SEEDS_DIR
    if not seeds_dir.is_dir():
        pytest.skip(
            f"the seed documents are not at {seeds_dir} (set PACTMONITOR_SEEDS_DIR to check quotes)"
        )
    assert quote_problems(read_dataset(BUNDLED), seeds_dir) == []


def test_a_lead_read_from_a_group_line_is_marked_inferred_with_that_line(bundled):
    oost = Action.objects.filter(pact__key="techniekpact-oost-2020", lead_basis="inferred")
    assert oost.count() == 15  # actions 9-12, 16-20, 22-23, 26-28, 31 of seed 001
    nine = oost.get(number="9")
    assert nine.lead_quote == (
        "Actieverantwoordelijke: TechYourFuture, Techniekpact regio Foodvalley"
    )
    assert not oost.filter(lead_quote="").exists()


def test_an_action_lead_assembled_from_sub_measures_is_marked_inferred(bundled):
    national = Action.objects.filter(pact__key="techniekpact-2020", lead_basis="inferred")
    assert {"1", "17"} <= set(national.values_list("number", flat=True))
    assert "c. Het kabinet gaat instrumenten ontwikkelen" in national.get(number="1").lead_quote


def test_an_editorial_remark_sits_in_the_note_not_in_the_source_text(bundled):
    goal = Action.objects.get(pact__key="techniekpact-noordvleugel", number="8").operational_goals
    assert "resumé" not in goal.get().text and "resumé" in goal.get().note
    commitment = Action.objects.get(pact__key__startswith="samenwerkingsarrangement", number="3")
    assert "contact_persons" not in commitment.text and "contact_persons" in commitment.note


def test_a_later_declaration_keeps_its_own_quote_for_the_fields_it_gives(bundled):
    jet_net = Initiative.objects.get(key="jet-net")
    from_002 = [e for e in jet_net.further_evidence if e["seed"] == "002"]
    assert from_002 and "url" in from_002[0]["fields"]
    assert from_002[0]["quote"] != jet_net.provenance_quote


def test_another_document_s_name_is_kept_as_an_alternative_name(bundled):
    assert (
        "WTE regio Zuid" not in Initiative.objects.get(key="stichting-wte-zuid").alternative_names
    )
    assert "Jetnet" in Initiative.objects.get(key="jet-net").alternative_names


def test_the_two_wte_records_stay_apart_and_are_linked_as_possibly_the_same(bundled):
    zuidoost = Initiative.objects.get(key="stichting-wte-zuid")
    zuidwest = Initiative.objects.get(key="wte-regio-zuid")
    assert {r.key for r in zuidwest.regions.all()} == {"zuidwest"}
    assert "zuidwest" not in {r.key for r in zuidoost.regions.all()}
    [link] = zuidoost.possibly_same()
    assert link.counterpart(zuidoost) == zuidwest and link.reason


def test_every_probable_duplicate_the_issue_names_is_linked(bundled):
    pairs = {
        (link.initiative.key, link.other.key if link.other else link.organisation.key)
        for link in PossiblySame.objects.select_related("initiative", "other", "organisation")
    }
    assert {
        ("rtc-2020", "rct2020"),
        ("technicampus-deventer", "technicampus-stedendriehoek"),
        ("week-van-de-techniek-oost", "week-van-de-techniek-stedendriehoek"),
        ("tour-de-techniek-techniek-in-bedrijf-oost", "tour-de-technique"),
        ("kwto", "kenniscentrum-wetenschap-en-techniek-oost"),
    } <= pairs


def test_the_bundled_dataset_follows_the_editorial_rules():
    assert rule_problems(read_dataset(BUNDLED)) == []


def test_the_regional_and_subregional_pacts_the_seeds_name_are_there(bundled):
    named = {
        "techniekpact-noord-nederland": "noord",
        "techniekpact-zuidoost": "zuidoost",
        "techniekpact-zuidwest": "zuidwest",
        "techniekpact-flevoland": "flevoland",
        "techniekpact-gooi-en-vechtstreek": "gooi-en-vechtstreek",
        "techniekpact-zeeland": "zeeland",
        "techniekpact-limburg": "limburg",
    }
    pacts = Pact.objects.filter(key__in=named).select_related("region")
    assert {p.key: p.region.key for p in pacts} == named
    assert all(p.provenance_quote for p in pacts)


def test_the_national_measures_own_deadlines_are_operational_goals(bundled):
    goals = {
        (g.action.number, g.deadline_text): g.deadline
        for g in OperationalGoal.objects.filter(action__pact__key="techniekpact-2020")
    }
    assert goals[("1", "in 2020")].year == 2020
    assert goals[("3", "In 2014")].year == 2014
    assert goals[("5", "in 2015")].year == 2015
    assert goals[("5", "in 2013")].year == 2013
    assert goals[("21", "in 2014")].year == 2014


def test_the_noordvleugel_s_planning_for_2013_is_there_line_by_line(bundled):
    planning = PactMilestone.objects.filter(pact__key="techniekpact-noordvleugel")
    assert [(p.date_text, p.date) for p in planning] == [
        ("13 mei 2013", D(2013, 5, 13)),
        ("eind mei / begin juni", D(2013, 6, 30)),
        ("mei/juni", D(2013, 6, 30)),
        ("eindjuni", D(2013, 6, 30)),
        ("nade zomer", D(2013, 9, 1)),
        ("december 2013", D(2013, 12, 31)),
    ]
    assert all(p.provenance_quote.startswith(p.date_text) for p in planning)
    # The list is no longer kept inside the pact's description as well.
    assert "Ondertekening landelijk" not in planning[0].pact.description


def test_the_oost_notitie_s_qualitative_findings_are_findings_never_figures(bundled):
    gelderland = Finding.objects.filter(region__key="gelderland")
    assert gelderland.filter(
        text="In het VMBO en het MBO zien we het aantal leerlingen niet verder toenemen.",
        education_levels=["vmbo", "mbo"],
    ).exists()
    assert Finding.objects.filter(text__startswith="Op Gelderse schaal is er").exists()
    assert Finding.objects.filter(text__startswith="De Arbeidsmarktprognose Overijssel").exists()
    assert {f.year for f in Finding.objects.all()} == {2016}
    assert not Observation.objects.filter(provenance_quote__startswith="In het VMBO en het MBO")


def test_every_quote_names_the_section_of_its_document_it_lies_in():
    seeds_dir = settings.SEEDS_DIR
    if not seeds_dir.is_dir():
        pytest.skip(f"the seed documents are not at {seeds_dir} (set PACTMONITOR_SEEDS_DIR)")
    assert section_problems(read_dataset(BUNDLED), seeds_dir) == []


def test_the_huidige_stand_figures_hold_at_the_peildatum_of_bijlage_1(bundled):
    stands = Observation.objects.filter(
        indicator__key="havo-vwo-natuurprofiel-aandeel", period_text="Huidige stand"
    )
    assert {(o.education_level, o.value, o.year, o.as_of) for o in stands} == {
        ("havo", 37, 2014, D(2014, 5, 13)),
        ("vwo", 57, 2014, D(2014, 5, 13)),
    }
    assert all(o.dating == "document" and not o.comparable for o in stands)


def test_the_goals_starting_points_are_the_situation_at_the_signing(bundled):
    starts = Observation.objects.filter(dating="signing")
    assert sorted(o.value for o in starts if o.value is not None) == [23, 25, 45, 47, 50]
    assert {o.as_of for o in starts} == {D(2013, 5, 13)}


def test_no_document_figure_is_left_without_a_year_or_the_reason(bundled):
    assert not Observation.objects.filter(year__isnull=True).exclude(dating="not_given").exists()
    assert not Observation.objects.filter(dating="document", as_of_text="").exists()


def test_ranges_and_bounds_are_stored_as_ranges_without_a_point_value(bundled):
    ranged = Observation.objects.exclude(lower__isnull=True, upper__isnull=True)
    assert {o.bound_text for o in ranged} >= {
        "minder dan 20%", "> 50.000", "ongeveer 4 – 5", "ruim de helft", "tussen de 0,4 en 0,8"
    }  # fmt: skip
    assert not ranged.filter(value__isnull=False).exists()
    campuses = Target.objects.get(indicator__key="regionale-campussen-aantal", upper=12)
    assert (campuses.lower, campuses.value, campuses.figure_text()) == (10, 10, "10 a 12")
