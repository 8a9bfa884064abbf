"""Corrections under review: proposing publishes nothing; a second national coordinator
approves (a new version, as correct_update makes it) or rejects; the proposer approves their
own only when no other national coordinator exists; a stale proposal is refused."""

import pytest

from pactmonitor.progress import corrections, services
from pactmonitor.progress.models import ProposedCorrection, StatusUpdate
from tests import factory, world
from tests.progress.test_views import approve_all

pytestmark = pytest.mark.django_db


def published(w):
    approve_all(w)
    services.publish_round(w.round, user=w.nina)
    return StatusUpdate.objects.current().published().get(round=w.round, action=w.n2)


def second_coordinator():
    return factory.user(username="nora", role="national_coordinator")


def propose(update, user, **values):
    values = {"status": "vertraagd", "narrative": "Gecorrigeerd"} | values
    return corrections.propose_correction(update, reason="Verkeerde kleur", user=user, **values)


def test_a_proposal_publishes_nothing():
    w = world.build()
    update = published(w)
    propose(update, w.nina)
    assert (
        StatusUpdate.objects.current().published().get(round=w.round, action=w.n2).pk == update.pk
    )
    assert StatusUpdate.objects.get(pk=update.pk).narrative != "Gecorrigeerd"


def test_a_second_national_coordinator_approves_it_as_a_new_version():
    w = world.build()
    nora = second_coordinator()
    update = published(w)
    correction = corrections.approve_correction(propose(update, w.nina), user=nora)
    assert (correction.version, correction.narrative, correction.updated_by) == (
        2,
        "Gecorrigeerd",
        w.nina,
    )
    proposal = ProposedCorrection.objects.get()
    assert (proposal.state, proposal.reviewed_by, proposal.correction) == (
        "approved",
        nora,
        correction,
    )


def test_the_proposer_may_not_approve_their_own_while_another_coordinator_exists():
    w = world.build()
    second_coordinator()
    proposal = propose(published(w), w.nina)
    with pytest.raises(services.RoundStepRefused, match="tweede landelijk"):
        corrections.approve_correction(proposal, user=w.nina)
    assert ProposedCorrection.objects.get().state == "pending"
    assert not StatusUpdate.objects.filter(version=2).exists()


def test_the_only_national_coordinator_approves_their_own_proposal():
    w = world.build()
    correction = corrections.approve_correction(propose(published(w), w.nina), user=w.nina)
    assert correction.is_current and correction.version == 2


def test_a_blocked_coordinator_does_not_count_as_the_second_pair_of_eyes():
    w = world.build()
    factory.user(username="oud", role="national_coordinator", is_active=False)
    correction = corrections.approve_correction(propose(published(w), w.nina), user=w.nina)
    assert correction.version == 2


def test_a_proposal_for_an_update_corrected_meanwhile_is_refused():
    w = world.build()
    nora = second_coordinator()
    update = published(w)
    stale = propose(update, w.nina)
    services.correct_update(update, reason="Elders gecorrigeerd", user=nora, narrative="Anders")
    with pytest.raises(services.RoundStepRefused, match="intussen gecorrigeerd"):
        corrections.approve_correction(stale, user=nora)
    assert (
        StatusUpdate.objects.current().published().get(round=w.round, action=w.n2).narrative
        == "Anders"
    )
    assert ProposedCorrection.objects.get().state == "pending"


def test_a_rejection_keeps_the_published_version_and_says_why():
    w = world.build()
    nora = second_coordinator()
    update = published(w)
    corrections.reject_correction(propose(update, w.nina), comment="Bron zegt anders", user=nora)
    proposal = ProposedCorrection.objects.get()
    assert (proposal.state, proposal.review_comment) == ("rejected", "Bron zegt anders")
    assert (
        StatusUpdate.objects.current().published().get(round=w.round, action=w.n2).pk == update.pk
    )


def test_a_proposal_needs_a_reason_and_one_at_a_time():
    w = world.build()
    update = published(w)
    with pytest.raises(services.RoundStepRefused, match="reden"):
        corrections.propose_correction(update, reason=" ", user=w.nina, narrative="X")
    propose(update, w.nina)
    with pytest.raises(services.RoundStepRefused, match="al een correctievoorstel"):
        propose(update, w.nina)
    assert ProposedCorrection.objects.count() == 1


def test_an_approved_proposal_cannot_be_approved_twice():
    w = world.build()
    nora = second_coordinator()
    proposal = propose(published(w), w.nina)
    corrections.approve_correction(proposal, user=nora)
    with pytest.raises(services.RoundStepRefused, match="al beoordeeld"):
        corrections.approve_correction(proposal, user=nora)
    assert StatusUpdate.objects.filter(action=w.n2, round=w.round).count() == 2
