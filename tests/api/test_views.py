"""The API's resources: what each shows of the published data, how lists filter, sort and page,
and how bad input is answered (problem+json naming every invalid parameter, never a 500)."""

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from pactmonitor.api import resources as r
from pactmonitor.api.listing import Resource
from pactmonitor.indicators.models import Finding
from pactmonitor.pacts.models import ContactPerson, PactMilestone
from pactmonitor.progress import services
from pactmonitor.progress.models import StatusUpdate
from tests import factory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client, path: str, status: int = 200) -> dict:
    response = client.get(API + path)
    assert response.status_code == status, response.content[:500]
    return response.json()


def results(client, path: str) -> list[dict]:
    return get(client, path)["results"]


def invalid_names(client, path: str) -> list[str]:
    response = client.get(API + path)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    return sorted(p["name"] for p in response.json()["invalidParams"])


# --- What each resource shows ------------------------------------------------------------------


def test_an_action_carries_its_sub_measures_goals_leads_and_partners(client, world):
    action = get(client, "/pacts/techniekpact-2020/actions/1")
    assert [s["letter"] for s in action["subMeasures"]] == ["a", "b"]
    assert action["leads"] == ["platform-beta-techniek"] and action["partners"] == ["ocw"]
    assert action["actionLine"] == "kiezen"
    goal = get(client, "/pacts/techniekpact-2020/actions/2")["operationalGoals"][0]
    assert goal == {"text": "Plan van aanpak gereed", "deadline": "2013-12-31",
                    "deadlineText": "eind 2013", "note": ""}  # fmt: skip


def test_a_pact_carries_its_own_planning_line_by_line(client, world):
    PactMilestone.objects.create(
        pact=world.regional, date="2013-12-31", date_text="december 2013", text="bijeenkomst"
    )
    pact = get(client, "/pacts/techniekpact-noord")
    assert pact["planning"] == [
        {"date": "2013-12-31", "dateText": "december 2013", "text": "bijeenkomst", "note": "",
         "provenance": None}
    ]  # fmt: skip
    assert get(client, "/pacts/techniekpact-2020")["planning"] == []


def test_findings_are_listed_in_words_and_filter_by_region_and_indicator(client, world):
    Finding.objects.create(
        text="Het aantal leerlingen neemt niet verder toe.",
        region=world.groningen,
        indicator=world.indicator,
        education_levels=["vmbo"],
        year=2016,
    )
    Finding.objects.create(text="De arbeidsmarkt is ruim.", region=world.noord)
    (finding,) = results(client, "/findings?indicator=havo-nt-profiel")
    assert finding["text"] == "Het aantal leerlingen neemt niet verder toe."
    assert (finding["region"], finding["educationLevels"], finding["year"]) == (
        "groningen",
        ["vmbo"],
        2016,
    )
    assert "value" not in finding
    # A region's findings include those about the regions inside it.
    assert [f["text"] for f in results(client, "/findings?region=groningen")] == [
        "Het aantal leerlingen neemt niet verder toe."
    ]
    assert len(results(client, "/findings?region=noord")) == 2
    assert invalid_names(client, "/findings?region=atlantis") == ["region"]


def test_a_status_update_carries_its_milestones_and_sources_with_iso_dates(client, world):
    (update,) = results(
        client, "/status-updates?round=2014&pact=techniekpact-2020&status=op_schema"
    )
    assert update["action"] == "2" and update["basis"] == "assessed"
    assert update["milestones"] == [
        {"date": "2014-12-31", "dateText": "eind 2014", "text": "Alle regio's aangesloten"}
    ]
    assert update["sources"] == [
        {"title": "Brief aan de Kamer", "url": "https://example.org/brief"}
    ]


def test_a_corrected_update_shows_the_correction_with_its_earlier_published_version(client, world):
    services.correct_update(world.u2, reason="Status was verkeerd overgenomen", status="vertraagd")
    (update,) = results(client, "/status-updates?round=2014&actionLine=leren")
    assert update["version"] == 2 and update["status"] == "vertraagd"
    assert update["correctionReason"] == "Status was verkeerd overgenomen"
    assert [(v["version"], v["status"]) for v in update["earlierVersions"]] == [(1, "op_schema")]
    assert get(client, f"/status-updates/{world.u2.pk}", 404)["status"] == 404


def test_only_published_rounds_are_listed_and_found(client, world):
    assert [r["code"] for r in results(client, "/rounds")] == ["2014", "2015"]
    assert get(client, "/rounds/2016", 404)["title"] == "Niet gevonden"
    assert invalid_names(client, "/status-updates?round=2016") == ["round"]


