from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from pactmonitor.accounts.models import User
from tests import world

pytestmark = pytest.mark.django_db


def code_for(secret: str) -> str:
    """What an authenticator app holding ``secret`` shows now."""
    from base64 import b32decode

    from django_otp.oath import totp

    return str(totp(b32decode(secret))).zfill(6)


def run(*args) -> list[list[str]]:
    out = StringIO()
    call_command("demo_users", *args, stdout=out)
    return [line.split("\t") for line in out.getvalue().splitlines()]


def test_demo_users_prints_role_scope_name_and_password_for_each_user():
    world.build(open_new_round=False)
    lines = run("--owners", "1")
    roles = [line[0] for line in lines]
    assert roles == [
        "beheerder",
        "landelijk coördinator",
        "landsdeelcoördinator",
        "landsdeelcoördinator",
        "actiehouder",
    ]
    assert [line[1] for line in lines[2:4]] == ["Noord", "Oost"]
    assert all(len(line) == 6 for line in lines)


def test_each_printed_sign_in_works_with_the_printed_second_factor_where_one_is_needed(client):
    world.build(open_new_round=False)
    for _role, _scope, username, password, uri, _codes in run():
        client.post(reverse("accounts:login"), {"username": username, "password": password})
        if uri != "–":
            secret = parse_qs(urlparse(uri).query)["secret"][0]
            client.post(reverse("accounts:second_factor"), {"code": code_for(secret)})
        assert client.get(reverse("progress:home")).status_code == 200, username
        client.logout()


def test_a_printed_recovery_code_signs_in_once():
    world.build(open_new_round=False)
    _role, _scope, username, password, _uri, codes = run()[0]
    code = codes.split()[0]
    for expected in (200, 302):
        client = Client()
        client.post(reverse("accounts:login"), {"username": username, "password": password})
        client.post(reverse("accounts:second_factor"), {"code": code})
        assert client.get(reverse("progress:home")).status_code == expected


def test_only_the_national_coordinator_and_the_administrator_get_a_second_factor():
    world.build(open_new_round=False)
    needing = [line[0] for line in run() if line[4] != "–"]
    assert needing == ["beheerder", "landelijk coördinator"]


def test_a_weak_password_is_refused_with_the_rule_it_breaks():
    world.build(open_new_round=False)
    for weak, rule in [("1", "12"), ("Techniekpact2020", "woorden of jaartallen")]:
        with pytest.raises(CommandError, match=rule):
            run("--password", weak)
    assert not User.objects.filter(username="beheerder").exists()


def test_the_default_passwords_pass_the_password_rules():
    world.build(open_new_round=False)
    for _role, _scope, username, password, *_ in run():
        validate_password(password, User.objects.get(username=username))


def test_owners_are_made_for_organisations_that_lead_actions():
    w = world.build(open_new_round=False)
    run()
    owners = User.objects.filter(role="action_owner", username__startswith="eigenaar-")
    assert {o.organisation for o in owners} == {w.school, w.bedrijf}


def test_running_it_again_resets_the_passwords_instead_of_adding_users():
    world.build(open_new_round=False)
    run("--password", "eerste-wachtwoord")
    count = User.objects.count()
    lines = run("--password", "tweede-wachtwoord")
    assert User.objects.count() == count
    assert User.objects.get(username=lines[0][2]).check_password("tweede-wachtwoord")


def test_without_a_dataset_it_says_to_load_one_first():
    with pytest.raises(CommandError, match="load-techniekpact"):
        run()
