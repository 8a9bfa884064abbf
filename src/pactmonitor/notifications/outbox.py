"""Record notifications, send them once, retry what failed, and send the daily digests.

A step of the round cycle only records (``record``, called after its commit by the signal
receivers); the background job ``tasks.send_notification`` sends. So a mail server that is
down never blocks or undoes a step: the record keeps the error and the job tries again later
(``BACKOFF``); ``pactmonitor send-digests`` also retries what is due, should a job be lost.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Notification, Preference

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

logger = logging.getLogger(__name__)

# Minutes to wait before each retry; after the last one the notification stays failed (the
# coordinators' page shows it) until someone runs send-digests --retry-failed.
BACKOFF = [1, 5, 30, 120, 720]
MAX_ATTEMPTS = len(BACKOFF) + 1
# A notification recorded this long ago that no job has tried was lost (the worker was down).
LOST_AFTER = datetime.timedelta(minutes=15)


@dataclass
class Message:
    """One e-mail to record: to whom, about what, under which key."""

    recipient: User
    event: str
    key: str
    subject: str
    body: str
    action_ids: list[int] = field(default_factory=list)
    round_id: int | None = None


def record(messages: Iterable[Message]) -> list[Notification]:
    """Record each message once (a key already recorded is skipped) and queue the ones that
    are not held for a digest; the new records."""
    messages = list(messages)
    wants_digest = set(
        Preference.objects.filter(
            user__in=[m.recipient.pk for m in messages], digest=True
        ).values_list("user_id", flat=True)
    )
    created = [n for n in (_record_one(m, m.recipient.pk in wants_digest) for m in messages) if n]
    for notification in created:
        if not notification.digest:
            queue(notification)
    return created


def _record_one(message: Message, digest: bool) -> Notification | None:
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=message.recipient,
                address=message.recipient.email,
                event=message.event,
                key=message.key[:200],
                subject=message.subject[:300],
                body=message.body,
                round_id=message.round_id,
                digest=digest,
            )
            notification.actions.set(message.action_ids)
    except IntegrityError:  # recorded before: the step's signal fired again
        return None
    return notification


def queue(notification: Notification, run_after: datetime.datetime | None = None) -> None:
    """Hand the notification to the background worker (later, if the backend can wait)."""
    from .tasks import send_notification

    task = send_notification
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # send-digests retries it when it is due
        task = task.using(run_after=run_after)
    try:
        task.enqueue(notification.pk)
    except Exception:  # the queue is unreachable: the record stays pending, the sweep retries
        logger.exception("notification %s not queued", notification.pk)


def deliver(notification_id: int) -> str:
    """Send one notification unless it was sent already: "sent", "failed" or "skipped".

    The row is locked while it is sent, so two workers never both send it."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().unsent().filter(pk=notification_id).first()
        )
        if notification is None:
            return "skipped"
        message = EmailMessage(
            notification.subject, notification.body, None, [notification.address]
        )
        sent = _send(message, [notification])
    if not sent and notification.retry_at:
        queue(notification, run_after=notification.retry_at)
    return "sent" if sent else "failed"


def _send(message: EmailMessage, notifications: list[Notification]) -> bool:
    """Send the e-mail and write the outcome on every notification it carries."""
    now = timezone.now()
    try:
        message.send()
    except Exception as exc:  # whatever the mail server says, the step that asked is done
        logger.warning("notification to %s not sent: %s", message.to, exc)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        for notification in notifications:
            notification.attempts += 1
            notification.last_error = error
            notification.retry_at = _retry_at(notification.attempts, now)
            notification.save(update_fields=["attempts", "last_error", "retry_at"])
        return False
    for notification in notifications:
        notification.attempts += 1
        notification.sent_at = now
        notification.retry_at = None
        notification.save(update_fields=["attempts", "sent_at", "retry_at"])
    return True


def _retry_at(attempts: int, now: datetime.datetime) -> datetime.datetime | None:
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + datetime.timedelta(minutes=BACKOFF[attempts - 1])


def retry_due(now: datetime.datetime | None = None, *, failed_too: bool = False) -> list[str]:
    """Send the single notifications whose retry is due or whose job was lost."""
    now = now or timezone.now()
    due = Q(retry_at__lte=now) | Q(attempts=0, created_at__lte=now - LOST_AFTER)
    if failed_too:
        due |= ~Q(last_error="")
    waiting = Notification.objects.unsent().filter(due, digest=False).order_by("pk")
    return [deliver(pk) for pk in waiting.values_list("pk", flat=True)]


def send_digests() -> list[str]:
    """One e-mail per address with every held notification; the addresses sent to."""
    sent = []
    addresses = Notification.objects.for_digest().order_by("address").values_list("address")
    for address in sorted({a for (a,) in addresses}):
        with transaction.atomic():
            held = list(
                Notification.objects.select_for_update()
                .for_digest()
                .filter(address=address)
                .order_by("created_at", "pk")
            )
            if held and _send(digest_message(address, held), held):
                sent.append(address)
    return sent


def digest_message(address: str, held: list[Notification]) -> EmailMessage:
    from django.conf import settings

    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "Pactmonitor: %(count)d melding", "Pactmonitor: %(count)d meldingen", len(held)
        ) % {"count": len(held)}
        intro = _("Dit is uw dagelijkse overzicht van de meldingen uit Pactmonitor.")
        parts = [f"{n.subject}\n{'=' * min(len(n.subject), 72)}\n\n{n.body.strip()}" for n in held]
    return EmailMessage(subject, intro + "\n\n" + "\n\n\n".join(parts) + "\n", None, [address])
