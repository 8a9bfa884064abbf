"""Downloads of a round's reports on the web: published rounds only."""

import datetime

import pytest
from django.urls import reverse

from tests import factory

from .conftest import docx_text

pytestmark = pytest.mark.django_db


def test_anyone_can_download_bijlage1_of_a_published_round_as_docx(sample_pact, client):
    response = client.get(reverse("reports:bijlage", args=["t2014", "bijlage1", "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bijlage1-t2014.docx"'
    assert "2. De PO-raad benut de visie op W&T" in docx_text(response.content)


def test_the_pdf_download_is_a_pdf(sample_pact, client):
    response = client.get(reverse("reports:bijlage", args=["t2015", "bijlage2", "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_landsdeel_report_is_shown_inline_as_html(sample_pact, client):
    response = client.get(reverse("reports:landsdeel", args=["t2015", "oost", "html"]))
    assert response.status_code == 200
    assert "Rapportage Landsdeel Oost" in response.content.decode()


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
    assert "Rapportage Techniekpact Oost Test" in docx_text(response.content)


def test_a_report_is_made_again_after_a_status_changes(sample_pact, client, committed):
    url = reverse("reports:bijlage", args=["t2015", "bijlage1", "html"])
    assert "Van status veranderd (0)" in client.get(url).content.decode()
    a2 = sample_pact["actions"][1]
    with committed():
        factory.status_update(
            round=sample_pact["rounds"][1], action=a2, status="op_schema", state="published"
        )
    assert "Van status veranderd (1)" in client.get(url).content.decode()
