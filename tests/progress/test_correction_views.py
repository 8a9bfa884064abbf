"""The pages of corrections under review: who may approve or reject a proposal (an outsider is
refused and nothing changes), what the page says when no second national coordinator exists,
and the reviewers' list of what waits."""

import pytest
from django.urls import reverse

from pactmonitor.progress.models import ProposedCorrection, StatusUpdate
from pactmonitor.progress.services import correct_update
from tests import factory, world
from tests.progress.test_corrections import propose, published
from tests.progress.test_views import snapshot

pytestmark = pytest.mark.django_db


def state():
    return (
        snapshot(),
        sorted(ProposedCorrection.objects.values_list("pk", "state", "reviewed_by", "correction")),
    )


def proposed_by_nina(with_nora=True):
    w = world.build()
    w.nora = factory.user(username="nora", role="national_coordinator") if with_nora else None
    w.proposal = propose(published(w), w.nina)
    return w


def approve(client, w):
    return client.post(reverse("progress:proposal_approve", args=[w.proposal.pk]))


def reject(client, w):
    data = {"comment": "Niet nodig"}
    return client.post(reverse("progress:proposal_reject", args=[w.proposal.pk]), data)


@pytest.mark.parametrize("who", ["nina", "adam", "carol", "alice", "olga"])
def test_who_may_not_approve_is_refused_and_nothing_changes(client, who):
    w = proposed_by_nina()
    client.force_login(getattr(w, who))
    before = state()
    assert approve(client, w).status_code == 403
    assert state() == before


@pytest.mark.parametrize("who", ["adam", "carol", "dave", "bob"])
def test_who_may_not_reject_is_refused_and_nothing_changes(client, who):
    w = proposed_by_nina()
    client.force_login(getattr(w, who))
    before = state()
    assert reject(client, w).status_code == 403
    assert state() == before


def test_a_second_national_coordinator_approves_and_the_correction_is_published(client):
    w = proposed_by_nina()
    client.force_login(w.nora)
    response = approve(client, w)
    assert response.status_code == 302
    assert (
        StatusUpdate.objects.current().published().get(round=w.round, action=w.n2).narrative
        == "Gecorrigeerd"
    )


def test_a_second_national_coordinator_rejects_with_a_reason(client):
    w = proposed_by_nina()
    client.force_login(w.nora)
    assert reject(client, w).status_code == 302
    assert ProposedCorrection.objects.get().review_comment == "Niet nodig"
    assert StatusUpdate.objects.current().published().get(round=w.round, action=w.n2).version == 1


def test_the_proposer_withdraws_by_rejecting(client):
    w = proposed_by_nina()
    client.force_login(w.nina)
    assert reject(client, w).status_code == 302
    assert ProposedCorrection.objects.get().state == "rejected"


def test_the_page_says_plainly_when_the_only_coordinator_approves_their_own(client):
    w = proposed_by_nina(with_nora=False)
    client.force_login(w.nina)
    page = client.get(w.proposal.get_absolute_url()).content.decode()
    assert "Er is geen tweede actieve landelijk coördinator" in page
    assert reverse("progress:proposal_approve", args=[w.proposal.pk]) in page
    assert approve(client, w).status_code == 302
    assert (
        StatusUpdate.objects.current().published().get(round=w.round, action=w.n2).narrative
        == "Gecorrigeerd"
    )


def test_the_page_tells_the_proposer_a_second_coordinator_approves(client):
    w = proposed_by_nina()
    client.force_login(w.nina)
    page = client.get(w.proposal.get_absolute_url()).content.decode()
    assert "Een tweede landelijk coördinator keurt deze correctie goed" in page
    assert reverse("progress:proposal_approve", args=[w.proposal.pk]) not in page


def test_a_stale_approval_is_refused_with_the_reason(client):
    w = proposed_by_nina()
    correct_update(w.proposal.update, reason="Elders", user=w.nora, narrative="Anders")
    client.force_login(w.nora)
    response = client.post(reverse("progress:proposal_approve", args=[w.proposal.pk]), follow=True)
    assert "intussen gecorrigeerd" in response.content.decode()
    assert (
        StatusUpdate.objects.current().published().get(round=w.round, action=w.n2).narrative
        == "Anders"
    )


def test_the_reviewers_list_shows_what_waits(client):
    w = proposed_by_nina()
    client.force_login(w.nora)
    response = client.get(reverse("progress:review_pending"))
    page = response.content.decode()
    assert response.status_code == 200 and w.proposal.get_absolute_url() in page


@pytest.mark.parametrize("who", ["carol", "alice", "olga"])
def test_the_reviewers_list_is_refused_to_others(client, who):
    w = proposed_by_nina()
    client.force_login(getattr(w, who))
    response = client.get(reverse("progress:review_pending"))
    assert response.status_code == 403
    assert w.proposal.get_absolute_url() not in response.content.decode()
