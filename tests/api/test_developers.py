"""The developers' page: what the API offers, a curl example per resource, the document
rendered by the vendored Swagger UI (nothing from outside the site)."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def _examples(page: str) -> list[str]:
    return [
        html.unescape(found)
        for found in re.findall(r"curl -H 'Accept: application/json' '([^']+)'", page)
    ]


def test_the_page_gives_a_working_curl_example_for_every_resource(client, world):
    page = client.get("/ontwikkelaars/").content.decode()
    examples = _examples(page)
    assert len(examples) >= 12
    for example in examples:
        path = example.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path
    assert 'href="http://testserver/api/v1/openapi.json"' in page


def test_the_examples_name_the_records_that_are_there(client, world):
    examples = _examples(client.get("/ontwikkelaars/").content.decode())
    one_action = [e for e in examples if "/actions/" in e]
    assert one_action and one_action[0].startswith(
        f"http://testserver/api/v1/pacts/{world.pact.key}/"
    )


def test_on_an_empty_database_the_examples_fall_back_to_the_plain_lists(client):
    examples = _examples(client.get("/ontwikkelaars/").content.decode())
    assert "http://testserver/api/v1/pacts" in examples
    assert "http://testserver/api/v1/status-updates" in examples  # no round to name
    for example in examples:
        path = example.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_the_viewer_is_served_from_this_site_only(client, world):
    page = client.get("/ontwikkelaars/").content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/vendor/swagger-ui-bundle.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)
    assert "<script>" not in page  # the Content-Security-Policy allows no inline script


def test_the_page_is_in_english_under_en(client, world):
    page = client.get("/en/ontwikkelaars/").content.decode()
    assert "For developers: the API" in page and "What the API offers" in page


def test_every_page_links_to_the_developers_page(client, world):
    assert 'href="/ontwikkelaars/"' in client.get("/pacten/").content.decode()
