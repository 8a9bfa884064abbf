import pytest
from django.db import IntegrityError, transaction

from pactmonitor.pacts.models import Action
from tests import factory

pytestmark = pytest.mark.django_db


def test_action_numbers_are_unique_within_a_pact():
    action = factory.action(number="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        factory.action(pact=action.pact, number="1")


def test_the_same_number_may_be_used_in_another_pact():
    factory.action(number="1")
    factory.action(number="1")
    assert Action.objects.filter(number="1").count() == 2


def test_actions_sort_by_number_not_by_text():
    pact = factory.pact()
    for number in ["10", "2", "1", "3b", "3a"]:
        factory.action(pact=pact, number=number)
    assert [a.number for a in pact.actions.all()] == ["1", "2", "3a", "3b", "10"]


def test_sub_measure_letters_are_unique_within_an_action():
    measure = factory.sub_measure(letter="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        factory.sub_measure(action=measure.action, letter="a")


def test_a_change_to_an_action_is_kept_in_its_history():
    action = factory.action(title="Oude titel")
    action.title = "Nieuwe titel"
    action.save()
    titles = [h.title for h in action.history.order_by("history_date")]
    assert titles == ["Oude titel", "Nieuwe titel"]
    assert action.history.first().history_type == "~"
