import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def stored_2014(bundled, django_db_blocker):
    """The job's edition of round 2014, with real HTML (PDF and DOCX, slow to print for the
    whole bundled pact, are stand-ins here; tests/reports/test_views.py prints them)."""
    from pactmonitor.downloads.models import Edition
    from pactmonitor.downloads.services import reports_product
    from pactmonitor.downloads.tasks import produce_edition
    from pactmonitor.reports import storage
    from pactmonitor.reports.output import render

    def html_only(report, format):
        return render(report, format) if format == "html" else f"{format} van {report.title}".encode()

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "render", html_only)
        produce_edition.call(Edition.objects.create(product=reports_product("2014")).pk)


def test_the_round_page_offers_the_reports_in_three_formats(client):
    page = client.get(reverse("web:round", args=["2014"])).content.decode()
    for name in ["bijlage1.pdf", "bijlage1.docx", "bijlage2.html", "landsdelen/oost.pdf"]:
        assert f"/rapportages/2014/{name}" in page


def test_a_linked_report_downloads(client):
    response = client.get("/rapportages/2014/bijlage2.html")
    assert response.status_code == 200
    assert "Noordvleugel" in b"".join(response.streaming_content).decode()
