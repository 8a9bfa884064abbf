"""The round comparison: status moves, newly and not reported actions, landsdeel profiles."""

import pytest

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


def test_a_draft_prefilled_from_the_previous_round_and_untouched_is_not_reported():
    w = build_world()
    carried = factory.status_update(action=w.a2, round=w.draft_round, status="afgerond",
                                    basis="reported", narrative="Afgerond in 2015.")  # fmt: skip
    assert carried.reporting == Reporting.NOT_REPORTED
    carried.narrative = "Afgerond in 2015; de evaluatie volgt."
    carried.save()
    assert StatusUpdate.objects.get(pk=carried.pk).reporting == Reporting.CHANGED
    assert list(StatusUpdate.objects.filter(round=w.draft_round).reported()) == [carried]


def test_an_empty_update_without_predecessor_is_not_reported_but_one_from_the_source_is():
    w = build_world()
    empty = factory.status_update(action=w.a1, round=w.draft_round)
    assert empty.reporting == Reporting.NOT_REPORTED
    StatusUpdate.objects.filter(pk=empty.pk).update(dataset_key="techniekpact/update/x")
    assert StatusUpdate.objects.get(pk=empty.pk).reporting == Reporting.CHANGED


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
