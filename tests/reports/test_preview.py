"""The concept preview of an open round: for the coordinators who publish it, a few per window."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from pactmonitor.downloads.models import Edition
from pactmonitor.progress.models import StatusUpdate
from pactmonitor.reports import services
from pactmonitor.reports.preview import PREVIEWS_PER_WINDOW
from pactmonitor.reports.render_pdf import render_pdf
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
    for person in (w.olga, w.alice, w.bob):  # no coordinators: the round's "oversee" refuses
        client.force_login(person)
        assert client.get(URL).status_code == 403, person.username


def test_a_published_round_has_no_concept(w, client):
    client.force_login(w.nina)
    assert client.get("/rapportages/2014/concept/bijlage1.html").status_code == 404


NOORD = "/rapportages/2015/concept/landsdelen/noord.html"


def write_draft(w, action, narrative):
    update = world.draft(w, action)
    StatusUpdate.objects.filter(pk=update.pk).update(
        status="vertraagd", basis="reported", narrative=narrative, carried_over=False
    )


def test_the_concept_shows_the_current_drafts_and_says_concept(w, client):
    write_draft(w, w.n2, "Stages: nog niet ingediend concept van de trekker.")
    client.force_login(w.nina)
    text = client.get(URL).content.decode()
    assert "Stages: nog niet ingediend concept van de trekker." in text
    assert "ook concepten die nog niet zijn ingediend" in text
    assert 'class="concept-banner"' in text and "CONCEPT – niet gepubliceerd" in text
    assert '@top-left { content: "CONCEPT – Bijlage 1' in text  # the running header, every page
    assert "@top-right" in text and 'class="concept-watermark"' in text


def test_a_landsdeel_coordinator_previews_their_own_landsdeel_only(w, client):
    write_draft(w, w.nr1, "Techniekcentra: concept van Noord.")
    client.force_login(w.carol)
    response = client.get(NOORD)
    assert response.status_code == 200
    assert "Techniekcentra: concept van Noord." in response.content.decode()
    assert client.get("/rapportages/2015/concept/landsdelen/oost.html").status_code == 403
    assert client.get(URL).status_code == 403  # Bijlage 1 holds the national drafts


def test_owners_and_the_other_landsdeel_get_no_landsdeel_concept(w, client):
    for person in (w.dave, w.alice, w.olga):
        client.force_login(person)
        response = client.get(NOORD)
        assert response.status_code == 403, person.username


def test_the_concept_is_never_cached_nor_stored_as_an_edition(w, client):
    write_draft(w, w.n2, "Geheim concept.")
    editions = Edition.objects.count()
    client.force_login(w.nina)
    assert client.get(URL)["Cache-Control"] == "private, no-store"
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and "Geheim concept." not in response.content.decode()
    assert Edition.objects.count() == editions


def test_every_page_of_the_concept_pdf_says_concept(w):
    report = services.build("bijlage1", w.round, preview=True)
    pages = PdfReader(io.BytesIO(render_pdf(report))).pages
    assert all("CONCEPT" in page.extract_text() for page in pages)


def test_the_round_overview_links_each_coordinator_to_the_concepts_they_may_see(w, client):
    overview = reverse("progress:overview", args=[w.round.slug])
    client.force_login(w.nina)
    text = client.get(overview).content.decode()
    assert URL in text and NOORD in text and "/concept/landsdelen/oost.html" in text
    client.force_login(w.carol)
    text = client.get(overview).content.decode()
    assert NOORD in text and URL not in text and "/concept/landsdelen/oost.html" not in text
