"""Public pages are served from the cache until a public change commits, after the security
checks, keyed by what makes a page different, and never at the cost of a page."""

import errno
import io
import logging
import urllib.parse
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext

from pactmonitor.core import pagecache
from pactmonitor.initiatives import services as initiative_review
from pactmonitor.progress import corrections, services
from pactmonitor.progress.models import StatusUpdate
from tests import factory
from tests import world as round_world

pytestmark = pytest.mark.django_db


# --- Served from the cache ----------------------------------------------------------------------


def test_a_second_visit_is_served_from_the_cache_without_queries(client, world):
    client.get("/pacten/techniekpact-2020/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/pacten/techniekpact-2020/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert "Techniek in het basisonderwijs" in response.content.decode()
    assert len(queries) == 0


def test_dutch_and_english_pages_are_cached_apart(client, world):
    assert '<html lang="nl"' in client.get("/").content.decode()
    english = client.get("/en/")
    assert english.status_code == 200 and '<html lang="en"' in english.content.decode()


def test_a_signed_in_user_is_never_served_a_cached_page(client, world):
    client.get("/")
    client.force_login(factory.user(username="coordinator"))
    response = client.get("/")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "Techniek in het basisonderwijs" in response.content.decode()


def test_a_visitor_with_pending_messages_is_not_served_or_stored_in_the_cache(client, world):
    client.get("/")  # stored for visitors without cookies
    client.cookies["messages"] = "something"
    response = client.get("/")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "Techniek in het basisonderwijs" in response.content.decode()


# --- Emptied after commit, by public changes only -----------------------------------------------


def test_an_edit_shows_on_the_next_visit_once_committed(client, world, committed):
    client.get("/pacten/techniekpact-2020/")
    with committed():
        world.a2.title = "Doorlopende leerlijnen techniek"
        world.a2.save()
    response = client.get("/pacten/techniekpact-2020/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    assert "Doorlopende leerlijnen techniek" in response.content.decode()


def test_an_edit_not_yet_committed_leaves_the_cached_page(client, world):
    client.get("/pacten/techniekpact-2020/")
    with transaction.atomic():
        world.a2.title = "Nog niet vastgelegd"
        world.a2.save()
        response = client.get("/pacten/techniekpact-2020/")
        assert response["X-Page-Cache"] == "hit"
        page = response.content.decode()
        assert "Doorlopende leerlijnen" in page and "Nog niet vastgelegd" not in page


def test_a_rolled_back_change_leaves_the_cached_pages_alone(client, world, committed):
    client.get("/pacten/techniekpact-2020/")
    with committed() as callbacks, pytest.raises(RuntimeError):
        with transaction.atomic():
            world.a2.title = "Teruggedraaid"
            world.a2.save()
            raise RuntimeError("the save fails after the write")
    assert callbacks == []
    response = client.get("/pacten/techniekpact-2020/")
    assert response["X-Page-Cache"] == "hit" and "Teruggedraaid" not in response.content.decode()
    assert response.status_code == 200 and "Doorlopende leerlijnen" in response.content.decode()


def test_publishing_a_round_shows_on_the_next_visit(client, world, committed):
    client.get("/")
    with committed():
        world.draft_round.state = "published"
        world.draft_round.save()
    response = client.get("/")
    assert response.status_code == 200 and "Concept 2016" in response.content.decode()


def test_a_new_owner_shows_on_the_next_visit(client, world, committed):
    client.get("/pacten/techniekpact-2020/")
    with committed():
        world.a3.leads.add(factory.organisation(name="Techniek Nederland"))
    response = client.get("/pacten/techniekpact-2020/")
    assert response.status_code == 200 and "Techniek Nederland" in response.content.decode()


def test_many_changes_in_one_transaction_drop_the_pages_once(world, committed):
    with committed() as callbacks:
        with transaction.atomic():
            for number in ("1", "2", "3"):
                factory.action(pact=world.pact, number=f"9{number}", title="Nieuw")
    assert callbacks == [pagecache.drop_all_pages]


@pytest.fixture
def round_cycle(db):
    return round_world.build()


def test_a_correction_published_through_the_service_shows_on_the_next_visit(
    client, round_cycle, committed
):
    w = round_cycle
    published = StatusUpdate.objects.public().get(action=w.n2)
    assert (
        "Stages lopen volgens plan." in client.get("/pacten/nationaal/acties/2/").content.decode()
    )
    with committed():
        services.correct_update(published, reason="Verkeerde tekst", narrative="Stages gestopt.")
    page = client.get("/pacten/nationaal/acties/2/").content.decode()
    assert "Stages gestopt." in page


def test_saving_a_draft_keeps_the_public_pages_cached(client, round_cycle, committed):
    w = round_cycle
    client.get("/pacten/nationaal/")
    editor = factory_client(w.bob)
    update = round_world.draft(w, w.n2)
    data = {
        "status": "vertraagd",
        "narrative": "Concepttekst",
        "new": "",
        "revision": update.revision,
    }
    for prefix in ("mijlpalen", "vindplaatsen"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    with committed():
        saved = editor.post(f"/werk/updates/{update.pk}/", data)
    assert saved.status_code == 302
    assert StatusUpdate.objects.get(pk=update.pk).narrative == "Concepttekst"
    assert client.get("/pacten/nationaal/")["X-Page-Cache"] == "hit"
    assert_shows_the_national_pact(client)


def test_sending_an_update_back_with_a_comment_keeps_the_public_pages_cached(
    client, round_cycle, committed
):
    w = round_cycle
    update = round_world.draft(w, w.n2)
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.bob)
    client.get("/pacten/nationaal/")
    with committed():
        services.send_back_update(update, comment="Graag cijfers", user=w.nina)
    assert client.get("/pacten/nationaal/")["X-Page-Cache"] == "hit"
    assert_shows_the_national_pact(client)


def test_an_initiative_or_correction_waiting_for_review_keeps_the_public_pages_cached(
    client, round_cycle, committed
):
    w = round_cycle
    client.get("/initiatieven/")
    published = StatusUpdate.objects.public().get(action=w.n2)
    with committed():
        pending = factory.initiative(name="Campus Wacht", review_state="pending")
        pending.regions.set([w.noord])
        corrections.propose_correction(published, reason="Kleur", user=w.nina, narrative="X")
    assert client.get("/initiatieven/")["X-Page-Cache"] == "hit"


def test_an_approved_initiative_shows_on_the_next_visit(client, round_cycle, committed):
    w = round_cycle
    pending = factory.initiative(name="Campus Later", review_state="pending")
    assert "Campus Later" not in client.get("/initiatieven/").content.decode()
    with committed():
        initiative_review.approve_initiative(pending, user=w.nina)
    assert "Campus Later" in client.get("/initiatieven/").content.decode()


def test_a_users_settings_keep_the_public_pages_cached(client, round_cycle, committed):
    client.get("/pacten/nationaal/")
    with committed():
        round_cycle.bob.first_name = "Robert"
        round_cycle.bob.save()
    assert client.get("/pacten/nationaal/")["X-Page-Cache"] == "hit"
    assert_shows_the_national_pact(client)


def assert_shows_the_national_pact(client):
    response = client.get("/pacten/nationaal/")
    assert response.status_code == 200
    assert "Nationaal pact" in response.content.decode() and "Stages" in response.content.decode()


def factory_client(user):
    from django.test import Client

    signed_in = Client()
    signed_in.force_login(user)
    return signed_in


# --- After the security checks --------------------------------------------------------------------


def test_a_cached_page_over_http_is_redirected_when_https_is_required(client, world, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/", secure=True).status_code == 200  # stored for https://testserver
    response = client.get("/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/"


def test_a_disallowed_host_gets_400_even_when_the_page_is_cached(client, world):
    client.get("/")
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_the_same_path_on_another_allowed_host_is_a_page_of_its_own(client, world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    client.get("/")
    mirrored = client.get("/", HTTP_HOST="mirror.example")
    assert mirrored["X-Page-Cache"] == "miss"
    assert mirrored.status_code == 200 and "Techniekpact 2020" in mirrored.content.decode()


def test_x_forwarded_proto_is_ignored_unless_behind_a_proxy(client, world, settings):
    assert settings.SECURE_PROXY_SSL_HEADER is None  # PACTMONITOR_BEHIND_PROXY not set
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301


# --- Keyed by the parameters the page reads -----------------------------------------------------


@pytest.fixture
def renders(monkeypatch):
    """Count the public pages' template renders."""
    from pactmonitor.web import views

    count = {"n": 0}
    real = views.render

    def counting(*args, **kwargs):
        count["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "render", counting)
    return count


def test_random_query_strings_do_not_render_the_page_again(client, world, renders):
    for n in range(5):
        assert client.get(f"/pacten/techniekpact-2020/?r={n}").status_code == 200
    assert renders["n"] == 1


def test_a_page_is_rendered_without_the_parameters_it_does_not_read(client, world):
    response = client.get("/pacten/techniekpact-2020/?r=injected")
    page = response.content.decode()
    assert "injected" not in page  # e.g. the language switch's link
    assert response.status_code == 200 and "Techniek in het basisonderwijs" in page


def test_the_parameters_a_page_reads_are_pages_of_their_own(client, world, renders):
    assert "Regionale aanpak" in client.get("/zoeken/?q=regionale").content.decode()
    assert "Regionale aanpak" not in client.get("/zoeken/?q=basisonderwijs").content.decode()
    client.get("/zoeken/?q=regionale&r=1")
    assert renders["n"] == 2


def test_a_report_with_a_random_query_string_is_not_made_again(client, world, monkeypatch):
    from pactmonitor.reports import storage

    factory.produced_edition("rapportages/2014")
    made = []

    def render(report, format):
        made.append(format)
        return b""

    monkeypatch.setattr(storage, "render", render)
    for n in range(3):
        response = client.get(f"/rapportages/2014/bijlage1.pdf?r={n}")
        assert response.status_code == 200
    assert made == []  # the stored file, every time


# --- Headers a proxy or CDN can act on ----------------------------------------------------------


def test_public_pages_tell_a_proxy_how_long_to_keep_them(client, world):
    for response in (client.get("/"), client.get("/")):
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=60, must-revalidate"
        assert response["ETag"].startswith('"') and "Last-Modified" in response


def test_a_visitor_with_the_current_copy_gets_304(client, world):
    etag = client.get("/pacten/").headers["ETag"]
    response = client.get("/pacten/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


def test_a_visitor_with_a_copy_since_the_last_change_gets_304(client, world):
    last_modified = client.get("/pacten/").headers["Last-Modified"]
    assert client.get("/pacten/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_visitor_with_an_old_copy_gets_the_page(client, world):
    client.get("/pacten/")
    response = client.get("/pacten/", HTTP_IF_NONE_MATCH='"old"')
    assert response.status_code == 200 and "Techniekpact 2020" in response.content.decode()


def test_work_pages_are_private(client, round_cycle):
    sign_in = client.get("/account/inloggen/")["Cache-Control"]
    assert "private" in sign_in and "no-store" in sign_in
    client.force_login(round_cycle.nina)
    response = client.get("/werk/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_a_public_page_for_a_signed_in_user_is_private(client, round_cycle):
    client.force_login(round_cycle.nina)
    response = client.get("/pacten/")
    assert response["Cache-Control"] == "private, no-store"
    assert response.status_code == 200 and "Nationaal pact" in response.content.decode()


# --- A cache that cannot be written ---------------------------------------------------------------


def test_a_full_disk_never_fails_the_page(client, world, settings, tmp_path, monkeypatch, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    # The tempfile module the file-based cache writes through.
    monkeypatch.setattr("django.core.cache.backends.filebased.tempfile.mkstemp", full_disk)
    with caplog.at_level(logging.WARNING, logger="pactmonitor.core.pagecache"):
        responses = [client.get("/rondes/2014/"), client.get("/pacten/")]
    assert [r.status_code for r in responses] == [200, 200]
    assert "Techniekpact 2020" in responses[1].content.decode()
    assert "No space left on device" in caplog.text


def test_a_page_that_cannot_be_stored_is_served_and_logged(client, world, monkeypatch, caplog):
    from django.core.cache import cache

    client.get("/")  # the generation token exists

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache, "set", full_disk)
    with caplog.at_level(logging.ERROR, logger="pactmonitor.core.pagecache"):
        response = client.get("/pacten/")
    assert response.status_code == 200 and "Techniekpact 2020" in response.content.decode()
    assert "served uncached" in caplog.text


# --- The fast path of `pactmonitor serve`, called as gunicorn calls it ----------------------------


def wsgi_get(path: str, cookie: str = "", **extra) -> tuple[str, dict, bytes]:
    """Call `pactmonitor serve`'s WSGI application directly, as gunicorn would."""
    from django.core.wsgi import get_wsgi_application

    from pactmonitor.core.pagecache import CachedPagesWSGI

    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie, "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(), **extra,
    }  # fmt: skip
    seen: dict[str, Any] = {}
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
    status, headers, body = wsgi_get("/pacten/techniekpact-2020/?r=1")
    assert status.startswith("200") and headers["X-Page-Cache"] == "hit"
    assert body == first.content and headers["X-Frame-Options"] == "DENY"


def test_the_server_answers_a_stored_english_page_in_english(client, world):
    client.get("/en/pacten/")
    status, headers, body = wsgi_get("/en/pacten/")
    assert headers["X-Page-Cache"] == "hit" and b'<html lang="en"' in body
    assert status.startswith("200") and "Techniekpact 2020" in body.decode()


def test_the_server_sends_a_visitor_with_a_session_to_django(client, world):
    client.get("/pacten/techniekpact-2020/")
    status, headers, body = wsgi_get("/pacten/techniekpact-2020/", cookie="sessionid=abc")
    assert status.startswith("200") and "X-Page-Cache" not in headers
    assert "Techniek in het basisonderwijs" in body.decode()


def test_the_server_does_not_answer_from_a_page_stored_before_a_change(client, world, committed):
    client.get("/pacten/techniekpact-2020/")
    with committed():
        world.a2.title = "Nieuwe titel"
        world.a2.save()
    status, headers, body = wsgi_get("/pacten/techniekpact-2020/")
    assert headers["X-Page-Cache"] == "miss" and b"Nieuwe titel" in body
    assert status.startswith("200")


def test_the_server_redirects_a_cached_page_over_http_when_https_is_required(
    client, world, settings
):
    settings.SECURE_SSL_REDIRECT = True
    client.get("/", secure=True)
    assert wsgi_get("/", **{"wsgi.url_scheme": "https", "SERVER_PORT": "443"})[0].startswith("200")
    status, headers, _ = wsgi_get("/")
    assert status.startswith("301") and headers["Location"] == "https://testserver/"


def test_the_server_refuses_a_disallowed_host_even_when_the_page_is_cached(client, world):
    client.get("/")
    status, _, _ = wsgi_get("/", HTTP_HOST="evil.example")
    assert status.startswith("400")


def test_the_server_ignores_x_forwarded_proto_unless_behind_a_proxy(client, world, settings):
    settings.SECURE_SSL_REDIRECT = True
    client.get("/", secure=True)
    status, _, _ = wsgi_get("/", HTTP_X_FORWARDED_PROTO="https")
    assert status.startswith("301")


def test_the_server_answers_304_to_a_visitor_with_the_current_copy(client, world):
    etag = client.get("/pacten/")["ETag"]
    status, headers, body = wsgi_get("/pacten/", HTTP_IF_NONE_MATCH=etag)
    assert status.startswith("304") and body == b"" and headers["ETag"] == etag


def test_a_head_request_of_a_public_page_is_public_too(client, world):
    response = client.head("/pacten/")
    assert response.status_code == 200 and response["Cache-Control"].startswith("public")
    assert response.content == b"" and int(response["Content-Length"]) > 0


def test_with_the_file_cache_a_change_made_by_another_server_is_seen_on_the_next_request(
    client, world, settings, tmp_path
):
    import time

    from django.core.cache.backends.filebased import FileBasedCache

    from pactmonitor.core.pagecache import GENERATION_KEY, Generation, forget_local_copies

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    forget_local_copies()
    client.get("/pacten/techniekpact-2020/")
    assert wsgi_get("/pacten/techniekpact-2020/")[1]["X-Page-Cache"] == "hit"
    assert wsgi_get("/pacten/techniekpact-2020/")[1]["X-Page-Cache"] == "hit"
    another_server = FileBasedCache(str(tmp_path / "cache"), {})
    another_server.set(GENERATION_KEY, Generation("a-publication", time.time()), None)
    assert wsgi_get("/pacten/techniekpact-2020/")[1]["X-Page-Cache"] == "miss"


def test_an_address_outside_latin_1_reaches_django_intact_after_the_fast_path(client, world):
    # gunicorn hands the path as PEP 3333 latin-1 text; the fast path must not replace it with
    # the decoded UTF-8 form, which Django can then no longer read (it answered 500).
    encoded = "/pacten/%C2%B5%F1%B3%B9%BA/"
    status, headers, _ = wsgi_get(urllib.parse.unquote_to_bytes(encoded).decode("latin-1"))
    assert status.startswith("404")
