"""Who may change a qualitative finding: the national coordinator, or the landsdeel
coordinator of the region it is about."""

import pytest

from pactmonitor.core.permissions import can
from pactmonitor.indicators.models import Finding
from tests import world

pytestmark = pytest.mark.django_db


def test_a_finding_is_edited_nationally_or_by_the_coordinator_of_its_landsdeel():
    w = world.build()
    groningen = Finding.objects.create(text="De arbeidsmarkt is ruim.", region=w.groningen)
    oost = Finding.objects.create(text="De krapte neemt toe.", region=w.oost)
    assert can(w.carol, "edit", groningen) and not can(w.carol, "edit", oost)
    assert can(w.nina, "edit", groningen) and can(w.nina, "edit", oost)
    assert not can(w.alice, "edit", groningen)
    assert set(Finding.objects.for_user(w.carol, "edit")) == {groningen}
