"""The public pages on the bundled Techniekpact 2020, as a visitor would read them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pactmonitor.pacts.models import Action, ContactPerson
from pactmonitor.progress.models import ReportingRound, StatusUpdate
from pactmonitor.progress.rollup import action_status
from pactmonitor.regions.models import Region

pytestmark = pytest.mark.django_db


def text(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_national_pact_lists_its_22_actions(client, bundled):
    page = text(client, "/pacten/techniekpact-2020/")
    assert "22 acties van 22" in page


def test_action_2_in_2014_shows_as_completed_read_from_the_text_with_its_quote(client, bundled):
    page = text(client, "/pacten/techniekpact-2020/acties/2/")
    history = page.split('id="ronde-2014"')[1]
    assert "pm-status--afgerond pm-status--assessed" in history
    assert "Begin 2014 heeft de PO-raad met haar leden de beleidsagenda" in history


def test_the_2014_round_counts_the_national_actions_whose_status_is_unknown(client, bundled):
    round = ReportingRound.objects.get(slug="2014")
    actions = Action.objects.filter(pact__key="techniekpact-2020")
    unknown = [a for a in actions if action_status(a, round).status == "onbekend"]
    assert 0 < len(unknown) < 22  # some statuses are read from the text, most are not
    page = text(client, "/rondes/2014/")
    assert f"Van {len(unknown)} acties is de status onbekend" in page


def test_the_statuses_read_from_the_text_show_on_their_action_pages(client, bundled):
    assessed = StatusUpdate.objects.filter(round__slug="2014", basis="assessed")
    assert assessed.count() >= 6
    for update in assessed.select_related("action__pact", "sub_measure"):
        page = text(client, update.action.get_absolute_url())
        history = page.split('id="ronde-2014"')[1]
        assert f"pm-status--{update.status} pm-status--assessed" in history, update
        assert update.basis_quote.split("<u>")[0][:40] in history, update


def test_the_dashboard_grid_has_a_row_per_national_action(client, bundled):
    grid = text(client, "/").split('id="rondes"')[1].split("</table>")[0]
    assert grid.count('<th scope="row"') == 22


def test_every_landsdeel_page_shows_its_2015_profile_and_what_changed(client, bundled):
    for region in Region.objects.landsdelen():
        page = text(client, region.get_absolute_url())
        assert 'id="profiel-2015"' in page and "Veranderd ten opzichte van" in page


def test_no_contact_person_appears_on_any_action_or_landsdeel_page(client, bundled):
    names = [n for n in ContactPerson.objects.values_list("name", flat=True) if n]
    urls = [a.get_absolute_url() for a in Action.objects.select_related("pact")]
    urls += [r.get_absolute_url() for r in Region.objects.landsdelen()]
    for url in urls:
        page = text(client, url)
        assert not [n for n in names if n in page], url


def test_the_finder_finds_the_accented_initiatives_with_a_plain_query(client, bundled):
    results = text(client, "/initiatieven/", q="beta").split('id="results"')[1]
    assert "Bètapunt Noord" in results and "Bèta Partners" in results


def test_the_regional_pact_of_oost_reads_in_a_fixed_number_of_queries(client, bundled):
    with CaptureQueriesContext(connection) as captured:
        text(client, "/pacten/techniekpact-oost-2020/")
    assert len(captured) <= 20


def test_the_search_box_finds_the_national_pact_and_its_actions(client, bundled):
    page = text(client, "/zoeken/", q="wetenschap technologie")
    assert "Alle basisscholen bieden in 2020 structureel Wetenschap en Technologie aan" in page


def test_an_inferred_lead_shows_the_line_it_was_read_from(client, bundled):
    page = text(client, "/pacten/techniekpact-oost-2020/acties/9/")
    lead = page.split("Trekker")[1].split("</dd>")[0]
    assert "afgeleid uit" in lead
    assert "Actieverantwoordelijke: TechYourFuture, Techniekpact regio Foodvalley" in lead


def test_a_stated_lead_shows_no_inference(client, bundled):
    page = text(client, "/pacten/techniekpact-oost-2020/acties/13/")
    assert "afgeleid uit" not in page.split("Trekker")[1].split("</dd>")[0]


def test_a_possible_duplicate_shows_on_the_pages_of_both(client, bundled):
    for key, other in (("rct2020", "RTC 2020"), ("rtc-2020", "RCT2020")):
        page = text(client, f"/initiatieven/{key}/")
        assert 'id="mogelijk-dezelfde"' in page and other in page.split("mogelijk-dezelfde")[1]


def test_an_initiative_page_names_every_document_that_declares_it(client, bundled):
    page = text(client, "/initiatieven/jet-net/").split("Herkomst")[1]
    assert "Ook vermeld in" in page and "Bijlage 1" in page and "website" in page
    assert ".txt" not in page


def first_search_hit(client, query: str) -> str:
    """The first result on the search page, as a reader sees it."""
    page = text(client, "/zoeken/", q=query)
    first = page.split('<ul class="pm-list pm-search-hits">', 1)[1].split("</a>", 1)[0]
    return first.rsplit(">", 1)[1]


@pytest.mark.parametrize("query", ["13", "actie 13", "Actie 13"])
def test_an_action_number_with_or_without_actie_finds_national_action_13_first(
    client, bundled, query
):
    assert first_search_hit(client, query).startswith("Techniekpact 2020 — actie 13: Belemmeringen")


def test_oost_18_finds_action_18_of_techniekpact_oost_first_and_names_both_pacts(client, bundled):
    page = text(client, "/zoeken/", q="Oost 18")
    assert first_search_hit(client, "Oost 18").startswith("Techniekpact Oost 2020 — actie 18:")
    assert (
        "Samenwerkingsarrangement Landsdeel Oost &amp; Platform Bèta Techniek 2014-2016 — actie 18:"
        in page
    )


def test_a_name_in_a_status_narrative_finds_that_update(client, bundled):
    page = text(client, "/zoeken/", q="Van der Touw")
    assert "Techniekpact 2020 — actie 13: Belemmeringen" in page
    assert '<h2 class="nl-heading nl-heading--level-2">Mijlpalen (' in page
    assert '<h2 class="nl-heading nl-heading--level-2">Voortgang per ronde (' in page


def test_the_40_percent_goal_finds_the_indicator_of_the_pact_goal_first(client, bundled):
    assert first_search_hit(client, "40%") == "Aandeel instroom in bèta/techniek"
