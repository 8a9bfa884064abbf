"""Published pages are served from the cache until something is saved."""

import io

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
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


def test_a_visitor_with_pending_messages_is_not_served_or_stored_in_the_cache(client, world):
    client.get("/")  # stored for visitors without cookies
    client.cookies["messages"] = "something"
    assert "X-Page-Cache" not in client.get("/")


def wsgi_get(path: str, cookie: str = "") -> tuple[str, dict, bytes]:
    """Call `pactmonitor serve`'s WSGI application directly, as gunicorn would."""
    from django.core.wsgi import get_wsgi_application

    from pactmonitor.web.caching import CachedPagesWSGI

    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie, "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }  # fmt: skip
    seen = {}
    # As Django's test client does: keep the test's database transaction open across the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(
            CachedPagesWSGI(get_wsgi_application())(
                environ, lambda status, headers: seen.update(status=status, headers=dict(headers))
            )
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], seen["headers"], body


def test_the_server_answers_a_stored_page_before_django_with_its_headers(client, world):
    first = client.get("/pacten/techniekpact-2020/")
    status, headers, body = wsgi_get("/pacten/techniekpact-2020/")
    assert status.startswith("200") and headers["X-Page-Cache"] == "hit"
    assert body == first.content and headers["X-Frame-Options"] == "DENY"


def test_the_server_sends_a_visitor_with_a_session_to_django(client, world):
    client.get("/pacten/techniekpact-2020/")
    status, headers, _ = wsgi_get("/pacten/techniekpact-2020/", cookie="sessionid=abc")
    assert status.startswith("200") and "X-Page-Cache" not in headers


def test_the_server_does_not_answer_from_a_page_stored_before_a_change(client, world):
    client.get("/pacten/techniekpact-2020/")
    world.a2.title = "Nieuwe titel"
    world.a2.save()
    _, headers, body = wsgi_get("/pacten/techniekpact-2020/")
    assert headers["X-Page-Cache"] == "miss" and b"Nieuwe titel" in body
