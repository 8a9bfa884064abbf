"""The national coordinator manages users in the admin, but cannot hand out privileges."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from pactmonitor.accounts.models import User
from tests import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(client):
    w = world.build(open_new_round=False)
    call_command("demo_users", "--password", "demo-wachtwoord", stdout=StringIO())
    client.force_login(User.objects.get(username="landelijk"))
    return w


def test_the_national_coordinator_changes_a_contributors_landsdeel(client, national):
    carol = national.carol
    url = reverse("admin:accounts_user_change", args=[carol.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "username": "carol",
        "first_name": "Carol",
        "last_name": "",
        "email": "carol@example.org",
        "is_active": "on",
        "role": "landsdeel_coordinator",
        "landsdeel": national.oost.pk,
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2015-01-01",
        "date_joined_1": "00:00:00",
        "is_superuser": "on",
        "is_staff": "on",
    }
    client.post(url, data)
    carol.refresh_from_db()
    assert carol.landsdeel == national.oost
    assert not carol.is_superuser and not carol.is_staff


def test_the_national_coordinator_cannot_change_an_administrator(client, national):
    url = reverse("admin:accounts_user_change", args=[User.objects.get(username="beheerder").pk])
    before = User.objects.get(username="beheerder").password
    client.post(url, {"username": "beheerder", "is_active": "on"})
    assert User.objects.get(username="beheerder").password == before
    assert 'name="_save"' not in client.get(url).content.decode()


def test_the_national_coordinator_cannot_make_anyone_an_administrator(client, national):
    page = client.get(
        reverse("admin:accounts_user_change", args=[national.carol.pk])
    ).content.decode()
    assert 'value="administrator"' not in page


def test_a_landsdeel_coordinator_has_no_admin(client, national):
    client.force_login(national.carol)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302


def test_the_national_coordinator_cannot_reset_the_password_of_an_administrator_role(
    client, national
):
    adam = national.adam  # role administrator, not staff
    before = adam.password
    url = reverse("admin:auth_user_password_change", args=[adam.pk])
    response = client.post(url, {"password1": "Overgenomen-123!", "password2": "Overgenomen-123!"})
    adam.refresh_from_db()
    assert response.status_code == 403
    assert adam.password == before
