import pytest
from django.urls import reverse

from tests import factory

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord"


def sign_in(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_user_signs_in_and_lands_on_their_work(client):
    factory.user(username="alice", role="action_owner", password=PASSWORD)
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("progress:home")


def test_a_wrong_password_is_refused_with_a_message(client):
    factory.user(username="alice", password=PASSWORD)
    response = sign_in(client, "alice", "fout")
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_user_out_even_with_the_right_password(client, settings):
    factory.user(username="alice", password=PASSWORD)
    for _ in range(settings.PACTMONITOR_USERNAME_FAILURE_LIMIT):
        sign_in(client, "alice", "fout")
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 429 and "tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_for_one_user_do_not_lock_out_another(client, settings):
    factory.user(username="alice", password=PASSWORD)
    factory.user(username="bob", password=PASSWORD)
    for _ in range(settings.PACTMONITOR_USERNAME_FAILURE_LIMIT):
        sign_in(client, "alice", "fout")
    assert sign_in(client, "bob", PASSWORD).status_code == 302


def test_signing_out_takes_a_post_and_ends_the_session(client):
    client.force_login(factory.user(username="alice"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_the_sign_in_form_carries_a_csrf_token(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "csrfmiddlewaretoken" in page


def test_a_post_without_the_csrf_token_is_refused():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    factory.user(username="alice", password=PASSWORD)
    response = strict.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403


def spray(client, usernames, guesses: int, **meta) -> None:
    for username in usernames:
        for _ in range(guesses):
            client.post(
                reverse("accounts:login"), {"username": username, "password": "fout"}, **meta
            )


def test_guessing_a_few_passwords_for_many_accounts_from_one_address_is_locked(client, settings):
    factory.user(username="alice", password=PASSWORD)
    limit = settings.PACTMONITOR_ADDRESS_FAILURE_LIMIT
    spray(client, [f"gebruiker-{n}" for n in range(limit // 4)], 4)  # under the per-name limit
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_the_spray_from_one_address_does_not_lock_out_another_address(client, settings):
    factory.user(username="alice", password=PASSWORD)
    spray(
        client,
        [f"gebruiker-{n}" for n in range(settings.PACTMONITOR_ADDRESS_FAILURE_LIMIT // 4)],
        4,
    )
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_the_addresss_failures(client, settings):
    factory.user(username="alice", password=PASSWORD)
    factory.user(username="mallory", password=PASSWORD)
    names = [f"gebruiker-{n}" for n in range(settings.PACTMONITOR_ADDRESS_FAILURE_LIMIT // 4)]
    spray(client, names[:-1], 4)
    assert sign_in(client, "mallory", PASSWORD).status_code == 302
    client.logout()
    spray(client, names[-1:], 4)
    assert sign_in(client, "alice", PASSWORD).status_code == 429


def test_a_forwarded_for_header_does_not_hide_the_address_unless_behind_a_proxy(client, settings):
    factory.user(username="alice", password=PASSWORD)
    for n in range(settings.PACTMONITOR_ADDRESS_FAILURE_LIMIT):
        spray(client, [f"gebruiker-{n}"], 1, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert sign_in(client, "alice", PASSWORD).status_code == 429


def test_behind_the_proxy_the_address_it_forwarded_is_the_one_counted(client, settings):
    settings.AXES_CLIENT_IP_CALLABLE = "pactmonitor.accounts.throttling.forwarded_address"
    factory.user(username="alice", password=PASSWORD)
    spray(
        client,
        [f"gebruiker-{n}" for n in range(settings.PACTMONITOR_ADDRESS_FAILURE_LIMIT // 4)],
        4,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.10",
    )
    assert response.status_code == 302
