"""Reminder mails to contributors with open drafts, at set days before a round's deadline.

The mail names each open draft (action number and title, sub-measure) with a link to it at
the site address, and says what the recipient can do now. A draft whose leading organisation
has no account is not reminded to nobody: its landsdeel coordinator gets it (they do for every
draft of their landsdeel), and for a national action the national coordinator
(``reminded_for``; the round overview shows it per organisation).

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
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from pactmonitor.accounts.choices import Role
from pactmonitor.pacts.people import answering

from .choices import RoundState
from .labels import item_label, item_link, site_link
from .models import ReportingRound, SentReminder, StatusUpdate

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Item:
    """An open draft as the reminder names it. ``stand_in``: no account of its leading
    organisation is reminded of it, so this recipient is reminded instead."""

    label: str
    link: str
    stand_in: bool = False


@dataclass(frozen=True)
class Reminder:
    user: User
    round: ReportingRound
    days_before: int
    items: tuple[Item, ...] = ()

    @property
    def open_drafts(self) -> int:
        return len(self.items)

    @property
    def is_coordinator(self) -> bool:
        return self.user.role != Role.ACTION_OWNER

    @property
    def stand_ins(self) -> int:
        return sum(item.stand_in for item in self.items)


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


def reminded_for(drafts: list[StatusUpdate]) -> dict[int, list[tuple[User, bool]]]:
    """Update id → who is reminded of it, and whether as a stand-in.

    The owners of its action; the landsdeel coordinators of its landsdeel (they submit it);
    when no owner has an account, the national coordinators for a national action (the
    landsdeel coordinator stands in for a regional one). Nobody, when none of them exists."""
    people = answering({draft.action_id for draft in drafts})
    found: dict[int, list[tuple[User, bool]]] = {}
    for draft in drafts:
        owners = people.owners.get(draft.action_id, [])
        found[draft.pk] = [(owner, False) for owner in owners]
        found[draft.pk] += [(c, not owners) for c in people.landsdeel.get(draft.action_id, [])]
        if not owners:
            found[draft.pk] += [(c, True) for c in people.national.get(draft.action_id, [])]
    return found


def contributors(round: ReportingRound) -> list[tuple[User, list[Item]]]:
    """Everyone reminded of the round's open drafts, each with their drafts by name."""
    drafts = list(
        StatusUpdate.objects.for_round(round)
        .open_drafts()
        .select_related("action__pact", "sub_measure")
        .in_report_order()
    )
    items: dict[int, tuple[User, list[Item]]] = {}
    reminded = reminded_for(drafts)
    for draft in drafts:
        for user, stand_in in reminded[draft.pk]:
            entry = items.setdefault(user.pk, (user, []))
            entry[1].append(Item(item_label(draft), item_link(draft), stand_in))
    return sorted(items.values(), key=lambda entry: entry[0].username)


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
            Reminder(user, round, day, tuple(items))
            for user, items in contributors(round)
            if user.pk not in sent
        )
    return due


def _message(reminder: Reminder) -> tuple[str, str]:
    link = site_link(reverse("progress:round", args=[reminder.round.slug]))
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
