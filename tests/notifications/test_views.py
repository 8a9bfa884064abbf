"""The coordinators' outbox page (scope-checked) and every user's digest choice."""

from __future__ import annotations

import pytest

from pactmonitor.notifications.models import Preference
from pactmonitor.progress import services
from pactmonitor.progress.models import StatusUpdate
from tests import world

from .conftest import write

pytestmark = pytest.mark.django_db

OUTBOX = "/werk/meldingen/"
PREFERENCES = "/werk/meldingen/voorkeur/"


@pytest.fixture
def told(committed):
    """Carol submitted Noord 1 and dave Oost 1: nina is told of each."""
    w = world.build()
    for action, coordinator in ((w.nr1, w.carol), (w.or1, w.dave)):
        draft = write(world.draft(w, action), w.alice)
        with committed():
            services.submit_updates(StatusUpdate.objects.filter(pk=draft.pk), user=coordinator)
    return w


def test_the_national_coordinator_sees_every_notification(client, told):
    client.force_login(told.nina)
    response = client.get(OUTBOX)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("nina@example.org") == 2 and "wacht" in page


def test_a_landsdeel_coordinator_sees_those_about_their_landsdeel_only(client, told):
    client.force_login(told.carol)
    page = client.get(OUTBOX).content.decode()
    assert page.count("nina@example.org") == 1
    client.force_login(told.dave)
    assert client.get(OUTBOX).content.decode().count("nina@example.org") == 1


def test_the_page_shows_the_account_links_once_in_the_header_only(client, told):
    client.force_login(told.nina)
    page = client.get(OUTBOX).content.decode()
    assert page.count("Uitloggen") == 1
    assert 'aria-current="page">alle</strong>' in page  # the filter as one line of links


def test_the_page_filters_by_delivery(client, told):
    client.force_login(told.nina)
    assert "nina@example.org" not in client.get(OUTBOX, {"stand": "sent"}).content.decode()
    assert "nina@example.org" in client.get(OUTBOX, {"stand": "pending"}).content.decode()


@pytest.mark.parametrize("name", ["alice", "olga"])
def test_an_owner_or_a_user_without_a_role_is_refused(client, told, name):
    client.force_login(getattr(told, name))
    assert client.get(OUTBOX).status_code == 403


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    response = client.get(OUTBOX)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_a_user_chooses_the_daily_digest_for_themselves_only(client):
    w = world.build(open_new_round=False)
    client.force_login(w.alice)
    assert "dagelijks overzicht" in client.get(PREFERENCES).content.decode().lower()
    response = client.post(PREFERENCES, {"digest": "on"})
    assert response.status_code == 302
    assert Preference.objects.get(user=w.alice).digest
    assert not Preference.objects.filter(user=w.bob).exists()
    client.post(PREFERENCES, {})
    assert not Preference.objects.get(user=w.alice).digest
