"""The busy pages read a fixed number of queries, however many actions a pact has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factory

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_actions(world, n: int) -> None:
    for _ in range(n):
        action = factory.action(pact=world.pact, action_line=world.kiezen, leads=[world.ocw])
        sub = factory.sub_measure(action=action, letter="a")
        factory.status_update(action=action, sub_measure=sub, round=world.r2014, state="published")


@pytest.mark.parametrize(
    "url", ["/", "/pacten/techniekpact-2020/", "/rondes/2014/", "/vergelijken/?ronde=2015"]
)
def test_the_query_count_does_not_grow_with_the_number_of_actions(client, world, url):
    before = queries_for(client, url)
    add_actions(world, 10)
    assert queries_for(client, url) == before


def test_the_dashboard_stays_under_its_query_budget(client, world):
    assert queries_for(client, "/") <= 30


@pytest.fixture
def duo_figures(world, tmp_path, settings):
    from tests import duo

    settings.DATA_DIR = tmp_path
    return duo.build(world.noord, world.oost, world.nl)


def add_figures(world, figures, years) -> None:
    """A new batch with another municipality and more years."""
    batch = factory.import_batch()
    town = factory.region(kind="gemeente", parent=world.oost)
    for year in years:
        for level in ("havo", "vwo", "ho"):
            factory.figure(
                batch=batch,
                indicator=figures.indicator,
                region=town,
                year=year,
                education_level=level,
                numerator=5,
                denominator=10,
            )


@pytest.mark.parametrize("url", ["/", "/indicatoren/nt-ng-profiel/"])
def test_the_query_count_does_not_grow_with_the_figures(client, world, duo_figures, url):
    queries_for(client, url)  # builds the snapshot
    before = queries_for(client, url)
    add_figures(world, duo_figures, range(2010, 2020))
    queries_for(client, url)  # rebuilds it for the new batch
    assert queries_for(client, url) == before


def test_the_indicator_page_stays_under_its_query_budget(client, world, duo_figures):
    queries_for(client, "/indicatoren/nt-ng-profiel/")
    assert queries_for(client, "/indicatoren/nt-ng-profiel/") <= 8
