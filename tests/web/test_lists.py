"""Every list of actions says which pact an action belongs to, its number and its status now."""

import pytest

from tests import factory

pytestmark = pytest.mark.django_db


def actions_listed(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().split("<ul", 1)[1]


def test_the_landsdeel_lists_each_action_with_its_pact_number_and_current_status(client, world):
    factory.status_update(
        action=world.r1, round=world.r2015, status="vertraagd", basis="reported", state="published"
    )
    page = client.get("/landsdelen/noord/").content.decode()
    row = page.split("Techniekpact Noord — actie 1: Bètapunt in elke regio", 1)[1].split("</li>")[0]
    assert "pm-status--vertraagd" in row and "Voortgangsrapportage 2015" in row


def test_an_action_never_reported_in_a_published_round_says_so(client, world):
    factory.status_update(
        action=world.r1, round=world.draft_round, status="afgerond", basis="reported"
    )
    page = client.get("/landsdelen/noord/").content.decode()
    row = page.split("Techniekpact Noord — actie 1: Bètapunt in elke regio", 1)[1].split("</li>")[0]
    assert "pm-status--afgerond" not in row


def test_a_pact_lists_only_the_rounds_from_the_start_of_its_own_period(client, world):
    world.regional.period_start = 2015
    world.regional.save()
    page = client.get("/pacten/techniekpact-noord/").content.decode()
    assert "Voortgangsrapportage 2015" in page and "Voortgangsrapportage 2014" not in page


def test_figures_on_a_region_page_group_thousands_as_dutch_and_english_readers_expect(
    client, world
):
    indicator = factory.indicator(key="leerlingen", name="Leerlingen in techniek", unit="count")
    factory.observation(indicator=indicator, region=world.groningen, year=2014, value=51998.0)
    assert "Leerlingen in techniek</a>: 51.998" in client.get("/regios/groningen/").content.decode()
    assert "51,998" in client.get("/en/regios/groningen/").content.decode()
