"""Reminder mails to contributors with open drafts, at set days before a round's deadline.

Each reminder (contributor, round, reminder day) is recorded in SentReminder before it is
sent, inside one transaction with the sending: a cron job may run as often as it likes and
each mail goes out once; a mail that fails to send is not recorded and is tried again.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from pactmonitor.accounts.choices import Role
from pactmonitor.regions.tree import one_region_tree

from .choices import RoundState
from .models import ReportingRound, SentReminder, StatusUpdate

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

logger = logging.getLogger(__name__)
CONTRIBUTOR_ROLES = [Role.ACTION_OWNER, Role.LANDSDEEL_COORDINATOR]


@dataclass(frozen=True)
class Reminder:
    user: User
    round: ReportingRound
    days_before: int
    open_drafts: int


def due_reminder_day(deadline: datetime.date, today: datetime.date, days: list[int]) -> int | None:
    """The reminder day that applies today: the nearest configured day not yet passed.

    If cron missed the 7-day run, a run 5 days before still sends the 7-day reminder (once);
    after the deadline no reminder is due.
    """
    days_left = (deadline - today).days
    if days_left < 0:
        return None
    candidates = [day for day in days if day >= days_left]
    return min(candidates) if candidates else None


def contributors(round: ReportingRound) -> list[tuple[User, int]]:
    """Active owners and landsdeel coordinators with an e-mail address and open drafts."""
    drafts = StatusUpdate.objects.for_round(round).open_drafts()
    users = (
        get_user_model()
        .objects.filter(is_active=True, role__in=CONTRIBUTOR_ROLES)
        .exclude(email="")
    )
    found = []
    with one_region_tree():  # every coordinator's landsdeel from one reading of the tree
        for user in users.order_by("username"):
            count = drafts.for_user(user, "edit").count()
            if count:
                found.append((user, count))
    return found


def due_reminders(today: datetime.date | None = None) -> list[Reminder]:
    today = today or timezone.localdate()
    days = settings.PACTMONITOR_REMINDER_DAYS
    due: list[Reminder] = []
    for round in ReportingRound.objects.filter(state=RoundState.OPEN, deadline__isnull=False):
        assert round.deadline is not None  # filtered above
        day = due_reminder_day(round.deadline, today, days)
        if day is None:
            continue
        sent = set(
            SentReminder.objects.filter(round=round, days_before=day).values_list(
                "user_id", flat=True
            )
        )
        due.extend(
            Reminder(user, round, day, count)
            for user, count in contributors(round)
            if user.pk not in sent
        )
    return due


def _message(reminder: Reminder) -> tuple[str, str]:
    link = settings.SITE_URL.rstrip("/") + reverse("progress:round", args=[reminder.round.slug])
    context = {"reminder": reminder, "round": reminder.round, "user": reminder.user, "link": link}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("progress/reminder_subject.txt", context).strip()
        body = render_to_string("progress/reminder_email.txt", context)
    return subject, body


def send_reminder(reminder: Reminder) -> bool:
    """Record and send one reminder; False if another run already sent it."""
    subject, body = _message(reminder)
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                user=reminder.user, round=reminder.round, days_before=reminder.days_before
            )
            send_mail(subject, body, None, [reminder.user.email])
    except IntegrityError:
        return False
    except OSError:  # SMTP trouble: not recorded, so the next run tries again
        logger.exception("reminder to %s for %s not sent", reminder.user.email, reminder.round.slug)
        return False
    return True


def send_due_reminders(today: datetime.date | None = None) -> list[Reminder]:
    return [reminder for reminder in due_reminders(today) if send_reminder(reminder)]
