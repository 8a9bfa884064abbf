import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from pactmonitor.progress import services
from pactmonitor.progress.models import SentReminder, StatusUpdate
from pactmonitor.progress.reminders import due_reminder_day
from tests import world

pytestmark = pytest.mark.django_db

# The world's round 2015 has its deadline on 30 June 2015.
SEVEN_DAYS_BEFORE = datetime.datetime(2015, 6, 23, 9, 0, tzinfo=datetime.UTC)


def send() -> None:
    call_command("send_reminders", stdout=StringIO())


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_command_run_twice_sends_each_reminder_once():
    world.build()
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send()
        send()
    assert recipients() == [
        "alice@example.org",
        "bob@example.org",
        "carol@example.org",
        "dave@example.org",
    ]


def test_each_reminder_day_sends_again(settings):
    settings.PACTMONITOR_REMINDER_DAYS = [7, 1, 0]
    world.build()
    for day in (23, 29, 30):
        with time_machine.travel(
            datetime.datetime(2015, 6, day, 9, 0, tzinfo=datetime.UTC), tick=False
        ):
            send()
            send()
    assert recipients().count("alice@example.org") == 3
    assert sorted(
        SentReminder.objects.filter(user__username="alice").values_list("days_before", flat=True)
    ) == [0, 1, 7]


def test_a_contributor_without_open_drafts_gets_no_reminder():
    w = world.build()
    services.submit_updates(StatusUpdate.objects.filter(round=w.round), user=w.adam)
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send()
    assert mail.outbox == []


def test_the_reminder_links_to_the_contributors_drafts(settings):
    settings.SITE_URL = "https://pactmonitor.example.nl"
    world.build()
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send()
    message = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    assert "https://pactmonitor.example.nl/werk/rondes/2015/" in message.body
    assert "3 concepten" in message.body and "30 juni 2015" in message.subject


def test_no_reminder_is_sent_on_a_day_that_is_not_a_reminder_day():
    world.build()
    with time_machine.travel(datetime.datetime(2015, 6, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        send()
    assert mail.outbox == []


def test_a_missed_reminder_day_is_caught_up_once_but_not_after_the_deadline():
    days = [7, 1, 0]
    deadline = datetime.date(2015, 6, 30)
    assert due_reminder_day(deadline, datetime.date(2015, 6, 25), days) == 7
    assert due_reminder_day(deadline, datetime.date(2015, 7, 1), days) is None
