"""Carried over is not reported: a draft prefilled from the previous round reports nothing in
its round until someone changes or confirms it; the state steps never make it a report, and
they leave its author alone (services, the Reporting rule and progress.reporting)."""

import datetime

import pytest

from pactmonitor.progress import services
from pactmonitor.progress.choices import Reporting
from pactmonitor.progress.forms import DraftForm, MilestoneFormSet
from pactmonitor.progress.models import StatusUpdate
from pactmonitor.progress.reporting import action_reporting, round_reporting
from tests import factory, world

pytestmark = pytest.mark.django_db


def save(update, user, **values):
    update = StatusUpdate.objects.get(pk=update.pk)
    data = {"status": update.status, "narrative": update.narrative, "new": update.new}
    form = DraftForm({**data, **values, "revision": update.revision}, instance=update)
    assert form.is_valid(), form.errors
    return services.save_draft(form, expected_revision=update.revision, user=user)


def publish_all(w, user):
    services.submit_updates(StatusUpdate.objects.filter(round=w.round), user=user)
    services.approve_updates(StatusUpdate.objects.filter(round=w.round), user=user)
    services.publish_round(w.round, user=user)


def test_a_draft_prefilled_from_the_previous_round_is_not_reported():
    w = world.build()
    draft = world.draft(w, w.n2)
    assert draft.narrative == "Stages lopen volgens plan."
    assert draft.reporting == Reporting.NOT_REPORTED
    assert not StatusUpdate.objects.filter(round=w.round).reported().exists()


def test_submitting_approving_and_publishing_an_untouched_draft_does_not_make_it_reported():
    w = world.build()
    publish_all(w, w.nina)
    draft = world.draft(w, w.n2)
    assert (draft.state, draft.reporting) == ("published", Reporting.NOT_REPORTED)
    assert not StatusUpdate.objects.public().filter(round=w.round).exists()
    assert StatusUpdate.objects.public().filter(round=w.previous, action=w.n2).exists()


def test_changing_a_draft_makes_it_reported_with_its_saver_as_author():
    w = world.build()
    saved = save(world.draft(w, w.n2), w.bob, narrative="Stages lopen; 40 bedrijven doen mee.")
    assert (saved.reporting, saved.updated_by) == (Reporting.CHANGED, w.bob)


def test_saving_a_draft_without_a_change_leaves_it_not_reported_and_without_author():
    w = world.build()
    saved = save(world.draft(w, w.n2), w.bob)
    assert (saved.reporting, saved.updated_by) == (Reporting.NOT_REPORTED, None)


def test_adding_a_milestone_is_a_change():
    w = world.build()
    draft = StatusUpdate.objects.get(pk=world.draft(w, w.n2).pk)
    data = {"status": draft.status, "narrative": draft.narrative, "new": "", "revision": 1}
    form = DraftForm({**data, "revision": draft.revision}, instance=draft)
    milestones = MilestoneFormSet(
        {
            "m-TOTAL_FORMS": 1,
            "m-INITIAL_FORMS": 0,
            "m-0-text": "Stagebank open",
            "m-0-date_text": "september 2015",
        },
        instance=draft,
        prefix="m",
    )
    assert form.is_valid() and milestones.is_valid(), (form.errors, milestones.errors)
    saved = services.save_draft(
        form, expected_revision=draft.revision, user=w.bob, formsets=[milestones]
    )
    assert saved.reporting == Reporting.CHANGED


def test_confirming_a_draft_unchanged_reports_it_and_records_who_and_when():
    w = world.build()
    confirmed = services.confirm_unchanged(world.draft(w, w.n2), user=w.bob)
    assert confirmed.reporting == Reporting.CONFIRMED
    assert confirmed.confirmed_by == w.bob and confirmed.confirmed_at is not None
    assert confirmed.narrative == "Stages lopen volgens plan."


def test_a_draft_without_a_previous_round_cannot_be_confirmed_unchanged():
    w = world.build()
    with pytest.raises(services.RoundStepRefused, match="geen eerdere stand"):
        services.confirm_unchanged(world.draft(w, w.or1), user=w.bob)
    assert world.draft(w, w.or1).reporting == Reporting.NOT_REPORTED


def test_a_draft_changed_after_confirmation_counts_as_changed():
    w = world.build()
    services.confirm_unchanged(world.draft(w, w.n2), user=w.bob)
    saved = save(world.draft(w, w.n2), w.bob, status="vertraagd")
    assert (saved.reporting, saved.confirmed_by) == (Reporting.CHANGED, None)


