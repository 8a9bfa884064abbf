"""The round comparison: status moves, newly and not reported actions, landsdeel profiles."""

import pytest
from django.utils import timezone

from pactmonitor.progress.choices import Reporting
from pactmonitor.progress.comparison import (
    compare_rounds,
    earlier_round_with_updates,
    pact_actions,
    status_changes,
)
from pactmonitor.progress.models import RegionProfile, StatusUpdate
from tests import factory
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


def test_a_change_is_read_from_the_sub_measures_rolled_up_as_the_report_does():
    w = build_world()
    changes = {c.action.number: (c.before.status, c.after.status)
               for c in status_changes(w.r2014, w.r2015)}  # fmt: skip
    assert changes == {"1": ("vertraagd", "onbekend"), "2": ("op_schema", "afgerond")}


def test_a_draft_in_the_later_round_is_no_change():
    w = build_world()
    assert "3" not in {c.action.number for c in status_changes(w.r2014, w.r2015)}


def test_an_action_with_the_same_status_in_both_rounds_is_left_out():
    w = build_world()
    factory.status_update(action=w.a2, round=w.draft_round, status="afgerond", basis="reported",
                          state="published")  # fmt: skip
    w.draft_round.state = "published"
    w.draft_round.save()
    assert [c.action.number for c in status_changes(w.r2015, w.draft_round)] == ["3"]


def _compare(w, earlier, later):
    return compare_rounds(later, earlier, actions=pact_actions(later), regions=[w.noord])


def test_each_action_is_moved_newly_reported_or_not_reported_apart():
    w = build_world()
    compared = _compare(w, w.r2014, w.r2015)
    assert [a.action.number for a in compared.moved] == ["2"]
    assert [a.action.number for a in compared.not_reported] == ["1", "3"]
    assert compared.newly_reported == []


def test_the_api_wider_status_changes_include_an_action_no_longer_reported():
    w = build_world()
    assert [a.action.number for a in _compare(w, w.r2014, w.r2015).status_changes] == ["1", "2"]


def test_an_update_carried_over_untouched_is_not_reported_and_confirmed_is_reported():
    w = build_world()
    carried = StatusUpdate.objects.filter(round=w.r2015, action=w.a2)
    carried.update(carried_over=True)  # as the round opened it, nobody touched it
    compared = _compare(w, w.r2014, w.r2015)
    assert "2" in [a.action.number for a in compared.not_reported]
    assert compared.moved == []
    carried.update(confirmed_at=timezone.now())
    row = next(a for a in _compare(w, w.r2014, w.r2015).actions if a.action.number == "2")
    assert row.reporting_after == Reporting.CONFIRMED and row.has_moved


def test_the_default_earlier_round_is_the_latest_with_reports_for_these_actions():
    w = build_world()
    assert earlier_round_with_updates(w.r2015, pact_actions(w.r2015)) == w.r2014
    assert earlier_round_with_updates(w.r2014, pact_actions(w.r2014)) is None
    assert earlier_round_with_updates(w.r2015, [w.a3]) is None  # 3 was never reported


def test_a_landsdeel_profile_comparison_names_what_changed():
    w = build_world()
    (noord,) = _compare(w, w.r2014, w.r2015).profiles
    assert noord.priorities_changed and not noord.organisation_changed
    assert [r.text for r in noord.results_added] == ["Dertig bedrijven leveren gastlessen"]
    assert noord.results_dropped == () and noord.changed


def test_a_profile_of_an_unpublished_round_is_not_compared():
    w = build_world()
    RegionProfile.objects.create(region=w.noord, round=w.draft_round, organisation="Geheim")
    (noord,) = _compare(w, w.r2015, w.draft_round).profiles
    assert noord.after is None
