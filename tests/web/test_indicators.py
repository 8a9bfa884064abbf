"""The indicator page and the home page on imported (DUO) figures: verdict, source, counts."""

import pytest

from tests import duo, factory

pytestmark = pytest.mark.django_db

PAGE = "/indicatoren/nt-ng-profiel/"


@pytest.fixture
def figures(world, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return duo.build(world.noord, world.oost, world.nl)


def text(response) -> str:
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_indicator_page_gives_the_national_figure_with_its_counts(client, figures):
    page = text(client.get(PAGE))
    assert "39,6%" in page and "20.617 van 51.998" in page


def test_the_indicator_page_gives_the_verdict_with_gap_and_needed_change(client, figures):
    page = text(client.get(PAGE)).split('id="oordeel"')[1]
    assert "niet op koers" in page
    assert (
        "nodig is +" in page and "procentpunt per jaar, gemeten +1,0 procentpunt per jaar" in page
    )
    assert "Landelijke streefwaarde voor havo/vwo: 55,0% in 2020" in page


def test_a_region_with_its_own_target_is_compared_with_it_and_the_page_says_so(client, figures):
    page = text(client.get(PAGE, {"regio": "oost"})).split('id="oordeel"')[1]
    vwo = page.split('<dt class="utrecht-data-list__item-key">vwo</dt>')[1].split("</dd>")[0]
    assert "op koers" in vwo and "Streefwaarde van Oost: 45,0% in 2020" in vwo
    havo = page.split('<dt class="utrecht-data-list__item-key">havo</dt>')[1].split("</dd>")[0]
    assert "Landelijke streefwaarde" in havo  # Oost has no havo target of its own


def test_the_indicator_page_shows_the_definition_and_the_source_with_its_licence(client, figures):
    page = text(client.get(PAGE))
    assert "Hoe is dit berekend" in page
    assert "Examenkandidaten met N&amp;T of N&amp;G in de opleidingsnaam" in page
    assert "Bron: DUO, " in page and "CC0 1.0" in page
    assert "examenkandidaten-en-geslaagden-2014-2019.csv" in page
    assert "kleinste kwadraten" in page  # the method of the trend


def test_the_landsdelen_stand_side_by_side(client, figures):
    page = text(client.get(PAGE)).split('id="landsdelen"')[1]
    assert "Noord" in page and "Oost" in page
    assert "10.000 van 25.000" in page  # Oost's havo in 2019 (Enschede)


def test_a_region_of_the_tree_with_figures_can_be_chosen(client, figures):
    page = text(client.get(PAGE, {"regio": "gm0153"}))
    assert "Enschede" in page and "10.000 van 25.000" in page


def test_an_unknown_region_key_is_not_found(client, figures):
    assert client.get(PAGE, {"regio": "atlantis"}).status_code == 404


def test_a_region_without_figures_is_not_found(client, figures, world):
    assert client.get(PAGE, {"regio": world.groningen.key}).status_code == 404


def test_the_home_page_answers_the_40_percent_question_with_national_figures(client, figures):
    page = text(client.get("/")).split('id="indicatoren"')[1].split("<h2")[0]
    card = page.split("Examenkandidaten met een NT- of NG-profiel")[1].split("</li>")[0]
    assert "Nederland" in card and "20.617 van 51.998" in card
    assert "niet op koers" in card
    assert "Landelijke streefwaarde voor havo/vwo: 55,0% in 2020" in card
    assert "Bron: DUO, CC0 1.0" in card


def test_the_home_page_says_how_each_figure_is_computed(client, figures):
    card = text(client.get("/")).split("Examenkandidaten met een NT- of NG-profiel")[1]
    card = card.split("</li>")[0]
    assert "Hoe is dit berekend" in card
    assert "Examenkandidaten met N&amp;T of N&amp;G in de opleidingsnaam" in card


def test_the_home_page_never_sets_a_regions_seed_figure_beside_the_national_target(client, world):
    twente = factory.region(key="twente", name="Twente", kind="subregio", parent=world.oost)
    techniek = factory.indicator(key="instroom", name="Instroom in techniek", is_headline=True)
    factory.observation(indicator=techniek, region=twente, year=2014, value=32.6)
    factory.target(indicator=techniek, region=world.nl, year=2020, value=40)
    card = text(client.get("/")).split("Instroom in techniek")[1].split("</li>")[0]
    assert "32,6%" in card and "Twente" in card and "geen landelijk cijfer" in card
    assert "40%" not in card


def test_a_national_seed_figure_on_the_home_page_is_called_national(client, world):
    indicator = factory.indicator(key="havisten", name="Havisten", unit="percent", is_headline=True)
    factory.observation(indicator=indicator, region=world.nl, year=2013, value=47.5)
    card = text(client.get("/")).split("Havisten")[1].split("</li>")[0]
    assert "Een landelijk cijfer uit een document" in card
    assert "geen landelijk cijfer" not in card


def test_the_national_page_holds_no_region_s_seed_figure_and_links_the_region_s_page(
    client, figures, world
):
    twente = factory.region(key="twente", name="Twente", kind="subregio", parent=world.oost)
    factory.observation(
        indicator=figures.indicator,
        region=twente,
        year=2014,
        value=32.6,
        note="Onderwijsniveau niet eenduidig.",
    )
    national = text(client.get(PAGE))
    assert "32,6%" not in national
    assert '<a href="?regio=twente">Twente</a>' in national.split('id="andere-regios"')[1]
    own = text(client.get(PAGE, {"regio": "twente"}))
    assert "32,6%" in own and "Onderwijsniveau niet eenduidig." in own
    twente_part = own.split('id="landsdelen"')[0]  # the landsdelen' own verdicts follow
    assert "55,0%" not in twente_part  # never beside the national target


def test_a_region_s_own_target_is_shown_on_its_own_page_with_its_definition(client, world):
    steden = factory.region(key="stedendriehoek", name="Stedendriehoek", kind="subregio")
    werk = factory.indicator(key="werk", name="Afgestudeerden in een technisch beroep")
    factory.target(
        indicator=werk, region=steden, year=2020, value=75, note="ruimere definitie: ook studie"
    )
    national = text(client.get("/indicatoren/werk/"))
    assert "75%" not in national and "ruimere definitie" not in national
    own = text(client.get("/indicatoren/werk/", {"regio": "stedendriehoek"}))
    assert "75%" in own and "ruimere definitie: ook studie" in own
