"""The open-data page and its files: every download with licence, size and date, CSVW beside
every CSV, a DCAT-AP-NL catalogue, all served from storage and never built per request."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from pactmonitor.downloads.models import Edition
from pactmonitor.downloads.services import OPEN_DATA
from pactmonitor.downloads.tasks import produce_edition
from pactmonitor.pacts.models import ContactPerson
from tests import factory, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def dump(produced):
    """The world, a DUO figure and a contact person, and the open-data edition made of them."""
    w = world.build()
    factory.figure(region=w.noord, batch=factory.import_batch(recipe="duo-vo", publisher="DUO"))
    ContactPerson.objects.create(
        organisation=w.school, name="Jan Contact", email="jan@example.org", phone="06-12345678"
    )
    edition = Edition.objects.create(product=OPEN_DATA)
    produce_edition.call(edition.pk)
    edition.refresh_from_db()
    return edition


def body(response) -> bytes:
    return b"".join(response)


def test_the_page_offers_the_whole_dump_per_round_and_per_table_with_licence_and_size(dump, client):
    page = client.get(reverse("web:open_data")).content.decode()
    for name in ["pactmonitor.json", "pactmonitor-csv.zip", "rondes/2014.json"]:
        assert f'href="/open-data/bestanden/{name}"' in page
    assert 'href="/open-data/bestanden/tabellen/statusupdates.csv"' in page
    assert 'href="/open-data/bestanden/tabellen/statusupdates.csv-metadata.json"' in page
    assert "CC0 1.0" in page and "CC BY 4.0" in page and "Bron: CBS" in page
    assert "Bron: DUO" in page  # the imported figures keep their source's licence
    assert "Deze versie is van" in page
    size = dump.file("tabellen/statusupdates.csv")["size"]
    assert f"{size}\xa0bytes" in page or "KB" in page


def test_the_page_is_in_english_under_en(dump, client):
    page = client.get("/en/open-data/").content.decode()
    assert "Everything in one go" in page


def test_the_footer_of_every_page_links_the_open_data(client, db):
    assert 'href="/open-data/"' in client.get("/").content.decode()
    assert 'href="/en/open-data/"' in client.get("/en/").content.decode()


def test_every_csv_has_csvw_metadata_naming_its_columns_in_order(dump, client):
    tables = [e["name"] for e in dump.files if e["name"].endswith(".csv")]
    assert "tabellen/cijfers_duo_vo.csv" in tables
    for name in tables:
        header = next(
            csv.reader(io.StringIO(body(client.get(f"/open-data/bestanden/{name}")).decode()))
        )
        metadata = json.loads(body(client.get(f"/open-data/bestanden/{name}-metadata.json")))
        columns = metadata["tableSchema"]["columns"]
        assert [c["name"] for c in columns] == header, name
        assert all(c["titles"]["nl"] and c["datatype"] for c in columns)
        assert metadata["url"] == name.rsplit("/", 1)[-1]


def test_a_column_of_years_is_typed_as_integer(dump, client):
    metadata = json.loads(
        body(client.get("/open-data/bestanden/tabellen/metingen.csv-metadata.json"))
    )
    types = {c["name"]: c["datatype"] for c in metadata["tableSchema"]["columns"]}
    assert (types["jaar"], types["waarde"], types["regio"]) == ("integer", "number", "string")


def test_the_zip_holds_every_table_and_its_metadata(dump, client):
    archive = zipfile.ZipFile(
        io.BytesIO(body(client.get("/open-data/bestanden/pactmonitor-csv.zip")))
    )
    names = set(archive.namelist())
    assert {"statusupdates.csv", "statusupdates.csv-metadata.json", "regios.csv"} <= names


def test_the_catalogue_describes_every_download_in_dcat(dump, client):
    catalogue = json.loads(body(client.get("/open-data/bestanden/catalogus.jsonld")))
    assert catalogue["@type"] == "dcat:Catalog"
    dataset = catalogue["dcat:dataset"][0]
    assert dataset["dcat:contactPoint"]["@type"] == "vcard:Organization"
    urls = {d["dcat:downloadURL"]["@id"]: d for d in dataset["dcat:distribution"]}
    json_dump = urls["http://127.0.0.1:8000/open-data/bestanden/pactmonitor.json"]
    assert json_dump["dcat:byteSize"] == dump.file("pactmonitor.json")["size"]
    regions = urls["http://127.0.0.1:8000/open-data/bestanden/tabellen/regios.csv"]
    assert regions["dct:license"]["@id"].startswith("http://creativecommons.org/licenses/by/4.0")
    assert regions["dct:conformsTo"]["@id"].endswith("regios.csv-metadata.json")


def test_a_rounds_own_download_holds_only_that_round(dump, client):
    data = json.loads(body(client.get("/open-data/bestanden/rondes/2014.json")))
    assert {row["ronde"] for row in data["tabellen"]["statusupdates"]} == {"2014"}
    assert [row["code"] for row in data["tabellen"]["rondes"]] == ["2014"]


def test_no_download_holds_a_contact_detail(dump, client):
    everything = b""
    for entry in dump.files:
        data = body(client.get(f"/open-data/bestanden/{entry['name']}"))
        if entry["name"].endswith(".zip"):
            archive = zipfile.ZipFile(io.BytesIO(data))
            data = b"".join(archive.read(name) for name in archive.namelist())
        everything += data
    assert b"Jan Contact" not in everything
    assert b"jan@example.org" not in everything and b"06-12345678" not in everything
    assert b"Stages lopen volgens plan." in everything  # the search would find a public text


def test_the_page_and_files_never_build_a_dump(dump, client, monkeypatch):
    from pactmonitor.exchange import downloads

    def refuse(*args, **kwargs):
        raise AssertionError("a request built the dump")

    monkeypatch.setattr(downloads, "write_open_data", refuse)
    assert client.get(reverse("web:open_data")).status_code == 200
    assert client.get("/open-data/bestanden/pactmonitor.json?r=123").status_code == 200


def test_before_the_first_edition_the_page_says_the_files_are_being_made(client, db):
    Edition.objects.create(product=OPEN_DATA)
    page = client.get(reverse("web:open_data")).content.decode()
    assert "De bestanden worden gemaakt" in page
    response = client.get("/open-data/bestanden/pactmonitor.json")
    assert response.status_code == 503 and "Dit bestand wordt gemaakt" in response.content.decode()


def test_an_unknown_file_is_not_found(dump, client):
    assert client.get("/open-data/bestanden/geheim.txt").status_code == 404
    assert client.get("/open-data/bestanden/../settings.py").status_code == 404
