"""The public comparison page: any two published rounds of a pact, by default the latest against
the latest earlier round with reports (world.py: 2014 and 2015 published, 2016 open)."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pactmonitor.progress.models import StatusUpdate
from tests import factory

pytestmark = pytest.mark.django_db


def page(client, **query) -> str:
    response = client.get("/vergelijken/", query)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"')[1].split("<h2")[0]


def published_round(world, slug, year):
    name = f"Voortgangsrapportage {slug}"
    when = datetime.date(year, 6, 30)
    return factory.reporting_round(
        pact=world.pact, slug=slug, name=name, peildatum=when, state="published"
    )


def test_by_default_the_latest_round_is_compared_with_the_previous_one(client, world):
    html = page(client)
    assert "Voortgangsrapportage 2015 vergeleken met Voortgangsrapportage 2014" in html
    assert "laatste eerdere ronde waarin over deze acties is gerapporteerd" in html


def test_a_status_move_says_from_and_to_with_the_colour_words(client, world):
    moved = section(page(client), "van-status-veranderd")
    assert "Doorlopende leerlijnen" in moved
    assert moved.index("op schema") < moved.index("(blauw)") < moved.index("afgerond")
    assert "(geel)" in moved and "Techniek in het basisonderwijs" not in moved


def test_actions_nobody_reported_in_the_later_round_are_listed_as_not_reported(client, world):
    missing = section(page(client), "niet-gerapporteerd")
    assert "1. Techniek in het basisonderwijs" in missing and "3. Regionale aanpak" in missing
    assert "vertraagd" in missing  # action 1's status in 2014, which it no longer has
    assert "Verborgen concept" not in page(client)  # action 3's 2015 draft stays hidden


def test_an_action_reported_now_and_not_before_is_newly_reported(client, world):
    StatusUpdate.objects.filter(action=world.a3, round=world.r2015).update(
        state="published", status="op_schema", narrative="Gestart."
    )
    new = section(page(client), "nieuw-gerapporteerd")
    assert "3. Regionale aanpak" in new and "op schema" in new
    assert "3. Regionale aanpak" not in section(page(client), "niet-gerapporteerd")


def test_an_update_carried_over_unchanged_is_not_reported_and_no_move(client, world):
    later = published_round(world, "2017", 2017)
    factory.status_update(action=world.a2, round=later, status="afgerond", basis="reported",
                          narrative="Afgerond in 2015.", state="published",
                          carried_over=True)  # fmt: skip
    html = page(client, ronde="2017", met="2015")
    assert "2. Doorlopende leerlijnen" in section(html, "niet-gerapporteerd")
    assert "Doorlopende leerlijnen" not in section(html, "van-status-veranderd")


def test_the_default_skips_an_earlier_round_without_reports(client, world):
    published_round(world, "2016b", 2016)  # published, nobody reported anything
    later = published_round(world, "2017", 2017)
    factory.status_update(action=world.a2, round=later, status="vertraagd", basis="reported",
                          narrative="Stil gevallen.", state="published")  # fmt: skip
    html = page(client)
    assert "Voortgangsrapportage 2017 vergeleken met Voortgangsrapportage 2015" in html
    assert "Doorlopende leerlijnen" in section(html, "van-status-veranderd")


def test_any_two_rounds_are_compared_oldest_first(client, world):
    html = page(client, ronde="2014", met="2015")
    assert "Voortgangsrapportage 2015 vergeleken met Voortgangsrapportage 2014" in html


def test_the_same_round_twice_is_refused_in_words(client, world):
    html = page(client, ronde="2015", met="2015")
    assert "Kies twee verschillende rondes om te vergelijken." in html


def test_a_round_that_is_not_published_cannot_be_chosen(client, world):
    html = page(client, ronde="2016", met="2016")
    assert "Voortgangsrapportage 2015 vergeleken met Voortgangsrapportage 2014" in html
    assert "Concept 2016" not in html and "Nog niet gepubliceerd" not in html


def test_an_unknown_pact_is_not_found(client, world):
    assert client.get("/vergelijken/", {"pact": "geen-pact"}).status_code == 404


def test_a_pact_with_one_round_says_there_is_nothing_to_compare_with(client, world):
    html = page(client, ronde="2014")
    assert (
        "Er is geen eerdere gepubliceerde ronde waarin over deze acties is gerapporteerd." in html
    )


def test_what_changed_in_each_landsdeel_profile_is_shown(client, world):
    profiles = page(client).split('id="landsdelen"')[1]
    assert "Noord" in profiles and "Meer stages" in profiles and "Meer docenten" in profiles
    assert "Dertig bedrijven leveren gastlessen" in profiles.split("Nieuwe resultaten")[1]
    assert re.search(r"Organisatie</dt><dd [^>]*>ongewijzigd", profiles)


def test_a_regional_pact_compares_its_own_actions_and_landsdeel(client, world):
    assert "Er is geen eerdere" in page(client, pact="techniekpact-noord")  # never reported
    html = page(client, pact="techniekpact-noord", met="2014")
    assert "Noord" in html.split('id="landsdelen"')[1]
    assert "1. Bètapunt in elke regio" in section(html, "niet-gerapporteerd")
    assert "Doorlopende leerlijnen" not in html


def test_the_round_page_and_the_action_list_link_to_the_comparison(client, world):
    link = "/vergelijken/?pact=techniekpact-2020&amp;ronde=2015"
    assert link in client.get("/rondes/2015/").content.decode()
    assert link in client.get("/pacten/techniekpact-2020/").content.decode()


def test_the_page_is_cached_per_choice_of_rounds(client, world):
    caches["default"].clear()
    page(client, ronde="2015")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/vergelijken/", {"ronde": "2015"})
    assert response["X-Page-Cache"] == "hit" and len(queries) == 0
    assert client.get("/vergelijken/", {"ronde": "2014"})["X-Page-Cache"] != "hit"


def test_the_page_is_in_english_too(client, world):
    html = client.get("/en/vergelijken/").content.decode()
    assert "Compare rounds" in html and "Not reported" in html


def test_the_annex_and_the_page_agree_on_what_was_not_reported(client, world):
    from pactmonitor.reports import services

    changes = services.bijlage1(world.r2015).summary.changes
    missing = section(page(client), "niet-gerapporteerd")
    assert changes.not_reported and all(label in missing for label in changes.not_reported)
