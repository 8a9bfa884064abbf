import datetime

import pytest
import time_machine
from django.urls import reverse

from pactmonitor.progress import services
from pactmonitor.progress.models import StatusUpdate
from pactmonitor.progress.overview import round_overview
from tests import world
from tests.progress.test_views import edit_data

pytestmark = pytest.mark.django_db


def rows(table):
    return {
        row.name: dict(
            zip(
                ["missing", "draft", "ready", "submitted", "approved", "published", "untouched"],
                row.cells,
                strict=True,
            )
        )
        for row in table
    }


def test_the_overview_counts_missing_draft_and_submitted_updates_per_landsdeel(client):
    w = world.build()
    client.force_login(w.carol)
    update = world.draft(w, w.nr1)
    client.post(reverse("progress:edit", args=[update.pk]), edit_data(update))
    services.submit_updates(StatusUpdate.objects.filter(action=w.g1), user=w.carol)
    table = rows(round_overview(w.round, w.nina)["landsdelen"])
    assert table["Noord"] == {
        "missing": 0,
        "draft": 1,
        "ready": 0,
        "submitted": 1,
        "approved": 0,
        "published": 0,
        "untouched": 1,  # the submitted one: nobody changed it
    }
    assert table["Oost"]["missing"] == 1 and table["Landelijk"]["missing"] == 3


def test_the_overview_counts_drafts_marked_ready_apart_and_not_as_open():
    w = world.build()
    services.mark_ready(world.draft(w, w.nr1), user=w.alice)
    overview = round_overview(w.round, w.nina)
    row = next(row for row in overview["organisations"] if row.name == "Techniekschool A")
    assert (row.counts["ready"], row.counts["missing"], row.open) == (1, 2, 2)


def test_the_overview_counts_per_lead_organisation():
    w = world.build()
    table = rows(round_overview(w.round, w.nina)["organisations"])
    assert table["Techniekschool A"]["missing"] == 3 and table["Bedrijf B"]["missing"] == 2


def test_a_landsdeel_coordinator_sees_only_their_landsdeel():
    w = world.build()
    assert [row.name for row in round_overview(w.round, w.carol)["landsdelen"]] == ["Noord"]


def test_after_the_deadline_whoever_has_open_drafts_is_late():
    w = world.build()
    services.submit_updates(
        StatusUpdate.objects.filter(round=w.round, action__pact=w.pact_oost), user=w.dave
    )
    with time_machine.travel(datetime.datetime(2015, 7, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        overview = round_overview(w.round, w.nina)
    assert {row.name for row in overview["late"]} == {"Noord", "Landelijk"}
    assert {row.name for row in overview["late_organisations"]} == {"Techniekschool A", "Bedrijf B"}


def test_nobody_is_late_before_the_deadline():
    w = world.build()
    with time_machine.travel(datetime.datetime(2015, 6, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert round_overview(w.round, w.nina)["late"] == []


def test_each_action_shows_the_latest_round_someone_reported_on_it():
    w = world.build()
    freshness = {
        action.number + action.pact.key: latest
        for action, latest in round_overview(w.round, w.nina)["freshness"]
    }
    assert freshness["2nationaal"].round == w.previous
    assert freshness["1pact-oost"] is None


def test_an_owner_cannot_open_the_overview(client):
    w = world.build()
    client.force_login(w.alice)
    assert client.get(reverse("progress:overview", args=[w.round.slug])).status_code == 403


def test_the_overview_page_shows_the_tables_to_a_coordinator(client):
    w = world.build()
    client.force_login(w.nina)
    page = client.get(reverse("progress:overview", args=[w.round.slug])).content.decode()
    assert "Per landsdeel" in page and "Techniekschool A" in page and "Ronde 2014" in page
