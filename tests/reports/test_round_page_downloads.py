import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_round_page_offers_the_reports_in_three_formats(bundled, client):
    page = client.get(reverse("web:round", args=["2014"])).content.decode()
    for name in ["bijlage1.pdf", "bijlage1.docx", "bijlage2.html", "landsdelen/oost.pdf"]:
        assert f"/rapportages/2014/{name}" in page


def test_a_linked_report_downloads(bundled, client):
    response = client.get("/rapportages/2014/bijlage2.html")
    assert response.status_code == 200
    assert "Noordvleugel" in response.content.decode()
