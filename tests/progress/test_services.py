import datetime

import pytest

from pactmonitor.progress import services
from pactmonitor.progress.forms import DraftForm
from pactmonitor.progress.models import RegionProfile, StatusUpdate
from tests import factory, world

pytestmark = pytest.mark.django_db


def test_opening_a_round_makes_a_draft_for_every_action_or_sub_measure_of_the_pact_tree():
    w = world.build()
    subjects = {
        (u.action.pact.key, u.action.number, u.sub_measure.letter if u.sub_measure else "")
        for u in w.round.updates.all()
    }
    assert subjects == {
        ("nationaal", "1", "a"),
        ("nationaal", "1", "b"),
        ("nationaal", "2", ""),
        ("pact-noord", "1", ""),
        ("pact-groningen", "1", ""),
        ("pact-oost", "1", ""),
    }
    assert set(w.round.updates.values_list("state", flat=True)) == {"draft"}


def test_a_draft_is_prefilled_from_the_previous_round_except_what_is_new():
    w = world.build(open_new_round=False)
    previous = w.previous.updates.get(action=w.n2)
    previous.milestones.create(text="Stagebank open", date=datetime.date(2014, 9, 1))
    w.round = services.open_round(
        pact=w.national, slug="2015", name="2015", peildatum=datetime.date(2015, 6, 1)
    )
    draft = world.draft(w, w.n2)
    assert (draft.status, draft.narrative, draft.new) == (
        "op_schema",
        "Stages lopen volgens plan.",
        "",
    )
    assert [m.text for m in draft.milestones.all()] == ["Stagebank open"]


def test_an_action_without_an_earlier_update_starts_as_onbekend():
    w = world.build()
    assert world.draft(w, w.or1).status == "onbekend"


def _form(update, **values):
    data = {
        "status": update.status,
        "narrative": update.narrative,
        "new": update.new,
        "revision": update.revision,
    }
    return DraftForm({**data, **values}, instance=StatusUpdate.objects.get(pk=update.pk))


def test_the_second_of_two_saves_from_the_same_revision_is_refused_and_the_first_is_kept():
    w = world.build()
    draft = world.draft(w, w.n2)
    first, second = _form(draft, narrative="Van Alice"), _form(draft, narrative="Van Bob")
    assert first.is_valid() and second.is_valid()
    services.save_draft(first, expected_revision=draft.revision, user=w.alice)
    with pytest.raises(services.EditConflict) as conflict:
        services.save_draft(second, expected_revision=draft.revision, user=w.bob)
    assert conflict.value.current.narrative == "Van Alice"
    assert StatusUpdate.objects.get(pk=draft.pk).narrative == "Van Alice"


def test_publishing_is_refused_while_an_update_is_not_approved():
    w = world.build()
    with pytest.raises(services.RoundStepRefused):
        services.publish_round(w.round, user=w.nina)
    w.round.refresh_from_db()
    assert w.round.state == "open"


def test_publishing_freezes_every_update_and_makes_the_reported_ones_public():
    w = world.build()
    updates = StatusUpdate.objects.filter(round=w.round)
    oost = world.draft(w, w.or1)
    services.save_draft(
        _form(oost, narrative="Gestart"), expected_revision=oost.revision, user=w.bob
    )
    services.confirm_unchanged(world.draft(w, w.n2), user=w.bob)
    services.submit_updates(updates, user=w.nina)
    for update in updates:
        services.approve_update(update, user=w.nina)
    services.publish_round(w.round, user=w.nina)
    w.round.refresh_from_db()
    assert w.round.state == "published" and w.round.published_at is not None
    assert set(updates.values_list("state", flat=True)) == {"published"}
    # The four drafts nobody changed or confirmed were published but report nothing.
    public = StatusUpdate.objects.public().filter(round=w.round)
    assert {u.action for u in public} == {w.or1, w.n2}


def test_sending_back_needs_a_comment_and_returns_the_update_to_draft_with_it():
    w = world.build()
    update = world.draft(w, w.n2)
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.nina)
    with pytest.raises(services.RoundStepRefused):
        services.send_back_update(update, comment="  ", user=w.nina)
    returned = services.send_back_update(update, comment="Graag cijfers", user=w.nina)
    assert (returned.state, returned.review_comment) == ("draft", "Graag cijfers")


def test_a_round_is_reported_per_action_where_the_earlier_round_reported_the_whole_action():
    w = world.build(open_new_round=False)
    factory.status_update(
        round=w.previous, action=w.n1, state="published", status="afgerond", basis="reported"
    )
    round = services.open_round(
        pact=w.national, slug="2015", name="2015", peildatum=datetime.date(2015, 6, 1)
    )
    drafts = round.updates.filter(action=w.n1)
    assert [(d.sub_measure_id, d.status) for d in drafts] == [(None, "afgerond")]


def test_opening_a_round_gives_each_landsdeel_a_profile_prefilled_from_its_last_one():
    w = world.build(open_new_round=False)
    RegionProfile.objects.create(
        region=w.noord, round=w.previous, organisation="Stuurgroep Noord", state="published"
    )
    round = services.open_round(
        pact=w.national, slug="2015", name="2015", peildatum=datetime.date(2015, 6, 1)
    )
    profiles = dict(round.region_profiles.values_list("region__key", "organisation"))
    assert profiles == {"noord": "Stuurgroep Noord", "oost": ""}