def test_nothing_of_an_open_round_appears_in_the_status_updates(client, world):
    texts = [u["narrative"] for u in results(client, "/status-updates?pageSize=100")]
    assert "Nog niet gepubliceerd" not in texts and "Verborgen concept" not in texts
    hidden = StatusUpdate.objects.get(narrative="Nog niet gepubliceerd")
    assert get(client, f"/status-updates/{hidden.pk}", 404)["status"] == 404


def test_landsdeel_profiles_are_those_of_published_rounds_with_their_results(client, world):
    world.draft_round.region_profiles.create(region=world.noord, organisation="Nog geheim")
    profiles = results(client, "/landsdeel-profiles?landsdeel=noord")
    assert [(p["round"], p["organisation"]) for p in profiles] == [
        ("2014", "Stuurgroep Noord"),
        ("2015", "Stuurgroep Noord"),
    ]
    assert len(profiles[1]["results"]) == 2 and profiles[1]["results"][0]["actionLine"] == "kiezen"


def test_a_region_carries_its_cbs_code_and_its_parent(client, world):
    factory.region(key="groningen-gemeente", name="Groningen", kind="gemeente", code="GM0014",
                   parent=world.groningen)  # fmt: skip
    (found,) = results(client, "/regions?cbsCode=GM0014")
    assert found["key"] == "groningen-gemeente" and found["parent"] == "groningen"
    assert [r["key"] for r in results(client, "/regions?kind=landsdeel")] == ["noord", "oost"]


def test_observations_carry_numerator_denominator_and_their_source(client, world):
    factory.observation(indicator=world.indicator, region=world.nl, year=2014, value=39.6,
                        numerator=20617, denominator=51998, education_level="havo")  # fmt: skip
    (found,) = results(client, "/observations?year=2014&level=havo")
    assert (found["numerator"], found["denominator"], found["value"]) == (20617, 51998, 39.6)
    assert found["indicator"] == "havo-nt-profiel" and found["region"] == "nederland"
    assert [t["value"] for t in results(client, "/targets?indicator=havo-nt-profiel")] == [55.0]


def test_initiatives_in_a_region_include_those_of_the_regions_inside_it(client, world):
    assert [i["key"] for i in results(client, "/initiatives?region=noord")] == ["betapunt-noord"]
    assert [i["key"] for i in results(client, "/initiatives?level=mbo")] == ["techniekpact-twente"]
    assert results(client, "/initiatives?q=netwerk")[0]["educationLevels"] == ["po", "vo"]


def test_the_comparison_lists_the_actions_whose_status_changed_since_the_previous_round(
    client, world
):
    changes = get(client, "/rounds/2015/status-changes")
    assert (changes["earlier"], changes["later"]) == ("2014", "2015")
    moved = {c["action"]: (c["before"], c["after"]) for c in changes["results"]}
    # 1: vertraagd (sub-measure b) → not reported; 2: op schema → afgerond; 3: only a draft.
    assert moved == {"1": ("vertraagd", "onbekend"), "2": ("op_schema", "afgerond")}


def test_a_comparison_with_a_later_or_unpublished_round_is_invalid_input(client, world):
    assert invalid_names(client, "/rounds/2014/status-changes?since=2015") == ["since"]
    assert invalid_names(client, "/rounds/2015/status-changes?since=2016") == ["since"]


# --- Filtering, sorting, pages -------------------------------------------------------------------


def test_actions_filter_by_pact_action_line_region_and_lead(client, world):
    numbers = [
        a["number"] for a in results(client, "/actions?pact=techniekpact-2020&actionLine=leren")
    ]
    assert numbers == ["2", "3"]
    assert [a["pact"] for a in results(client, "/actions?region=noord")] == ["techniekpact-noord"]
    assert [a["number"] for a in results(client, "/actions?lead=ocw")] == ["2"]


def test_every_page_in_turn_gives_every_row_once_in_a_stable_order(client, world):
    first = get(client, "/actions?pageSize=1&sort=title")
    seen, page = [], first
    while True:
        seen += [(a["pact"], a["number"]) for a in page["results"]]
        if not page["_links"]["next"]:
            break
        page = client.get(page["_links"]["next"]["href"]).json()
    assert len(seen) == len(set(seen)) == first["total"] == first["pageCount"] == 4
    assert parse_qs(urlsplit(page["_links"]["prev"]["href"]).query)["page"] == ["3"]


LISTS: dict[str, Resource[Any]] = {
    "/pacts": r.PACTS,
    "/action-lines": r.ACTION_LINES,
    "/actions": r.ACTIONS,
    "/organisations": r.ORGANISATIONS,
    "/rounds": r.ROUNDS,
    "/status-updates": r.STATUS_UPDATES,
    "/regions": r.REGIONS,
    "/landsdeel-profiles": r.LANDSDEEL_PROFILES,
    "/indicators": r.INDICATORS,
    "/targets": r.TARGETS,
    "/observations": r.OBSERVATIONS,
    "/initiatives": r.INITIATIVES,
    "/findings": r.FINDINGS,
}


