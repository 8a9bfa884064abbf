"""The busy work pages ask the database the same number of questions however many updates
a round has."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pactmonitor.progress import services
from tests import factory, world

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(w, count: int):
    """The same world with ``count`` more led actions in a fresh round."""
    for n in range(count):
        factory.action(pact=w.pact_noord, number=str(100 + n), leads=[w.school])
    return services.open_round(
        pact=w.national, slug="2016", name="2016", peildatum=datetime.date(2016, 6, 1)
    )


@pytest.mark.parametrize("page", ["progress:round", "progress:overview"])
def test_a_work_page_asks_as_many_queries_for_many_updates_as_for_few(client, page):
    w = world.build()
    client.force_login(w.nina)
    few = queries(client, reverse(page, args=["2015"]))
    grow(w, 15)
    many = queries(client, reverse(page, args=["2016"]))
    assert many == few
