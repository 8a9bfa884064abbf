"""Downloads of a round's reports on the web: published rounds only."""

import datetime

import pytest
from django.urls import reverse

from tests import factory

from .conftest import docx_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def stored(sample_pact, django_db_blocker):
    """The sample rounds' documents, made once by the job as a publication would."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("produce_downloads", now=True, verbosity=0)


def body(response) -> bytes:
    return b"".join(response)


def test_anyone_can_download_bijlage1_of_a_published_round_as_docx(sample_pact, client):
    response = client.get(reverse("reports:bijlage", args=["t2014", "bijlage1", "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bijlage1-t2014.docx"'
    assert "2. De PO-raad benut de visie op W&T" in docx_text(body(response))


def test_the_pdf_download_is_a_pdf(sample_pact, client):
    response = client.get(reverse("reports:bijlage", args=["t2015", "bijlage2", "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert body(response).startswith(b"%PDF")


def test_the_landsdeel_report_is_shown_inline_as_html(sample_pact, client):
    response = client.get(reverse("reports:landsdeel", args=["t2015", "oost", "html"]))
    assert response.status_code == 200
    assert "Rapportage Landsdeel Oost" in body(response).decode()


def test_the_report_of_an_unpublished_round_is_refused_to_the_public(sample_pact, client):
    factory.reporting_round(
        pact=sample_pact["national"], slug="t2016", peildatum=datetime.date(2016, 6, 1)
    )
    response = client.get(reverse("reports:bijlage", args=["t2016", "bijlage1", "pdf"]))
    assert response.status_code == 404


def test_an_unknown_format_or_report_is_not_found(sample_pact, client):
    assert (
        client.get(reverse("reports:bijlage", args=["t2014", "bijlage1", "odt"])).status_code == 404
    )
    assert (
        client.get(reverse("reports:bijlage", args=["t2014", "bijlage3", "pdf"])).status_code == 404
    )


def test_the_round_page_block_links_every_report_in_every_format(sample_pact):
    from django.template import Context, Template

    html = Template("{% load report_downloads %}{% report_downloads round %}").render(
        Context({"round": sample_pact["rounds"][0]})
    )
    # Bijlage 1 and 2, two landsdelen and one regional pact, in three formats each.
    assert html.count('href="/rapportages/t2014/') == 3 * 5
    assert 'href="/rapportages/t2014/landsdelen/oost.pdf"' in html


def test_the_round_page_block_shows_nothing_for_an_unpublished_round(sample_pact):
    from django.template import Context, Template

    concept = factory.reporting_round(pact=sample_pact["national"], slug="t2017")
    html = Template("{% load report_downloads %}{% report_downloads round %}").render(
        Context({"round": concept})
    )
    assert "rapportages" not in html


def test_anyone_can_download_the_report_of_a_pact(sample_pact, client):
    response = client.get(reverse("reports:pact", args=["t2015", "techniekpact-oost-test", "docx"]))
    assert response.status_code == 200
    assert "Rapportage Techniekpact Oost Test" in docx_text(body(response))


def test_a_report_is_made_again_after_a_correction(sample_pact, client, produced):
    from pactmonitor.progress.models import StatusUpdate
    from pactmonitor.progress.services import correct_update

    url = reverse("reports:bijlage", args=["t2014", "bijlage1", "html"])
    published = StatusUpdate.objects.public().filter(round__slug="t2014").first()
    assert published is not None
    with produced():
        correct_update(published, reason="Verbeterd", narrative="Een heel nieuwe stand van zaken.")
    assert "Een heel nieuwe stand van zaken." in body(client.get(url)).decode()


def test_a_query_string_never_makes_a_report(sample_pact, client, monkeypatch):
    from pactmonitor.reports import output, storage

    def refuse(*args):
        raise AssertionError("a request rendered a report")

    monkeypatch.setattr(output, "render", refuse)
    monkeypatch.setattr(storage, "render", refuse)
    response = client.get("/rapportages/t2014/bijlage1.pdf?r=8123&format=docx")
    assert response.status_code == 200 and body(response).startswith(b"%PDF")


def test_a_stored_report_answers_a_conditional_request_with_304(sample_pact, client):
    url = reverse("reports:bijlage", args=["t2014", "bijlage2", "docx"])
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert first["Cache-Control"].startswith("public")


def test_while_the_documents_are_made_anew_the_previous_version_is_served(sample_pact, client):
    from pactmonitor.downloads.models import Edition
    from pactmonitor.downloads.services import reports_product

    Edition.objects.create(product=reports_product("t2014"))  # a correction's, being made
    assert client.get("/rapportages/t2014/bijlage1.html").status_code == 200
    page = client.get(reverse("web:round", args=["t2014"])).content.decode()
    assert "Een nieuwe versie van deze documenten wordt gemaakt" in page
    assert 'href="/rapportages/t2014/bijlage1.pdf"' in page


def test_a_round_without_documents_yet_says_they_are_being_made(sample_pact, client):
    from pactmonitor.downloads.models import Edition
    from pactmonitor.downloads.services import reports_product

    Edition.objects.filter(product=reports_product("t2014")).delete()
    Edition.objects.create(product=reports_product("t2014"))
    response = client.get("/rapportages/t2014/bijlage1.pdf")
    assert response.status_code == 503 and response["Retry-After"]
    assert "Dit bestand wordt gemaakt" in response.content.decode()
