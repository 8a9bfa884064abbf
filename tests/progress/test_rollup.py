from types import SimpleNamespace

import pytest

from pactmonitor.progress.rollup import action_status, roll_up
from tests import factory


def u(status, basis="reported"):
    return SimpleNamespace(status=status, basis=basis)


def test_an_update_for_the_whole_action_wins():
    result = roll_up(u("afgerond"), {"a": u("vertraagd")})
    assert result.status == "afgerond"


def test_nothing_reported_is_onbekend():
    result = roll_up(None, {"a": None, "b": None})
    assert (result.status, result.basis, result.reason) == (
        "onbekend",
        "unknown",
        "niet gerapporteerd",
    )


def test_one_delayed_sub_measure_delays_the_action_and_is_named():
    result = roll_up(None, {"a": u("afgerond"), "b": u("vertraagd"), "c": u("op_schema")})
    assert result.status == "vertraagd"
    assert result.reason == "deelmaatregel b vertraagd"


def test_the_action_is_completed_only_when_all_sub_measures_are():
    assert roll_up(None, {"a": u("afgerond"), "b": u("afgerond")}).status == "afgerond"
    assert roll_up(None, {"a": u("afgerond"), "b": u("op_schema")}).status == "op_schema"


def test_an_unknown_sub_measure_makes_the_action_unknown():
    result = roll_up(None, {"a": u("op_schema"), "b": None})
    assert (result.status, result.reason) == ("onbekend", "status van deelmaatregel b onbekend")


def test_the_basis_is_the_weakest_of_the_parts():
    result = roll_up(None, {"a": u("afgerond", "reported"), "b": u("afgerond", "assessed")})
    assert result.basis == "assessed"


@pytest.mark.django_db
def test_the_status_of_a_stored_action_rolls_up_from_its_sub_measures():
    a = factory.sub_measure(letter="a")
    b = factory.sub_measure(action=a.action, letter="b")
    round = factory.reporting_round(pact=a.action.pact)
    factory.status_update(
        action=a.action, sub_measure=a, round=round, status="afgerond", basis="reported"
    )
    factory.status_update(
        action=a.action, sub_measure=b, round=round, status="vertraagd", basis="reported"
    )
    status = action_status(a.action, round)
    assert (status.status, status.reason, status.colour) == (
        "vertraagd",
        "deelmaatregel b vertraagd",
        "rood",
    )
