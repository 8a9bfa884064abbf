"""The action form: a number by the stated pattern, unique within its pact."""

import pytest

from pactmonitor.pacts.forms import ActionForm
from tests import factory

pytestmark = pytest.mark.django_db


def _form(number: str) -> ActionForm:
    return ActionForm({"number": number, "title": "Nieuwe actie"}, pact=factory.pact())


@pytest.mark.parametrize("number", ["1", "22", "123", "3b", " 12 "])
def test_an_action_number_of_digits_and_one_letter_is_accepted(number):
    assert _form(number).is_valid()


@pytest.mark.parametrize("number", ["1/2", "<b>1</b>", "1234", "3B", "3bc", "a", "1 2", "-1"])
def test_any_other_action_number_is_refused_with_the_pattern_in_words(number):
    form = _form(number)
    assert not form.is_valid()
    assert "1 tot 3 cijfers" in " ".join(map(str, form.errors["number"]))


def test_the_form_states_the_pattern_in_its_help_text():
    assert "zoals 12 of 3b" in str(_form("1").fields["number"].help_text)
