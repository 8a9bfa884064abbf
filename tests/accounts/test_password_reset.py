"""A user who forgot the password asks for a link by e-mail and chooses a new one."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factory

pytestmark = pytest.mark.django_db


def ask_for_a_link(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def the_link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_the_sign_in_page_offers_a_link_for_a_forgotten_password(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in page and "Wachtwoord vergeten?" in page


def test_a_known_address_gets_one_dutch_e_mail_with_a_link_at_the_site_address(client, settings):
    settings.SITE_URL = "https://pactmonitor.example.nl"
    factory.user(username="alice", email="alice@example.org")
    response = ask_for_a_link(client, "alice@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "Pactmonitor: een nieuw wachtwoord kiezen"
    assert "Beste alice" in message.body and "vervalt na drie dagen" in message.body
    assert the_link(message).startswith(
        "https://pactmonitor.example.nl/account/wachtwoord-herstellen/"
    )


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client):
    factory.user(username="alice", email="alice@example.org")
    response = ask_for_a_link(client, "iemand@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_the_link_sets_a_new_password_that_signs_in_and_works_only_once(client):
    user = factory.user(username="alice", email="alice@example.org", password="oud-wachtwoord-1")
    ask_for_a_link(client, "alice@example.org")
    path = the_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200 and "Nieuw wachtwoord kiezen" in form.content.decode()
    new = "Een-nieuw-lang-wachtwoord-2026"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new) and not user.check_password("oud-wachtwoord-1")
    again = client.get("/" + path, follow=True).content.decode()
    assert "Deze link werkt niet meer" in again


def test_a_weak_new_password_is_refused_by_the_validators_and_changes_nothing(client):
    user = factory.user(username="alice", email="alice@example.org", password="oud-wachtwoord-1")
    ask_for_a_link(client, "alice@example.org")
    path = the_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    refused = client.post(
        form.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"}
    )
    assert refused.status_code == 200
    user.refresh_from_db()
    assert user.check_password("oud-wachtwoord-1")


def test_one_address_gets_at_most_three_links_an_hour_and_then_a_dutch_wait_message(client):
    factory.user(username="alice", email="alice@example.org")
    answers = [ask_for_a_link(client, "Alice@example.org").status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
    limited = ask_for_a_link(client, "alice@example.org")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert "Even wachten met een nieuwe link" in limited.content.decode()
    assert len(mail.outbox) == 3  # nothing more was sent


def test_an_unknown_address_is_limited_the_same_way_so_the_limit_tells_nobody_who_exists(client):
    answers = [ask_for_a_link(client, "iemand@example.org").status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]


def test_one_connection_asking_for_many_addresses_is_stopped_after_ten(client):
    factory.user(username="alice", email="alice@example.org")
    answers = [ask_for_a_link(client, f"iemand{n}@example.org").status_code for n in range(10)]
    assert answers == [302] * 10
    assert ask_for_a_link(client, "alice@example.org").status_code == 429
    assert mail.outbox == []  # alice's address was not reached from the flooding connection
