"""Who is told of each step of the round cycle: exactly these people, each once."""

from __future__ import annotations

import pytest
from django.core import mail

from pactmonitor.notifications.models import Notification
from pactmonitor.progress import services, signals
from pactmonitor.progress.models import StatusUpdate
from tests import world

from .conftest import sent, write

pytestmark = pytest.mark.django_db

NOORD_1 = "Pact Noord 1. Techniekcentra Noord"


def submitted(w, *updates):
    return services.submit_updates(
        StatusUpdate.objects.filter(pk__in=[u.pk for u in updates]), user=w.carol
    )


def test_submitting_tells_the_national_coordinators(committed, deliver):
    w = world.build()
    draft = write(world.draft(w, w.nr1), w.alice)
    with committed():
        submitted(w, draft)
    deliver()
    assert sent() == [("nina@example.org", "Ingediend: 1 update van Ronde 2015")]
    assert NOORD_1 in mail.outbox[0].body
    assert f"http://127.0.0.1:8000/werk/updates/{draft.pk}/geschiedenis/" in mail.outbox[0].body


def test_sending_back_tells_the_owners_and_the_coordinator_who_submitted(committed, deliver):
    w = world.build()
    draft = write(world.draft(w, w.nr1), w.alice)
    submitted(w, draft)
    with committed():
        services.send_back_update(draft, comment="Noem de centra bij naam.", user=w.nina)
    deliver()
    subject = f"Teruggestuurd: {NOORD_1}"
    assert sent() == [("alice@example.org", subject), ("carol@example.org", subject)]
    assert "Noem de centra bij naam." in mail.outbox[0].body
    assert f"/werk/updates/{draft.pk}/" in mail.outbox[0].body


def test_approving_tells_the_author_not_the_submitter(committed, deliver):
    w = world.build()
    draft = write(world.draft(w, w.nr1), w.alice)
    submitted(w, draft)
    with committed():
        services.approve_update(draft, user=w.nina)
    deliver()
    assert sent() == [("alice@example.org", "Goedgekeurd: 1 update van Ronde 2015")]


def test_an_update_nobody_wrote_tells_nobody_when_approved(committed, deliver):
    w = world.build()
    submitted(w, world.draft(w, w.nr1))
    with committed():
        services.approve_updates(StatusUpdate.objects.filter(round=w.round), user=w.nina)
    deliver()
    assert sent() == []


def approve_everything(w):
    updates = StatusUpdate.objects.filter(round=w.round)
    services.submit_updates(updates, user=w.adam)
    services.approve_updates(updates, user=w.adam)


def test_publishing_tells_everyone_with_a_role_in_the_rounds_pacts(committed, deliver):
    w = world.build()
    approve_everything(w)
    with committed():
        services.publish_round(w.round, user=w.nina)
    deliver()
    # nina published it herself; adam (administrator) and olga (no role) have no part in it.
    assert sent() == [
        (f"{name}@example.org", "Gepubliceerd: Ronde 2015")
        for name in ("alice", "bob", "carol", "dave")
    ]
    assert "http://127.0.0.1:8000/rondes/2015/" in mail.outbox[0].body


def test_a_correction_tells_the_actions_owners_and_coordinators(committed, deliver):
    w = world.build()
    approve_everything(w)
    services.publish_round(w.round, user=w.nina)
    with committed():
        services.correct_update(
            world.draft(w, w.nr1), reason="Verkeerde status.", status="vertraagd", user=w.nina
        )
    deliver()
    subject = f"Gecorrigeerd: {NOORD_1}"
    assert sent() == [("alice@example.org", subject), ("carol@example.org", subject)]
    assert "Verkeerde status." in mail.outbox[0].body


def test_a_signal_that_fires_twice_sends_each_email_once(committed, deliver):
    w = world.build()
    draft = write(world.draft(w, w.nr1), w.alice)
    with committed():
        submitted(w, draft)
    signals.updates_submitted.send(sender=None, update_ids=[draft.pk], user=w.carol)
    deliver()
    deliver()
    assert sent() == [("nina@example.org", "Ingediend: 1 update van Ronde 2015")]
    assert Notification.objects.count() == 1


def test_a_step_that_is_refused_tells_nobody(committed, deliver):
    w = world.build()
    draft = world.draft(w, w.nr1)
    with committed(), pytest.raises(services.RoundStepRefused):
        services.send_back_update(draft, comment="Nog niet ingediend.", user=w.nina)
    deliver()
    assert sent() == [] and not Notification.objects.exists()


def test_the_round_sends_exactly_these_emails(committed, deliver):
    """Owners write 2 drafts, carol submits them, nina sends one back and approves the
    other, carol submits it again, nina approves it, everything is approved and published,
    and nina corrects one update."""
    w = world.build()
    school, noord = (
        write(world.draft(w, w.n1, w.n1a), w.alice),
        write(world.draft(w, w.nr1), w.alice),
    )
    steps = [
        lambda: services.submit_updates(StatusUpdate.objects.filter(pk=noord.pk), user=w.carol),
        lambda: services.submit_updates(StatusUpdate.objects.filter(pk=school.pk), user=w.nina),
        lambda: services.send_back_update(noord, comment="Welke centra?", user=w.nina),
        lambda: services.approve_update(school, user=w.nina),
        lambda: write(StatusUpdate.objects.get(pk=noord.pk), w.alice, "Drie centra."),
        lambda: services.submit_updates(StatusUpdate.objects.filter(pk=noord.pk), user=w.carol),
        lambda: services.approve_update(noord, user=w.nina),
        lambda: approve_everything(w),
        lambda: services.publish_round(w.round, user=w.nina),
        lambda: services.correct_update(
            StatusUpdate.objects.get(pk=noord.pk), reason="Typfout.", user=w.nina
        ),
    ]
    for step in steps:  # each step is its own request, committed before the next
        with committed():
            step()
    deliver()
    submit = "Ingediend: 1 update van Ronde 2015"
    approve = "Goedgekeurd: 1 update van Ronde 2015"
    assert sent() == [
        ("nina@example.org", submit),  # carol submitted Noord 1 (nina's own submit tells no one)
        ("alice@example.org", f"Teruggestuurd: {NOORD_1}"),
        ("carol@example.org", f"Teruggestuurd: {NOORD_1}"),
        ("alice@example.org", approve),  # national 1a, which alice wrote
        ("nina@example.org", submit),  # carol submitted Noord 1 again
        ("alice@example.org", approve),
        ("nina@example.org", "Ingediend: 4 updates van Ronde 2015"),  # adam submits the other 4
        *[
            (f"{n}@example.org", "Gepubliceerd: Ronde 2015")
            for n in ("alice", "bob", "carol", "dave")
        ],
        ("alice@example.org", f"Gecorrigeerd: {NOORD_1}"),
        ("carol@example.org", f"Gecorrigeerd: {NOORD_1}"),
    ]
