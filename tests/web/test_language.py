"""Dutch first, English through the catalog, and a language switch that is a plain link."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_dutch_by_default(client, world):
    page = client.get("/").content.decode()
    assert '<html lang="nl"' in page and "Status van de acties" in page


def test_the_english_page_lives_under_en(client, world):
    page = client.get("/en/").content.decode()
    assert '<html lang="en"' in page and "Status of the actions" in page


def test_statuses_are_translated_but_keep_their_marks(client, world):
    page = client.get("/en/pacten/techniekpact-2020/").content.decode()
    badge = '<span class="utrecht-badge-status pm-status pm-status--afgerond">completed</span>'
    assert badge in page


def test_the_switch_links_to_the_same_page_in_the_other_language(client, world):
    dutch = client.get("/pacten/techniekpact-2020/?status=afgerond").content.decode()
    english = client.get("/en/pacten/techniekpact-2020/").content.decode()
    assert 'href="/en/pacten/techniekpact-2020/?status=afgerond" lang="en"' in dutch
    assert 'href="/pacten/techniekpact-2020/" lang="nl"' in english


def test_chart_text_alternatives_are_translated(client, world):
    page = client.get("/en/rondes/2014/").content.decode()
    assert 'aria-label="Status of 3 actions per action line in Voortgangsrapportage 2014' in page
