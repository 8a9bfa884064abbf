"""The round comparison: actions whose rolled-up status moved between two published rounds."""

import pytest

from pactmonitor.progress.comparison import status_changes
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
