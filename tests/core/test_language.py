"""The work and account pages have one address in both languages: they follow the reader's
choice, which their language switch sets; the public pages keep theirs in the address."""

import pytest
from django.conf import settings

from tests import factory

pytestmark = pytest.mark.django_db

SKIP_LINK = {"nl": "Naar de inhoud", "en": "Skip to content"}


def choose(client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def test_a_work_page_is_in_the_language_the_reader_chose(client):
    client.force_login(factory.user(username="alice", role="action_owner"))
    choose(client, "en")
    response = client.get("/werk/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in page and SKIP_LINK["en"] in page
    assert response["Content-Language"] == "en"
    assert "Cookie" in response["Vary"]


def test_a_work_page_is_dutch_when_the_reader_chose_nothing(client):
    client.force_login(factory.user(username="alice", role="action_owner"))
    page = client.get("/werk/").content.decode()
    assert '<html lang="nl"' in page and SKIP_LINK["nl"] in page


def test_the_sign_in_page_follows_the_choice_before_anyone_signs_in(client):
    choose(client, "en")
    page = client.get("/account/inloggen/").content.decode()
    assert '<html lang="en"' in page and SKIP_LINK["en"] in page


def test_the_switch_on_a_work_page_sets_the_choice_and_comes_back_to_the_same_page(client):
    client.force_login(factory.user(username="alice", role="action_owner"))
    page = client.get("/werk/").content.decode()
    assert 'action="/i18n/setlang/"' in page and 'name="next" value="/werk/"' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/werk/"})
    assert response.status_code == 302 and response["Location"] == "/werk/"
    assert SKIP_LINK["en"] in client.get("/werk/").content.decode()


def test_a_public_page_keeps_the_language_of_its_address_whatever_the_reader_chose(client):
    # A public page is cached once for everyone: its address alone says its language.
    choose(client, "en")
    assert '<html lang="nl"' in client.get("/").content.decode()
    assert '<html lang="en"' in client.get("/en/").content.decode()


def test_a_report_address_stays_dutch_whatever_the_reader_chose(client):
    # The reports are Dutch documents, stored once for every reader.
    choose(client, "en")
    response = client.get("/rapportages/bestaat-niet/bijlage1.html")
    assert response.status_code == 404
    assert '<html lang="nl"' in response.content.decode()
