"""What every API response carries and how the API answers other methods, CORS, HEAD, the page
cache and the host and HTTPS rules (api/middleware.py, core/pagecache.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.mark.parametrize(
    "path, status",
    [("/pacts", 200), ("/pacts?page=9", 400), ("/pacts/bestaat-niet", 404), ("/bestaat-niet", 404)],
)
def test_every_response_names_the_api_version_and_is_open_for_reading(client, world, path, status):
    response = client.get(API + path)
    assert response.status_code == status
    assert response["API-Version"] == "1.1.0"
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_method_that_writes_is_refused_with_405_naming_the_reading_methods(client, world, method):
    response = getattr(client, method)(f"{API}/pacts")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 405 and response["API-Version"] == "1.1.0"


def test_a_cors_preflight_is_answered_without_a_body(client, world):
    response = client.options(f"{API}/actions", HTTP_ORIGIN="https://elders.example",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")  # fmt: skip
    assert response.status_code == 204 and response.content == b""
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_head_gives_the_headers_of_get_without_the_body(client, world):
    got = client.get(f"{API}/regions")
    head = client.head(f"{API}/regions")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"] and head["API-Version"] == "1.1.0"


def test_an_unchanged_list_is_answered_from_the_cache_and_304_when_the_client_has_it(client, world):
    first = client.get(f"{API}/actions?pact=techniekpact-2020")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{API}/actions?pact=techniekpact-2020")
    assert again["X-Page-Cache"] == "hit" and len(queries) == 0
    assert again["API-Version"] == "1.1.0" and again["Last-Modified"] == first["Last-Modified"]
    unchanged = client.get(
        f"{API}/actions?pact=techniekpact-2020", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert unchanged.status_code == 304


def test_an_unknown_query_key_is_refused_and_never_served_from_the_cache(client, world):
    client.get(f"{API}/pacts")
    response = client.get(f"{API}/pacts?r=123")
    assert response.status_code == 400 and "X-Page-Cache" not in response
    assert response.json()["invalidParams"][0]["name"] == "r"


def test_a_trailing_slash_is_not_an_address_of_the_api(client, world):
    response = client.get(f"{API}/pacts/")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_a_disallowed_host_is_refused_for_the_api_as_for_pages(client, world):
    response = client.get(f"{API}/pacts", HTTP_HOST="evil.example")
    assert response.status_code == 400 and response["API-Version"] == "1.1.0"
    assert response["Content-Type"] == "application/problem+json"


def test_the_api_is_redirected_to_https_like_every_page(client, world, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(f"{API}/pacts")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert response["API-Version"] == "1.1.0"
