"""A refused page says, in Dutch, why and what the user may do instead."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forbidden_url():
    """A work page an action owner may not open: the upload of open-data figures."""
    return reverse("indicators:imports")


def test_a_signed_in_user_refused_a_page_is_told_who_they_are_and_where_to_go(
    client, forbidden_url
):
    organisation = factory.organisation(name="Stichting Techniek Oost")
    owner = factory.user(username="olga", role="action_owner", organisation=organisation)
    client.force_login(owner)
    response = client.get(forbidden_url)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in page and "olga" in page and "Stichting Techniek Oost" in page
    assert reverse("progress:home") in page and reverse("web:dashboard") in page
    assert "403 Forbidden" not in page


def test_an_account_without_a_role_refused_a_page_is_told_it_has_no_role_yet(client, forbidden_url):
    client.force_login(factory.user(username="rolf"))
    response = client.get(forbidden_url)
    page = response.content.decode()
    assert response.status_code == 403
    assert "U bent ingelogd als rolf, maar uw account heeft nog geen rol" in page
    assert "(, )" not in page


def test_a_form_posted_without_its_token_gets_a_dutch_page_and_changes_nothing():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("accounts:password_reset"), {"email": "a@example.org"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Formulier verlopen" in page and "Er is niets gewijzigd" in page
