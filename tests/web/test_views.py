"""The public pages through Django's test client, on a small published pact (see world.py)."""

import datetime
import re

import pytest
from django.urls import reverse

from pactmonitor.indicators.models import Finding
from pactmonitor.pacts.models import PactMilestone
from pactmonitor.progress.services import correct_update
from pactmonitor.provenance.models import SourceDocument

pytestmark = pytest.mark.django_db

# Every public page, with its heading and one thing from the world it must show.
PUBLIC_PAGES = {
    "/": ("Techniekpact 2020", "Techniek in het basisonderwijs"),
    "/pacten/": ("Pacten", "Techniekpact Noord"),
    "/pacten/techniekpact-2020/": ("Techniekpact 2020", "Doorlopende leerlijnen"),
    "/pacten/techniekpact-noord/": ("Techniekpact Noord", "Bètapunt in elke regio"),
    "/pacten/techniekpact-2020/acties/1/": (
        "Actie 1. Techniek in het basisonderwijs",
        "De volledige tekst van actie 1.",
    ),
    "/pacten/techniekpact-2020/acties/2/": (
        "Actie 2. Doorlopende leerlijnen",
        "Het plan is in uitvoering.",
    ),
    "/pacten/techniekpact-noord/acties/1/": (
        "Actie 1. Bètapunt in elke regio",
        "Techniekpact Noord",
    ),
    "/landsdelen/": ("Landsdelen", "Noord"),
    "/landsdelen/noord/": ("Landsdeel Noord", "Stuurgroep Noord"),
    "/regios/groningen/": ("Groningen", "Bètapunt Noord"),
    "/rondes/2014/": ("Voortgangsrapportage 2014", "Doorlopende leerlijnen"),
    "/vergelijken/": (
        "Rondes vergelijken",
        "Voortgangsrapportage 2015 vergeleken met Voortgangsrapportage 2014",
    ),
    "/indicatoren/": ("Indicatoren", "Havisten met een NT/NG-profiel"),
    "/indicatoren/havo-nt-profiel/": ("Havisten met een NT/NG-profiel – Nederland", "47,5%"),
    "/initiatieven/": ("Initiatieven zoeken", "Techniekpact Twente"),
    "/initiatieven/?q=beta": ("Initiatieven zoeken", "Bètapunt Noord"),
    "/initiatieven/betapunt-noord/": (
        "Bètapunt Noord",
        "Regionaal netwerk voor bèta en techniek",
    ),
    "/zoeken/?q=noord": ("Zoeken", "Techniekpact Noord"),
}


def text(response) -> str:
    return response.content.decode()


def heading(page: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1).strip()


