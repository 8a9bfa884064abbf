"""Dutch full-text search on initiatives: accents folded, parts of compounds, both databases."""

import pytest

from pactmonitor.initiatives.models import Initiative
from pactmonitor.initiatives.search import fold, query_words
from tests import factory


def test_folding_removes_accents_case_and_punctuation():
    assert fold("Bèta-Techniek: Pact!") == "beta techniek pact"


def test_query_words_drop_duplicates_and_keep_order():
    assert query_words("Techniek techniek Bèta") == ["techniek", "beta"]


@pytest.mark.django_db
def test_a_plain_word_finds_the_accented_name():
    factory.initiative(name="Bètapunt Noord")
    assert [i.name for i in Initiative.objects.search("beta")] == ["Bètapunt Noord"]


@pytest.mark.django_db
def test_an_accented_query_finds_the_plain_name():
    factory.initiative(name="Beta Challenge")
    assert Initiative.objects.search("Bèta").count() == 1


@pytest.mark.django_db
def test_a_word_finds_the_compound_it_is_part_of():
    factory.initiative(name="Techniekpact Twente")
    assert Initiative.objects.search("techniek").count() == 1


@pytest.mark.django_db
def test_every_word_must_match():
    factory.initiative(name="Techniekpact Twente")
    factory.initiative(name="Techniekpact Noord")
    assert [i.name for i in Initiative.objects.search("techniek twente")] == ["Techniekpact Twente"]


@pytest.mark.django_db
def test_upper_case_finds_lower_case_on_every_database():
    factory.initiative(name="jet-net regio", description="netwerk van bedrijven")
    assert Initiative.objects.search("JET NET BEDRIJVEN").count() == 1


@pytest.mark.django_db
def test_the_description_and_kind_are_searched_too():
    factory.initiative(name="X", kind="coe", description="Ruimtevaart en lucht")
    assert Initiative.objects.search("expertise ruimtevaart").count() == 1


@pytest.mark.django_db
def test_the_names_of_its_regions_are_searched_once_they_are_added():
    initiative = factory.initiative(name="Servicepunt")
    initiative.regions.add(factory.region(name="Zeeland", kind="provincie"))
    assert Initiative.objects.search("zeeland").count() == 1


@pytest.mark.django_db
def test_a_region_removed_is_no_longer_found():
    initiative = factory.initiative(name="Servicepunt")
    zeeland = factory.region(name="Zeeland", kind="provincie")
    initiative.regions.add(zeeland)
    initiative.regions.remove(zeeland)
    assert Initiative.objects.search("zeeland").count() == 0


@pytest.mark.django_db
def test_the_search_text_is_kept_out_of_the_history():
    initiative = factory.initiative(name="Bètapunt")
    assert not hasattr(initiative.history.first(), "search_text")
