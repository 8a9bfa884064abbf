"""Contact persons are personal data: kept for coordinators, never shown to the public."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command

from pactmonitor.indicators.models import Indicator
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action, ContactPerson, Pact
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.models import Region
from tests import factory

pytestmark = pytest.mark.django_db


def personal_details():
    details = set()
    for person in ContactPerson.objects.all():
        details |= {person.email, person.phone}
        if person.name and len(person.name) > 5:
            details.add(person.name)
    return {d for d in details if d}


def public_urls():
    objects = [
        *Pact.objects.all(),
        *Action.objects.all(),
        *Region.objects.all(),
        *Indicator.objects.all(),
        *Initiative.objects.all(),
        *ReportingRound.objects.published(),
    ]
    return ["/", *(obj.get_absolute_url() for obj in objects), "/rapportages/2014/bijlage2.html"]


def test_no_public_page_shows_a_contact_persons_details(bundled, client):
    factory.produced_edition("rapportages/2014")
    details = personal_details()
    assert len(details) > 20
    leaks = []
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        page = b"".join(response).decode()
        leaks += [(url, d) for d in details if d in page]
    assert leaks == []


def test_the_open_data_dump_holds_no_contact_details(bundled, tmp_path):
    call_command("export", "--format", "json", "-o", str(tmp_path / "open.json"))
    dump = json.dumps(json.loads((tmp_path / "open.json").read_text()), ensure_ascii=False)
    assert [d for d in personal_details() if d in dump] == []


def test_no_open_data_download_holds_contact_details(bundled, client):
    edition = factory.produced_edition("open-data")
    details = personal_details()
    leaks = []
    for entry in edition.files:
        data = b"".join(client.get(f"/open-data/bestanden/{entry['name']}"))
        if entry["name"].endswith(".zip"):
            archive = zipfile.ZipFile(io.BytesIO(data))
            data = b"".join(archive.read(name) for name in archive.namelist())
        text = data.decode()
        leaks += [(entry["name"], d) for d in details if d in text]
    assert len(edition.files) > 30 and leaks == []