def public_page(client, url: str) -> str:
    """The page at ``url`` as a visitor gets it: found, with its heading and its content."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = text(response)
    title, content = PUBLIC_PAGES[url]
    assert heading(page) == title and content in page, url
    return page


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_answers_without_an_account(client, world, url):
    assert client.get(url).status_code == 200
    public_page(client, url)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_page_shows_a_contact_person(client, world, url):
    page = public_page(client, url)
    assert "Jan Geheim" not in page
    assert "jan.geheim@example.org" not in page


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_page_shows_unpublished_updates_or_rounds(client, world, url):
    page = public_page(client, url)
    assert "Verborgen concept" not in page
    assert "Nog niet gepubliceerd" not in page
    assert "Concept 2016" not in page


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_page_loads_anything_from_another_machine(client, world, url):
    page = public_page(client, url)
    head = page.split("</head>")[0]
    assert 'src="http' not in page and 'href="http://' not in head
    assert "https://" not in head
    assert 'rel="stylesheet" href="/static/' in head  # its own style sheet, from this server


def test_the_dashboard_shows_the_latest_headline_figure_against_its_target(client, world):
    page = text(client.get("/"))
    assert "47,5%" in page and "in 2013" in page
    assert "55%" in page and "in 2015" in page


def test_the_dashboard_shows_the_status_of_each_action_across_rounds(client, world):
    page = text(client.get("/"))
    grid = page.split('id="rondes"')[1]
    row = grid.split("1. Techniek in het basisonderwijs")[1].split("</tr>")[0]
    assert "pm-status--vertraagd" in row and "pm-status--onbekend" in row


def test_the_dashboard_marks_an_assessed_status_apart_from_a_reported_one(client, world):
    grid = text(client.get("/")).split('id="rondes"')[1]
    row = grid.split("2. Doorlopende leerlijnen")[1].split("</tr>")[0]
    assert "pm-status--op_schema pm-status--assessed" in row and "(afgeleid)" in row


def test_the_dashboard_charts_the_status_per_action_line_with_a_text_alternative(client, world):
    page = text(client.get("/"))
    assert (
        '<svg role="img" aria-label="Status van 3 acties per actielijn in Voortgangsrapportage 2015'
        in page
    )
    assert "De cijfers in een tabel" in page


def test_the_dashboard_puts_the_landsdelen_side_by_side(client, world):
    page = text(client.get("/")).split('id="landsdelen"')[1]
    assert page.index(">Noord<") < page.index(">Oost<")


def test_the_pact_page_lists_actions_with_owner_and_latest_status(client, world):
    page = text(client.get("/pacten/techniekpact-2020/"))
    row = page.split("Doorlopende leerlijnen")[1].split("</tr>")[0]
    assert "Ministerie van OCW" in row and "pm-status--afgerond" in row


def test_the_pact_page_filters_actions_by_status_in_a_chosen_round(client, world):
    page = text(client.get("/pacten/techniekpact-2020/", {"ronde": "2014", "status": "vertraagd"}))
    table = page.split('id="actions-table"')[1]
    assert "Techniek in het basisonderwijs" in table
    assert "Doorlopende leerlijnen" not in table and "Regionale aanpak" not in table


def test_the_pact_page_filters_actions_by_action_line_and_owner(client, world):
    by_line = text(client.get("/pacten/techniekpact-2020/", {"lijn": "kiezen"})).split(
        'id="actions-table"'
    )[1]
    by_owner = text(client.get("/pacten/techniekpact-2020/", {"trekker": "ocw"})).split(
        'id="actions-table"'
    )[1]
    assert "Techniek in het basisonderwijs" in by_line and "Doorlopende" not in by_line
    assert "Doorlopende leerlijnen" in by_owner and "Techniek in het" not in by_owner


def test_an_unknown_filter_value_is_ignored_not_an_error(client, world):
    response = client.get("/pacten/techniekpact-2020/", {"status": "paars", "lijn": "kiezen"})
    table = text(response).split('id="actions-table"')[1]
    assert response.status_code == 200
    assert "Techniek in het basisonderwijs" in table and "Doorlopende" not in table


def test_a_goal_past_its_deadline_at_the_peildatum_is_flagged_while_the_action_is_open(
    client, world
):
    page = text(client.get("/pacten/techniekpact-2020/", {"ronde": "2014"}))
    assert "Plan van aanpak gereed" in page.split('id="te-laat"')[1]


def test_a_goal_is_not_flagged_once_the_action_is_completed(client, world):
    response = client.get("/pacten/techniekpact-2020/", {"ronde": "2015"})
    page = text(response)
    assert 'id="te-laat"' not in page
    table = page.split('id="actions-table"')[1]
    assert response.status_code == 200 and "Doorlopende leerlijnen" in table


def test_a_regional_pact_without_its_own_rounds_shows_statuses_as_onbekend(client, world):
    page = text(client.get("/pacten/techniekpact-noord/"))
    row = page.split("Bètapunt in elke regio")[1].split("</tr>")[0]
    assert "pm-status--onbekend" in row and ">onbekend<" in row


def test_the_action_page_shows_text_sub_measures_owners_and_partners(client, world):
    page = text(client.get(world.a1.get_absolute_url()))
    assert "De volledige tekst van actie 1." in page
    assert "Deel a" in page and "Deel b" in page
    assert "Platform Bèta Techniek" in page and "Ministerie van OCW" in page


def test_the_action_history_shows_narrative_new_milestones_and_sources_per_round(client, world):
    page = text(client.get(world.a2.get_absolute_url()))
    history = page.split('id="geschiedenis"')[1]
    assert history.index("Voortgangsrapportage 2015") < history.index("Voortgangsrapportage 2014")
    assert "Het plan is in uitvoering." in history and "Nieuw: tweede regio gestart." in history
    assert "eind 2014: Alle regio&#x27;s aangesloten" in history
    assert '<a href="https://example.org/brief" rel="noopener">Brief aan de Kamer</a>' in history


def test_the_action_page_quotes_the_words_an_assessed_status_was_read_from(client, world):
    page = text(client.get(world.a2.get_absolute_url()))
    assert "loopt volgens planning" in page


def test_the_action_page_shows_why_a_rolled_up_status_is_what_it_is(client, world):
    page = text(client.get(world.a1.get_absolute_url()))
    assert "deelmaatregel b vertraagd" in page


def test_a_correction_shows_as_a_new_version_with_the_earlier_one_kept(client, world):
    correct_update(world.u2, reason="Datum verbeterd", narrative="Het plan loopt sinds maart.")
    page = text(client.get(world.a2.get_absolute_url()))
    assert "Versie 2: gecorrigeerd." in page and "Datum verbeterd" in page
    assert "Eerdere versies" in page and "Het plan is in uitvoering." in page


def test_the_action_page_links_regional_and_national_actions_both_ways(client, world):
    national = text(client.get(world.a1.get_absolute_url()))
    regional = text(client.get(world.r1.get_absolute_url()))
    assert world.r1.get_absolute_url() in national
    assert world.a1.get_absolute_url() in regional


def test_an_unknown_action_is_not_found(client, world):
    assert client.get("/pacten/techniekpact-2020/acties/99/").status_code == 404


def test_the_landsdeel_page_shows_provinces_profiles_pacts_and_initiatives(client, world):
    page = text(client.get("/landsdelen/noord/"))
    assert "Groningen" in page and "Stuurgroep Noord" in page
    assert "Techniekpact Noord" in page and "Bètapunt Noord" in page


def test_the_landsdeel_page_says_what_changed_since_the_previous_round(client, world):
    page = text(client.get("/landsdelen/noord/"))
    latest = page.split('id="profiel-2015"')[1].split('id="profiel-2014"')[0]
    assert "1 nieuw resultaat" in latest and "prioriteiten gewijzigd" in latest
    assert "Dertig bedrijven leveren gastlessen" in latest


def test_a_region_that_is_no_landsdeel_has_no_landsdeel_page(client, world):
    assert client.get("/landsdelen/groningen/").status_code == 404


def test_the_indicator_page_charts_observations_with_a_text_alternative(client, world):
    page = text(client.get("/indicatoren/havo-nt-profiel/"))
    assert '<svg role="img" aria-label="Havisten met een NT/NG-profiel, Nederland.' in page
    assert "2 cijfers uit de documenten staan er apart bij" in page


def test_the_indicator_table_lists_every_value_with_its_source_note(client, world):
    table = text(client.get("/indicatoren/havo-nt-profiel/")).split(
        '<h2 class="nl-heading nl-heading--level-2">Metingen en streefwaarden'
    )[1]
    for value in ("44%", "47,5%", "55%", "12%"):
        assert value in table
    assert "jaar niet genoemd" in table


def test_the_indicator_page_narrows_to_one_region(client, world):
    response = client.get("/indicatoren/havo-nt-profiel/", {"regio": "nederland"})
    page = text(response)
    assert "1 waarden zonder jaar" not in page  # the value without a region is elsewhere
    assert response.status_code == 200 and heading(page).endswith("Nederland")
    assert "47,5%" in page and "44%" in page


def test_the_round_page_counts_the_statuses_of_the_round(client, world):
    page = text(client.get("/rondes/2014/"))
    assert "Gepubliceerde statusupdates (3)" in page
    assert "deelmaatregel b vertraagd" in page


def test_a_round_that_is_not_published_is_not_found(client, world):
    assert client.get("/rondes/2016/").status_code == 404


def test_the_finder_folds_accents(client, world):
    page = text(client.get("/initiatieven/", {"q": "beta"}))
    assert "Bètapunt Noord" in page.split('id="results"')[1]
    assert "1 initiatief gevonden" in page


def test_the_finder_matches_part_of_a_compound(client, world):
    results = text(client.get("/initiatieven/", {"q": "techniek"})).split('id="results"')[1]
    assert "Techniekpact Twente" in results


def test_the_finder_filters_by_landsdeel_through_the_provinces(client, world):
    results = text(client.get("/initiatieven/", {"landsdeel": "noord"})).split('id="results"')[1]
    assert "Bètapunt Noord" in results and "Techniekpact Twente" not in results


def test_the_finder_filters_by_education_level_kind_and_action_line(client, world):
    by_level = text(client.get("/initiatieven/", {"niveau": "mbo"})).split('id="results"')[1]
    by_kind = text(client.get("/initiatieven/", {"soort": "betapunt"})).split('id="results"')[1]
    by_line = text(client.get("/initiatieven/", {"lijn": "kiezen"})).split('id="results"')[1]
    assert "Techniekpact Twente" in by_level and "Bètapunt" not in by_level
    assert "Bètapunt Noord" in by_kind and "Twente" not in by_kind
    assert "Bètapunt Noord" in by_line and "Twente" not in by_line


def test_the_initiative_page_shows_its_regions_and_levels(client, world):
    page = text(client.get("/initiatieven/betapunt-noord/"))
    assert "Groningen" in page and "primair onderwijs, voortgezet onderwijs" in page


def test_one_search_box_finds_actions_pacts_and_initiatives(client, world):
    page = text(client.get(reverse("web:search"), {"q": "techniek"}))
    assert "Techniek in het basisonderwijs" in page
    assert "Techniekpact 2020" in page and "Techniekpact Twente" in page


def test_the_search_box_folds_accents_for_every_kind_of_thing(client, world):
    page = text(client.get(reverse("web:search"), {"q": "BETAPUNT"}))
    assert "Bètapunt Noord" in page and "Bètapunt in elke regio" in page


def test_an_empty_search_finds_nothing_and_says_nothing(client, world):
    response = client.get(reverse("web:search"), {"q": "  "})
    page = text(response)
    assert "resultaten voor" not in page and "nl-heading--level-2" not in page
    assert response.status_code == 200 and heading(page) == "Zoeken" and 'name="q"' in page


def test_a_missing_page_says_so_in_the_site_layout(client, world):
    response = client.get("/indicatoren/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.parametrize("number", ["1/2", "<b>1</b>", "1?x=2#y", " "])
def test_pages_survive_an_action_number_stored_without_the_form(client, world, number):
    from pactmonitor.pacts.models import Action

    Action.objects.filter(pk=world.r1.pk).update(number=number)
    for url in ["/pacten/techniekpact-noord/", "/landsdelen/noord/", "/zoeken/?q=Bètapunt"]:
        assert client.get(url).status_code == 200, url
    page = client.get(Action.objects.get(pk=world.r1.pk).get_absolute_url())
    assert page.status_code == 200 and "Bètapunt in elke regio" in text(page)


def _document():
    return SourceDocument.objects.create(
        key="001", file_name="001_e2cc582c8d019992.txt", title="Notitie Oost", date_text="2016"
    )


def test_the_pact_page_shows_the_pact_s_own_planning_with_each_line_s_source(client, world):
    PactMilestone.objects.create(
        pact=world.regional,
        position=0,
        date=datetime.date(2013, 12, 31),
        date_text="december 2013",
        text="bijeenkomst met stakeholders",
        provenance_document=_document(),
        provenance_section="Vervolgacties en planning van de eerste fase",
        provenance_quote="december 2013: bijeenkomst met stakeholders",
    )
    page = text(client.get("/pacten/techniekpact-noord/"))
    planning = page.split('id="planning"')[1].split("</ul>")[0]
    assert '<time datetime="2013-12-31">december 2013</time>' in planning
    assert "bijeenkomst met stakeholders" in planning
    assert "Notitie Oost (2016), Vervolgacties en planning van de eerste fase" in planning
    assert "001_e2cc582c8d019992.txt" not in page
    assert 'id="planning">The pact' in text(client.get("/en/pacten/techniekpact-noord/"))


def test_a_finding_is_shown_in_words_on_its_landsdeel_region_and_indicator_pages(client, world):
    Finding.objects.create(
        text="In het VMBO en het MBO zien we het aantal leerlingen niet verder toenemen.",
        region=world.groningen,
        indicator=world.indicator,
        education_levels=["vmbo", "mbo"],
        year=2016,
        as_of_text="de notitie (2016)",
        provenance_document=_document(),
        provenance_section="Inleiding",
        provenance_quote="In het VMBO en het MBO zien we het aantal leerlingen niet verder",
    )
    for url in ("/landsdelen/noord/", "/regios/groningen/", "/indicatoren/havo-nt-profiel/"):
        page = text(client.get(url))
        found = page.split('id="bevindingen"')[1].split("</section>")[0]
        assert "zien we het aantal leerlingen niet verder toenemen" in found, url
        assert "vmbo, mbo" in found and "Notitie Oost (2016), Inleiding" in found, url
    assert "Groningen</strong>:" in text(client.get("/landsdelen/noord/"))
    # Once, in the page; the title is the region's name alone.
    region_page = text(client.get("/regios/groningen/"))
    assert region_page.count('id="bevindingen"') == 1
    assert "<title>Groningen – Pactmonitor</title>" in region_page
    assert "Findings from the documents" in text(client.get("/en/landsdelen/noord/"))
    # Beside the figures, never among them: the indicator's table holds no finding.
    table = text(client.get("/indicatoren/havo-nt-profiel/")).split(
        ">Metingen en streefwaarden</h2>"
    )
    assert "niet verder toenemen" not in table[1].split('id="bevindingen"')[0]