def test_a_confirmed_draft_is_public_once_published():
    w = world.build()
    services.confirm_unchanged(world.draft(w, w.n2), user=w.bob)
    publish_all(w, w.nina)
    public = StatusUpdate.objects.public().get(round=w.round)
    assert (public.action, public.reporting) == (w.n2, Reporting.CONFIRMED)


def test_an_assessed_status_is_not_carried_into_the_new_round():
    w = world.build(open_new_round=False)
    factory.status_update(
        round=w.previous,
        action=w.or1,
        state="published",
        status="vertraagd",
        basis="assessed",
        basis_quote="loopt achter",
        narrative="De werving loopt achter.",
    )
    w.round = services.open_round(
        pact=w.national, slug="2015", name="2015", peildatum=datetime.date(2015, 6, 1)
    )
    draft = world.draft(w, w.or1)
    assert (draft.status, draft.basis, draft.basis_quote) == ("onbekend", "unknown", "")
    assert draft.narrative == "De werving loopt achter."
    assert services.previous_update(draft).status == "vertraagd"  # shown for reference


def test_the_state_steps_leave_the_author_and_record_who_submitted_and_approved():
    w = world.build()
    save(world.draft(w, w.n2), w.bob, narrative="Nieuw verhaal")
    services.submit_updates(StatusUpdate.objects.filter(action=w.n2, round=w.round), user=w.nina)
    services.approve_update(world.draft(w, w.n2), user=w.adam)
    update = world.draft(w, w.n2)
    assert (update.updated_by, update.submitted_by, update.approved_by) == (w.bob, w.nina, w.adam)
    assert update.submitted_at and update.approved_at


def test_sending_back_clears_who_submitted_and_approved():
    w = world.build()
    services.submit_updates(StatusUpdate.objects.filter(action=w.n2, round=w.round), user=w.nina)
    update = services.send_back_update(world.draft(w, w.n2), comment="Cijfers?", user=w.nina)
    assert (update.state, update.submitted_by, update.submitted_at) == ("draft", None, None)


def test_an_owner_marks_a_draft_ready_and_takes_it_back():
    w = world.build()
    ready = services.mark_ready(world.draft(w, w.n2), user=w.bob)
    drafts = StatusUpdate.objects.filter(round=w.round)
    assert ready.state == "ready" and ready.updated_by is None
    assert ready not in drafts.open_drafts() and ready in drafts.submittable()
    back = services.take_back(ready, user=w.bob)
    assert back.state == "draft" and back in drafts.open_drafts()


def test_only_a_draft_can_be_marked_ready_and_only_a_ready_one_taken_back():
    w = world.build()
    with pytest.raises(services.RoundStepRefused):
        services.take_back(world.draft(w, w.n2), user=w.bob)
    services.submit_updates(StatusUpdate.objects.filter(action=w.n2, round=w.round), user=w.nina)
    with pytest.raises(services.RoundStepRefused):
        services.mark_ready(world.draft(w, w.n2), user=w.bob)
    assert world.draft(w, w.n2).state == "submitted"


def test_a_coordinator_submits_a_ready_draft_and_the_owner_can_still_edit_it_before():
    w = world.build()
    services.mark_ready(world.draft(w, w.n2), user=w.bob)
    saved = save(world.draft(w, w.n2), w.bob, narrative="Nog een zin")
    assert (saved.state, saved.reporting) == ("ready", Reporting.CHANGED)
    services.submit_updates(StatusUpdate.objects.filter(pk=saved.pk), user=w.nina)
    assert world.draft(w, w.n2).state == "submitted"


def test_an_action_counts_as_changed_when_any_part_changed_else_confirmed_else_not_reported():
    changed, confirmed, untouched = (
        StatusUpdate(carried_over=False),
        StatusUpdate(carried_over=True, confirmed_at=datetime.datetime(2015, 6, 1)),
        StatusUpdate(carried_over=True),
    )
    assert action_reporting([untouched, changed, confirmed]) == Reporting.CHANGED
    assert action_reporting([untouched, confirmed]) == Reporting.CONFIRMED
    assert action_reporting([untouched]) == action_reporting([]) == Reporting.NOT_REPORTED


def test_the_round_reporting_counts_every_action_including_those_without_an_update():
    w = world.build()
    save(world.draft(w, w.n2), w.bob, narrative="Nieuw verhaal")
    publish_all(w, w.nina)
    found = round_reporting(w.round, [w.n1.pk, w.n2.pk])
    assert found == {w.n1.pk: Reporting.NOT_REPORTED, w.n2.pk: Reporting.CHANGED}
