"""The concept preview of an open round: for the coordinators who publish it, a few per window."""

import pytest

from pactmonitor.reports.preview import PREVIEWS_PER_WINDOW
from tests import world

pytestmark = pytest.mark.django_db

URL = "/rapportages/2015/concept/bijlage1.html"


@pytest.fixture
def w():
    return world.build()


def test_the_national_coordinator_sees_the_concept_of_the_open_round(w, client):
    client.force_login(w.nina)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Concept" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_the_concept_preview_is_limited_per_coordinator(w, client):
    client.force_login(w.nina)
    answers = [client.get(URL).status_code for _ in range(PREVIEWS_PER_WINDOW + 1)]
    assert answers == [200] * PREVIEWS_PER_WINDOW + [429]
    limited = client.get(URL)
    assert int(limited["Retry-After"]) > 0
    assert "Even wachten met het concept" in limited.content.decode()
    client.force_login(w.adam)  # another coordinator has turns of their own
    assert client.get(URL).status_code == 200


def test_others_get_no_concept(w, client):
    assert client.get(URL).status_code == 302  # anonymous: to the sign-in page
    for person in (w.olga, w.carol, w.alice):
        client.force_login(person)
        assert client.get(URL).status_code == 404, person.username


def test_a_published_round_has_no_concept(w, client):
    client.force_login(w.nina)
    assert client.get("/rapportages/2014/concept/bijlage1.html").status_code == 404
