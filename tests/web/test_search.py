"""The search box finds every public thing, by words, by action number and by target value,
and never what is not public."""

import pytest
from django.urls import reverse

from pactmonitor.progress.services import correct_update
from pactmonitor.web.search import search_everything
from tests import factory

pytestmark = pytest.mark.django_db


def first_hit(query: str):
    sections = search_everything(query)
    return sections[0].hits[0].doc if sections else None


def titles(query: str, kind: str) -> list[str]:
    return [h.doc.title for s in search_everything(query) if s.kind == kind for h in s.hits]


def test_a_bare_number_finds_the_action_with_that_number_first(world):
    assert first_hit("2").title == "Techniekpact 2020 — actie 2: Doorlopende leerlijnen"


def test_a_number_is_a_whole_word_so_a_year_does_not_match_it(world):
    factory.action(pact=world.pact, number="7", title="Stages sinds 2017")
    assert "Techniekpact 2020 — actie 7: Stages sinds 2017" not in titles("17", "action")


def test_the_same_number_in_two_pacts_shows_the_national_action_first_and_both_with_their_pact(
    world,
):
    found = titles("actie 1", "action")
    assert found[:2] == [
        "Techniekpact 2020 — actie 1: Techniek in het basisonderwijs",
        "Techniekpact Noord — actie 1: Bètapunt in elke regio",
    ]


def test_a_number_with_the_pact_named_finds_only_that_pacts_action(world):
    assert titles("Noord 1", "action") == ["Techniekpact Noord — actie 1: Bètapunt in elke regio"]


def test_a_sub_measure_number_finds_its_action(world):
    assert first_hit("1a").title == "Techniekpact 2020 — actie 1: Techniek in het basisonderwijs"


def test_each_action_hit_carries_its_status_in_the_latest_round(world):
    hit = first_hit("actie 2")
    assert (hit.badge_status, hit.detail) == ("afgerond", "Voortgangsrapportage 2015")


def test_the_text_of_a_published_narrative_and_milestone_is_found(world):
    assert titles("in uitvoering", "update") == [
        "Techniekpact 2020 — actie 2: Doorlopende leerlijnen (Voortgangsrapportage 2014)"
    ]
    assert titles("regio's aangesloten", "milestone") == ["eind 2014 Alle regio's aangesloten"]


def test_narratives_of_drafts_and_open_rounds_are_never_found(world):
    assert search_everything("Verborgen concept") == []
    assert search_everything("Nog niet gepubliceerd") == []


def test_an_indicator_is_found_by_its_target_in_percent(world):
    hit = first_hit("55%")
    assert (hit.kind, hit.title) == ("indicator", "Havisten met een NT/NG-profiel")
    assert hit.badge == "streefwaarde 55% in 2015"


def test_a_target_value_of_another_unit_is_not_a_percentage(world):
    factory.target(
        indicator=factory.indicator(key="uren", name="Uren techniekles", unit="count"),
        value=55.0,
        year=2016,
    )
    assert titles("55%", "indicator") == ["Havisten met een NT/NG-profiel"]


def test_organisations_are_found_but_contact_persons_never(world):
    assert titles("OCW", "organisation") == ["Ministerie van OCW"]
    assert search_everything("Jan Geheim") == []
    assert search_everything("jan.geheim") == []


def test_a_published_correction_is_found_once_it_has_committed(world, committed):
    search_everything("plan")  # the index of the world as it was
    with committed():
        correct_update(world.u2, reason="tekst verbeterd", narrative="Het werkplan is herschreven.")
    assert titles("herschreven", "update") == [
        "Techniekpact 2020 — actie 2: Doorlopende leerlijnen (Voortgangsrapportage 2014)"
    ]


def test_the_page_groups_hits_by_kind_with_the_status_and_explains_number_search(client, world):
    page = client.get(reverse("web:search"), {"q": "actie 2"}).content.decode()
    assert '<h2 class="nl-heading nl-heading--level-2">Acties (' in page
    assert "pm-status--afgerond" in page
    assert "“actie 13”" in page


def test_the_english_page_labels_its_hits_in_english_and_the_dutch_one_in_dutch(client, world):
    english = client.get("/en/zoeken/", {"q": "actie 2"}).content.decode()
    dutch = client.get("/zoeken/", {"q": "actie 2"}).content.decode()
    assert ">completed<" in english and ">afgerond<" not in english
    assert ">afgerond<" in dutch
