"""The permission policies: one rule per model answers lists (``for_user``) and single objects
(``can``) alike, for every role, with an outsider refused."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pactmonitor.core.permissions import can, get_for_user, permitted_ids
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress.models import Milestone, RegionProfile, ReportingRound, StatusUpdate
from tests import factory, world

pytestmark = pytest.mark.django_db


def edits(user, obj) -> bool:
    return can(user, "edit", obj)


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


def test_the_list_and_the_single_check_agree_for_every_user_and_update():
    w = world.build()
    for name in ("alice", "bob", "carol", "dave", "nina", "adam", "olga"):
        user = getattr(w, name)
        listed = set(StatusUpdate.objects.for_user(user, "edit"))
        assert listed == {u for u in StatusUpdate.objects.all() if edits(user, u)}, name


def test_an_action_of_the_national_pact_about_a_region_belongs_to_that_landsdeel_too():
    w = world.build()
    regional = factory.action(pact=w.national, number="9", region=w.groningen)
    assert edits(w.carol, regional) and not edits(w.dave, regional)


def test_the_national_coordinator_edits_national_actions_but_not_regional_ones():
    w = world.build()
    assert edits(w.nina, w.n2) and not edits(w.nina, w.or1)
    assert edits(w.nina, w.national) and not edits(w.nina, w.pact_oost)


def test_a_landsdeel_coordinator_edits_their_pacts_actions_and_profile_but_not_another_landsdeels():
    w = world.build()
    mine = RegionProfile.objects.get(region=w.noord, round=w.round)
    theirs = RegionProfile.objects.get(region=w.oost, round=w.round)
    assert [edits(w.carol, obj) for obj in (w.pact_noord, w.g1, mine)] == [True, True, True]
    assert [edits(w.carol, obj) for obj in (w.pact_oost, w.or1, theirs, w.national)] == [
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
    assert edits(w.carol, ours) and not edits(w.carol, theirs)
    assert list(Initiative.objects.for_user(w.carol, "edit")) == [ours]


def test_an_owner_edits_no_pact_or_action_only_updates():
    w = world.build()
    assert not any(edits(w.alice, obj) for obj in (w.national, w.n1, w.pact_noord))
    assert not Pact.objects.for_user(w.alice, "edit").exists()


def test_only_the_national_coordinator_and_the_administrator_manage_rounds():
    w = world.build()
    managers = [
        name
        for name in ("alice", "carol", "nina", "adam", "olga")
        if can(getattr(w, name), "manage", w.round)
    ]
    assert managers == ["nina", "adam"]


def test_only_coordinators_see_a_round_at_a_glance():
    w = world.build()
    names = ("alice", "carol", "nina", "adam", "olga")
    assert [n for n in names if can(getattr(w, n), "oversee", w.round)] == ["carol", "nina", "adam"]


def test_only_a_landsdeel_coordinator_and_the_administrator_add_initiatives():
    w = world.build()
    names = ("alice", "carol", "dave", "nina", "adam", "olga")
    assert [n for n in names if can(getattr(w, n), "add", Initiative)] == ["carol", "dave", "adam"]


def test_an_inactive_user_may_change_nothing():
    w = world.build()
    w.carol.is_active = False
    assert not StatusUpdate.objects.editable_by(w.carol).exists()
    assert not can(w.carol, "edit", w.pact_noord)


def test_an_anonymous_visitor_may_do_nothing_in_the_work_pages():
    w = world.build()
    visitor = AnonymousUser()
    assert not StatusUpdate.objects.for_user(visitor, "view").exists()
    assert not can(visitor, "view", w.round) and not can(visitor, "add", Initiative)


def test_the_administrator_edits_everything():
    w = world.build()
    assert (
        StatusUpdate.objects.editable_by(w.adam).count()
        == StatusUpdate.objects.open_drafts().count()
    )
    assert all(edits(w.adam, obj) for obj in [*Pact.objects.all(), *Action.objects.all()])


def test_a_milestone_goes_with_the_scope_of_its_update():
    w = world.build()
    ours = Milestone.objects.create(update=world.draft(w, w.nr1), text="Campus open")
    theirs = Milestone.objects.create(update=world.draft(w, w.or1), text="Oost open")
    assert list(Milestone.objects.for_user(w.carol, "edit")) == [ours]
    assert edits(w.carol, ours) and not edits(w.carol, theirs)


def test_sending_back_is_offered_for_submitted_and_approved_updates_of_an_open_round():
    w = world.build()
    submitted, approved, draft = (world.draft(w, a) for a in (w.nr1, w.g1, w.or1))
    StatusUpdate.objects.filter(pk=submitted.pk).update(state="submitted")
    StatusUpdate.objects.filter(pk=approved.pk).update(state="approved")
    in_round = StatusUpdate.objects.filter(round=w.round)
    assert permitted_ids(w.nina, in_round, ["send_back"])["send_back"] == {
        submitted.pk,
        approved.pk,
    }
    assert draft.pk not in permitted_ids(w.nina, in_round, ["approve"])["approve"]


def test_no_step_is_offered_to_a_coordinator_of_another_landsdeel():
    w = world.build()
    update = world.draft(w, w.nr1)
    StatusUpdate.objects.filter(pk=update.pk).update(state="submitted")
    in_round = StatusUpdate.objects.filter(round=w.round)
    allowed = permitted_ids(w.dave, in_round, ["edit", "approve", "send_back", "correct"])
    assert update.pk not in set().union(*allowed.values())


def test_the_lookup_refuses_an_outsider_and_says_not_found_for_what_does_not_exist():
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    w = world.build()
    with pytest.raises(PermissionDenied):
        get_for_user(w.dave, Pact.objects.all(), "edit", key="pact-noord")
    with pytest.raises(Http404):
        get_for_user(w.carol, Pact.objects.all(), "edit", key="geen-pact")
    assert get_for_user(w.carol, Pact.objects.all(), "edit", key="pact-noord") == w.pact_noord


def test_an_unknown_action_is_a_mistake_not_a_refusal():
    w = world.build()
    with pytest.raises(ValueError, match="publiceren"):
        can(w.nina, "publiceren", w.round)


def test_a_work_page_reads_the_region_tree_once_however_often_it_asks_the_policy(client):
    w = world.build()
    client.force_login(w.carol)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("progress:round", args=[w.round.slug])).status_code == 200
    region_reads = [q for q in captured if 'FROM "regions_region"' in q["sql"]]
    assert len(region_reads) == 1


def test_a_round_policy_lets_everyone_with_a_role_see_the_rounds():
    w = world.build()
    names = ("alice", "carol", "nina", "adam", "olga")
    assert [n for n in names if can(getattr(w, n), "view", w.round)] == [
        "alice",
        "carol",
        "nina",
        "adam",
    ]
    assert ReportingRound.objects.for_user(w.olga, "view").count() == 0
