import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def stored_2014(bundled, django_db_blocker):
    """The job's edition of round 2014 (real HTML; the PDF and DOCX are tested elsewhere)."""
    from tests import factory

    with django_db_blocker.unblock():
        factory.produced_edition("rapportages/2014")


def test_the_round_page_offers_the_reports_in_three_formats(client):
    page = client.get(reverse("web:round", args=["2014"])).content.decode()
    for name in ["bijlage1.pdf", "bijlage1.docx", "bijlage2.html", "landsdelen/oost.pdf"]:
        assert f"/rapportages/2014/{name}" in page


def test_a_linked_report_downloads(client):
    response = client.get("/rapportages/2014/bijlage2.html")
    assert response.status_code == 200
    assert "Noordvleugel" in b"".join(response).decode()
