"""The scope rules on the user model, for the registry as well as the updates."""

import pytest

from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress.models import RegionProfile, StatusUpdate
from tests import factory, world

pytestmark = pytest.mark.django_db


def test_an_owner_edits_only_the_drafts_of_actions_their_organisation_leads():
    w = world.build()
    editable = {
        (u.action.pact.key, u.action.number) for u in StatusUpdate.objects.editable_by(w.alice)
    }
    assert editable == {("nationaal", "1"), ("pact-noord", "1")}


def test_a_landsdeel_coordinator_edits_the_drafts_of_every_pact_below_their_landsdeel():
    w = world.build()
    editable = {u.action.pact.key for u in StatusUpdate.objects.editable_by(w.carol)}
    assert editable == {"pact-noord", "pact-groningen"}


def test_an_action_of_the_national_pact_about_a_region_belongs_to_that_landsdeel_too():
    w = world.build()
    regional = factory.action(pact=w.national, number="9", region=w.groningen)
    assert w.carol.can_edit(regional) and not w.dave.can_edit(regional)


def test_the_national_coordinator_edits_national_actions_but_not_regional_ones():
    w = world.build()
    assert w.nina.can_edit(w.n2) and not w.nina.can_edit(w.or1)
    assert w.nina.can_edit(w.national) and not w.nina.can_edit(w.pact_oost)


def test_a_landsdeel_coordinator_edits_their_pacts_actions_and_profile_but_not_another_landsdeels():
    w = world.build()
    mine = RegionProfile.objects.get(region=w.noord, round=w.round)
    theirs = RegionProfile.objects.get(region=w.oost, round=w.round)
    assert [w.carol.can_edit(obj) for obj in (w.pact_noord, w.g1, mine)] == [True, True, True]
    assert [w.carol.can_edit(obj) for obj in (w.pact_oost, w.or1, theirs, w.national)] == [
        False,
        False,
        False,
        False,
    ]


def test_a_landsdeel_coordinator_edits_the_initiatives_in_their_landsdeel():
    w = world.build()
    ours, theirs = factory.initiative(), factory.initiative()
    ours.regions.set([w.groningen])
    theirs.regions.set([w.oost])
    assert w.carol.can_edit(ours) and not w.carol.can_edit(theirs)


def test_an_owner_edits_no_pact_or_action_only_updates():
    w = world.build()
    assert not any(w.alice.can_edit(obj) for obj in (w.national, w.n1, w.pact_noord))


def test_only_the_national_coordinator_and_the_administrator_manage_rounds():
    w = world.build()
    managers = [
        name
        for name in ("alice", "carol", "nina", "adam", "olga")
        if getattr(w, name).can("manage", w.round)
    ]
    assert managers == ["nina", "adam"]


def test_an_inactive_user_may_change_nothing():
    w = world.build()
    w.carol.is_active = False
    assert not StatusUpdate.objects.editable_by(w.carol).exists()


def test_the_administrator_edits_everything():
    w = world.build()
    assert (
        StatusUpdate.objects.editable_by(w.adam).count()
        == StatusUpdate.objects.open_drafts().count()
    )
    assert all(w.adam.can_edit(obj) for obj in [*Pact.objects.all(), *Action.objects.all()])
