"""Every page carries the security headers: CSP without inline script, and the others."""

import pytest
from django.urls import reverse

from tests import factory

from .world import build_world

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: values for name, *values in parts}


@pytest.fixture
def pages(client):
    build_world()
    return {
        "public": client.get("/pacten/techniekpact-2020/"),
        "public, from the cache": client.get("/pacten/techniekpact-2020/"),
        "sign-in": client.get(reverse("accounts:login")),
        "admin sign-in": client.get(reverse("admin:login")),
        "not found": client.get("/bestaat-niet/"),
    }


def test_every_page_type_has_a_policy_of_this_site_only_without_inline_script(pages):
    for name, response in pages.items():
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], name
        assert policy["script-src"] == ["'self'"], name
        assert "'unsafe-inline'" not in policy["style-src"], name
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]


def test_every_page_type_has_the_other_security_headers(pages):
    for name, response in pages.items():
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["X-Frame-Options"] == "DENY", name
        assert "camera=()" in response["Permissions-Policy"], name


def test_the_work_pages_have_the_same_policy(client):
    build_world()
    client.force_login(factory.user(username="nina", role="national_coordinator"))
    response = client.get(reverse("progress:home"))
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


def test_only_a_report_document_may_carry_its_own_inline_styles_and_still_no_script(client):
    build_world()
    factory.produced_edition("rapportages/2014")
    response = client.get("/rapportages/2014/bijlage1.html")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]
