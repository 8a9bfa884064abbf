import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from pactmonitor.progress import services
from pactmonitor.progress.models import SentReminder, StatusUpdate
from pactmonitor.progress.reminders import due_reminder_day
from tests import factory, world

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


def message_to(address: str):
    return next(m for m in mail.outbox if m.to == [address])


def test_the_reminder_names_each_open_draft_with_a_link_and_what_to_do(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    w = world.build()
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send()
    body = message_to("alice@example.org").body
    assert "- Nationaal pact 1a. Techniek in de klas – Lesmateriaal" in body
    assert "- Pact Noord 1. Techniekcentra Noord" in body
    assert f"http://127.0.0.1:8123/werk/updates/{world.draft(w, w.nr1).pk}/" in body
    assert "“klaar voor review”" in body and "indienen" not in body
    assert "Stages" not in body  # bob's


def test_an_organisation_without_an_account_is_reminded_to_its_landsdeel_coordinator():
    w = world.build()
    w.bob.is_active = False
    w.bob.save()
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send()
    assert "bob@example.org" not in recipients()
    assert (
        "Oost 1. Oost werkt (de trekker heeft geen account" in message_to("dave@example.org").body
    )
    carol = message_to("carol@example.org").body
    assert "Pact Groningen 1. Groningse campus (de trekker heeft geen account" in carol
    assert "Pact Noord 1. Techniekcentra Noord\n" in carol  # alice is reminded of that one too


def test_a_national_draft_nobody_owns_is_reminded_to_the_national_coordinator():
    w = world.build()
    w.bob.is_active = False
    w.bob.save()
    services.add_drafts_for_new_action(factory.action(pact=w.national, number="3", title="Open"))
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send()
    body = message_to("nina@example.org").body
    assert "Nationaal pact 2. Stages (de trekker heeft geen account" in body
    assert "Nationaal pact 3. Open (de trekker heeft geen account" in body
    assert "Techniek in de klas" not in body  # alice is reminded of national 1


def test_a_draft_marked_ready_or_submitted_is_not_in_the_reminder():
    w = world.build()
    services.submit_updates(StatusUpdate.objects.filter(action=w.nr1), user=w.carol)
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send()
    assert "Techniekcentra Noord" not in message_to("alice@example.org").body
    assert "2 concepten" in message_to("alice@example.org").body
