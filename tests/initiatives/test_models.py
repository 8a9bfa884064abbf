"""``Initiative.objects.public()`` is the one door to the public: an initiative waiting for
review appears in no public page, search, API answer or open-data file."""

import io
import json

import pytest
from django.urls import reverse

from pactmonitor.exchange import opendata
from pactmonitor.initiatives.models import Initiative
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(db):
    region = factory.region(key="noord", name="Noord")
    shown = factory.initiative(key="campus-zichtbaar", name="Campus Zichtbaar")
    hidden = factory.initiative(
        key="campus-verborgen", name="Campus Verborgen", review_state="pending"
    )
    for initiative in (shown, hidden):
        initiative.regions.set([region])
    return shown, hidden


def test_public_holds_only_approved_initiatives(two):
    assert list(Initiative.objects.public()) == [two[0]]


@pytest.mark.parametrize(
    "address",
    [
        "/initiatieven/",
        "/initiatieven/?q=campus",
        "/zoeken/?q=campus",
        "/landsdelen/noord/",
        "/api/v1/initiatives",
        "/api/v1/initiatives?region=noord",
    ],
)
def test_an_initiative_waiting_for_review_is_in_no_public_page(client, two, address):
    response = client.get(address)
    page = response.content.decode()
    assert response.status_code == 200, address
    assert "Campus Zichtbaar" in page and "Campus Verborgen" not in page


def test_its_own_page_and_api_answer_are_not_found(client, two):
    assert client.get(reverse("web:initiative", args=["campus-verborgen"])).status_code == 404
    assert client.get("/api/v1/initiatives/campus-verborgen").status_code == 404


def test_the_open_data_dump_holds_only_approved_initiatives(two):
    handle = io.StringIO()
    opendata.write_json(handle, opendata.TABLES)
    names = [row["naam"] for row in json.loads(handle.getvalue())["tabellen"]["initiatieven"]]
    assert names == ["Campus Zichtbaar"]
