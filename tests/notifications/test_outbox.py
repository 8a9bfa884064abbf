"""The outbox: a mail server that is down never blocks a step; retries; the daily digest."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from pactmonitor.notifications import outbox
from pactmonitor.notifications.models import Notification, Preference
from pactmonitor.notifications.tasks import send_notification
from pactmonitor.progress import services
from pactmonitor.progress.choices import UpdateState
from pactmonitor.progress.models import StatusUpdate
from tests import world

from .conftest import sent, write

pytestmark = pytest.mark.django_db


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused")


def submit_noord(w, committed):
    draft = write(world.draft(w, w.nr1), w.alice)
    with committed():
        services.submit_updates(StatusUpdate.objects.filter(pk=draft.pk), user=w.carol)
    return draft


def test_a_mail_server_that_is_down_neither_blocks_nor_undoes_the_step(
    settings, committed, deliver
):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.MailServerDown"
    w = world.build()
    draft = submit_noord(w, committed)
    assert deliver() == ["failed"]
    draft.refresh_from_db()
    assert draft.state == UpdateState.SUBMITTED
    notification = Notification.objects.get()
    assert notification.sent_at is None and notification.attempts == 1
    assert "Connection refused" in notification.last_error
    assert notification.retry_at is not None and notification.retry_at > timezone.now()


def test_the_failed_notification_is_retried_later_and_sent_once(settings, committed, deliver):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.MailServerDown"
    w = world.build()
    submit_noord(w, committed)
    deliver()
    backend = send_notification.get_backend()
    (retry,) = backend.results  # type: ignore[attr-defined]
    assert retry.task.run_after > timezone.now()  # the job waits (backoff) before it tries again
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver() == ["sent"]
    assert outbox.retry_due(timezone.now() + datetime.timedelta(days=1)) == []
    assert sent() == [("nina@example.org", "Ingediend: 1 update van Ronde 2015")]
    notification = Notification.objects.get()
    assert notification.attempts == 2 and notification.sent_at is not None


def test_a_notification_queued_twice_is_sent_once(committed, deliver):
    w = world.build()
    submit_noord(w, committed)
    notification = Notification.objects.get()
    assert deliver() == ["sent"]
    assert send_notification.call(notification.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_lost_job_is_sent_by_the_sweep(committed, deliver):
    w = world.build()
    submit_noord(w, committed)
    later = timezone.now() + outbox.LOST_AFTER + datetime.timedelta(minutes=1)
    assert outbox.retry_due(later) == ["sent"]
    assert deliver() == ["skipped"]  # the worker's job finds it sent
    assert len(mail.outbox) == 1


def test_a_user_who_chose_the_digest_gets_one_email_with_everything(committed, deliver):
    w = world.build()
    Preference.objects.create(user=w.nina, digest=True)
    submit_noord(w, committed)
    other = write(world.draft(w, w.g1), w.carol)
    with committed():
        services.submit_updates(StatusUpdate.objects.filter(pk=other.pk), user=w.carol)
    assert deliver() == [] and mail.outbox == []
    assert outbox.send_digests() == ["nina@example.org"]
    assert outbox.send_digests() == []
    (digest,) = mail.outbox
    assert digest.to == ["nina@example.org"] and digest.subject == "Pactmonitor: 2 meldingen"
    assert "Techniekcentra Noord" in digest.body and "Groningse campus" in digest.body
    assert not Notification.objects.unsent().exists()


def test_a_digest_that_fails_is_kept_for_the_next_run(settings, committed):
    w = world.build()
    Preference.objects.create(user=w.nina, digest=True)
    submit_noord(w, committed)
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.MailServerDown"
    assert outbox.send_digests() == []
    assert "Connection refused" in Notification.objects.get().last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.send_digests() == ["nina@example.org"]
    assert len(mail.outbox) == 1
