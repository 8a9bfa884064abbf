from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pactmonitor.accounts.models import User
from tests import world

pytestmark = pytest.mark.django_db


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
    assert all(len(line) == 4 for line in lines)


def test_each_printed_password_signs_in(client):
    world.build(open_new_round=False)
    for _role, _scope, username, password in run():
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": password}
        )
        assert response.status_code == 302, username
        client.logout()


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
