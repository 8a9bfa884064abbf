"""Published pages are served from the cache until something is saved."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factory

pytestmark = pytest.mark.django_db


def test_a_second_visit_is_served_from_the_cache_without_queries(client, world):
    client.get("/pacten/techniekpact-2020/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/pacten/techniekpact-2020/")
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_an_edit_shows_on_the_next_visit(client, world):
    client.get("/pacten/techniekpact-2020/")
    world.a2.title = "Doorlopende leerlijnen techniek"
    world.a2.save()
    response = client.get("/pacten/techniekpact-2020/")
    assert response["X-Page-Cache"] == "miss"
    assert "Doorlopende leerlijnen techniek" in response.content.decode()


def test_publishing_a_round_shows_on_the_next_visit(client, world):
    client.get("/")
    world.draft_round.state = "published"
    world.draft_round.save()
    assert "Concept 2016" in client.get("/").content.decode()


def test_a_new_owner_shows_on_the_next_visit(client, world):
    client.get("/pacten/techniekpact-2020/")
    world.a3.leads.add(factory.organisation(name="Techniek Nederland"))
    assert "Techniek Nederland" in client.get("/pacten/techniekpact-2020/").content.decode()


def test_dutch_and_english_pages_are_cached_apart(client, world):
    client.get("/")
    english = client.get("/en/").content.decode()
    assert '<html lang="en"' in english


def test_a_signed_in_user_is_never_served_a_cached_page(client, world):
    user = factory_user()
    client.get("/")
    client.force_login(user)
    assert "X-Page-Cache" not in client.get("/")


def factory_user():
    from pactmonitor.accounts.models import User

    return User.objects.create_user("coordinator", password="x")