def test_every_list_offers_exactly_the_sorts_it_can_order_by_and_each_one_answers(client, world):
    paths = get(client, "/openapi.json")["paths"]
    assert {p for p, ops in paths.items() if "sort" in _parameters(ops)} == set(LISTS)
    for path, resource in LISTS.items():
        offered = _parameters(paths[path])["sort"]["schema"]
        assert offered["enum"] == list(resource.sorts), path
        assert offered["default"] in resource.sorts, path
        for sort in resource.sorts:
            assert "results" in get(client, f"{path}?sort={sort}"), (path, sort)


def _parameters(operations: dict) -> dict[str, dict]:
    return {p["name"]: p for p in operations["get"].get("parameters", [])}


def test_a_sort_that_is_not_offered_is_refused(client, world):
    assert invalid_names(client, "/pacts?sort=secret") == ["sort"]


# --- Bad input ------------------------------------------------------------------------------------


def test_every_invalid_parameter_is_named_at_once(client, world):
    assert invalid_names(client, "/status-updates?year=twintig&pageSize=1000&pagesize=5") == [
        "pageSize",
        "pagesize",
        "year",
    ]


def test_a_filter_value_that_names_nothing_is_invalid_input(client, world):
    assert invalid_names(client, "/actions?pact=bestaat-niet&region=nergens") == ["pact", "region"]


def test_a_malformed_key_in_the_address_is_invalid_input(client, world):
    assert invalid_names(client, "/pacts/niet%20zo") == ["key"]
    assert invalid_names(client, "/status-updates/abc") == ["id"]


def test_a_page_past_the_end_is_invalid_input_but_an_empty_list_has_a_first_page(client, world):
    problem = get(client, "/actions?page=5", 400)
    assert problem["invalidParams"][0]["name"] == "page"
    assert get(client, "/actions?pact=techniekpact-noord&lead=ocw")["total"] == 0


def test_a_page_is_never_larger_than_the_maximum(client, world):
    assert invalid_names(client, "/regions?pageSize=101") == ["pageSize"]
    assert get(client, "/regions?pageSize=100")["pageSize"] == 100


# --- Never public -------------------------------------------------------------------------------


def _every_address(client) -> list[str]:
    """Every operation of the served document, with a real key in each path parameter."""
    keys = {
        "key": None, "pact": "techniekpact-2020", "number": "1", "code": "2015",
        "id": str(StatusUpdate.objects.public().first().pk),
    }  # fmt: skip
    per_path = {
        "/pacts/{key}": "techniekpact-2020",
        "/organisations/{key}": "ocw",
        "/regions/{key}": "noord",
        "/indicators/{key}": "havo-nt-profiel",
        "/indicators/{key}/series": "havo-nt-profiel",
        "/initiatives/{key}": "betapunt-noord",
    }
    addresses = []
    for path in client.get(f"{API}/openapi.json").json()["paths"]:
        filled = path.replace("{key}", per_path.get(path, ""))
        for name, value in keys.items():
            if value:
                filled = filled.replace("{" + name + "}", value)
        addresses.append(filled + ("?pageSize=100" if "{" not in path else ""))
    return addresses


def test_no_contact_detail_appears_in_any_api_response(client, world):
    ContactPerson.objects.create(name="Piet Privé", email="piet@school.example",
                                 phone="06-12345678", role="Projectleider",
                                 organisation=world.ocw)  # fmt: skip
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    phone = re.compile(r"\b0\d{1,3}[- ]?\d{6,8}\b")
    for address in _every_address(client):
        response = client.get(API + address)
        assert response.status_code == 200, address  # every operation answered with its data
        body = response.content.decode()
        for secret in ("Jan Geheim", "Piet Privé", "Projectleider"):
            assert secret not in body, address
        assert not email.search(body) and not phone.search(body), address


def test_nothing_of_an_open_round_appears_in_any_api_response(client, world):
    for address in _every_address(client):
        body = client.get(API + address).content.decode()
        assert "Nog niet gepubliceerd" not in body and "Verborgen concept" not in body, address
        assert '"2016"' not in body and "Concept 2016" not in body, address


def test_a_range_is_served_with_its_bounds_and_words_and_no_exact_value(client, world):
    factory.observation(
        indicator=world.indicator,
        region=world.nl,
        year=2014,
        value=None,
        lower=4,
        upper=5,
        bound_text="ongeveer 4 – 5",
    )
    [served] = [o for o in results(client, "/observations?year=2014") if o["lower"] == 4]
    assert (served["value"], served["upper"], served["boundText"]) == (None, 5, "ongeveer 4 – 5")
    assert served["dating"] == "stated" and served["comparable"] is True
