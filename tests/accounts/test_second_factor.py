"""The second step of signing in: required for those who publish and manage, offered to others."""

from base64 import b32decode
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from pactmonitor.progress import services
from tests import factory, world

pytestmark = pytest.mark.django_db
PASSWORD = world.PASSWORD


def sign_in_with_password(client, user):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})


def test_a_national_coordinator_without_a_second_factor_is_sent_to_set_one_up_and_cannot_publish(
    client,
):
    w = world.build()
    services.submit_updates(w.round.updates.all(), user=w.nina)
    services.approve_updates(w.round.updates.all(), user=w.nina)
    sign_in_with_password(client, w.nina)
    publish = client.post(reverse("progress:round_publish", args=[w.round.slug]))
    assert publish.status_code == 302
    assert publish["Location"].startswith(reverse("accounts:second_factor_setup"))
    w.round.refresh_from_db()
    assert w.round.state == "open"


def test_a_signed_in_but_unverified_national_coordinator_is_sent_to_the_second_step_everywhere(
    client,
):
    w = world.build(open_new_round=False)
    factory.totp_device(w.nina)
    factory.sign_in(client, w.nina, verified=False)
    for url in [reverse("progress:home"), reverse("admin:index"), "/uitwisseling/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:second_factor")), url


def test_the_code_from_the_app_completes_the_sign_in_and_returns_to_the_page_asked_for(client):
    w = world.build(open_new_round=False)
    device = factory.totp_device(w.nina)
    sign_in_with_password(client, w.nina)
    asked = client.get(reverse("progress:home"))["Location"]
    response = client.post(asked, {"code": factory.totp_code(device)})
    assert response.status_code == 302 and response["Location"] == reverse("progress:home")
    assert client.get(reverse("progress:home")).status_code == 200


def test_a_wrong_code_is_refused_with_a_message_and_the_user_stays_at_the_second_step(client):
    w = world.build(open_new_round=False)
    factory.totp_device(w.nina)
    sign_in_with_password(client, w.nina)
    response = client.post(reverse("accounts:second_factor"), {"code": "000000"})
    assert response.status_code == 200 and "klopt niet" in response.content.decode()
    assert client.get(reverse("progress:home")).status_code == 302


def test_after_the_second_step_only_a_local_address_is_followed(client):
    w = world.build(open_new_round=False)
    device = factory.totp_device(w.nina)
    sign_in_with_password(client, w.nina)
    response = client.post(
        reverse("accounts:second_factor") + "?next=https://elders.example/",
        {"code": factory.totp_code(device)},
    )
    assert response["Location"] == reverse("progress:home")


def test_setting_up_an_app_shows_a_qr_code_and_the_secret_then_recovery_codes_once(client):
    w = world.build(open_new_round=False)
    sign_in_with_password(client, w.nina)
    page = client.get(reverse("accounts:second_factor_setup"))
    html = page.content.decode()
    assert "<svg" in html and page.context["secret"] in html
    secret = parse_qs(urlparse(page.context["uri"]).query)["secret"][0]
    done = client.post(
        reverse("accounts:second_factor_setup"), {"code": str(totp(b32decode(secret))).zfill(6)}
    )
    assert len(done.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=w.nina).confirmed
    assert client.get(reverse("progress:home")).status_code == 200


def test_a_password_alone_cannot_replace_the_app_of_an_account_that_has_one(client):
    w = world.build(open_new_round=False)
    factory.totp_device(w.nina)
    sign_in_with_password(client, w.nina)
    response = client.get(reverse("accounts:second_factor_setup"))
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    assert TOTPDevice.objects.filter(user=w.nina).count() == 1


def test_an_action_owner_is_not_asked_for_a_second_factor(client):
    w = world.build(open_new_round=False)
    sign_in_with_password(client, w.alice)
    assert client.get(reverse("progress:home")).status_code == 200


def test_an_action_owner_who_set_up_an_app_is_asked_for_it_at_the_next_sign_in(client):
    w = world.build(open_new_round=False)
    factory.totp_device(w.alice)
    sign_in_with_password(client, w.alice)
    response = client.get(reverse("progress:home"))
    assert response["Location"].startswith(reverse("accounts:second_factor"))


def test_new_recovery_codes_need_the_second_step_first(client):
    w = world.build(open_new_round=False)
    factory.totp_device(w.nina)
    factory.sign_in(client, w.nina, verified=False)
    response = client.post(reverse("accounts:recovery_codes"))
    assert response.status_code == 302 and "codes" not in (response.context or {})
    factory.sign_in(client, w.nina)
    assert len(client.post(reverse("accounts:recovery_codes")).context["codes"]) == 10
