"""Who may change a pact's planning: whoever may change the pact itself."""

import pytest

from pactmonitor.core.permissions import can
from pactmonitor.pacts.models import PactMilestone
from tests import world

pytestmark = pytest.mark.django_db


def test_a_pacts_planning_is_edited_by_those_who_edit_the_pact():
    w = world.build()
    noord = PactMilestone.objects.create(pact=w.pact_noord, date_text="mei/juni", text="gesprekken")
    national = PactMilestone.objects.create(pact=w.national, date_text="2014", text="congres")
    for user in (w.carol, w.dave, w.nina, w.adam, w.alice):
        for item in (noord, national):
            assert can(user, "edit", item) == can(user, "edit", item.pact), (user, item)
    assert can(w.carol, "edit", noord) and not can(w.dave, "edit", noord)
    assert set(PactMilestone.objects.for_user(w.nina, "edit")) == {national}
