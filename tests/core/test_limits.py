"""Request bodies: refused from their declared length, before anything reads or spools them."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from pactmonitor.limits import MB, body_limit, route_limit
from tests import world

pytestmark = pytest.mark.django_db


class CountingInput:
    """A request body that counts what is read from it (and gives up after 1 MB)."""

    def __init__(self):
        self.read_bytes = 0

    def read(self, size=-1):
        size = MB if size is None or size < 0 else min(size, MB)
        chunk = b"x" * max(0, min(size, MB - self.read_bytes))
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size)


def _post(client, url: str, length: int):
    body = CountingInput()
    response = client.post(
        url,
        data=b"",
        content_type="multipart/form-data; boundary=grens",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": body},
    )
    return response, body


def test_an_anonymous_300_mb_post_is_refused_without_reading_the_body():
    response, body = _post(Client(enforce_csrf_checks=True), "/accounts/login/", 300 * MB)
    assert response.status_code == 413 and body.read_bytes == 0
    assert "hoogstens 1 MB" in response.content.decode()


def test_an_anonymous_post_to_an_upload_route_gets_only_the_small_limit():
    w = world.build()
    url = reverse("exchange:upload", args=[w.round.slug])
    response, body = _post(Client(enforce_csrf_checks=True), url, 5 * MB)
    assert response.status_code == 413 and body.read_bytes == 0


def test_a_signed_in_users_ordinary_post_over_1_mb_is_refused():
    w = world.build()
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.alice)
    response, body = _post(client, reverse("progress:home"), 2 * MB)
    assert response.status_code == 413 and body.read_bytes == 0


def test_the_workbook_upload_takes_a_workbook_of_10_mb_but_not_more():
    w = world.build()
    request = RequestFactory().post(reverse("exchange:upload", args=[w.round.slug]))
    request.user = w.alice
    assert route_limit(request) == 11 * MB


def test_a_view_declares_its_own_limit_for_a_larger_upload():
    @body_limit(200 * MB)
    def view(request):
        raise AssertionError

    assert view.body_limit == 200 * MB  # type: ignore[attr-defined]  # set by the decorator


def test_a_chunked_body_without_a_length_is_cut_off_before_it_starts():
    # What the middleware relies on for bodies it cannot measure: Django reads none of it.
    from django.core.handlers.wsgi import WSGIRequest

    environ = RequestFactory().post("/").environ
    environ.pop("CONTENT_LENGTH", None)
    body = CountingInput()
    request = WSGIRequest({**environ, "HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": body})
    assert request.body == b"" and body.read_bytes == 0
