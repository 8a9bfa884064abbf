"""Charts declared once: the numbers, the text alternative and the SVG agree with the data."""

import pytest

from pactmonitor import charts

pytestmark = pytest.mark.django_db


def test_status_per_action_line_counts_each_action_once_in_its_line(world):
    table = charts.status_per_action_line_table(world.r2014)
    rows = {row[0]: row[1:] for row in table.rows}
    # afgerond, op schema, vertraagd, onbekend, of which assessed
    assert rows["Kiezen voor techniek"] == [0, 0, 1, 0, 0]
    assert rows["Leren in de techniek"] == [0, 1, 0, 1, 1]


def test_unpublished_updates_do_not_count(world):
    rows = {row[0]: row[1:] for row in charts.status_per_action_line_table(world.r2015).rows}
    assert rows["Leren in de techniek"][2] == 0  # the draft "vertraagd" of action 3


def test_the_text_alternative_names_the_round_and_the_unknown_count(world):
    summary = charts.status_per_action_line_table(world.r2014).summary
    assert (
        "Voortgangsrapportage 2014" in summary and "Van 1 acties is de status onbekend" in summary
    )


def test_a_chart_renders_to_an_svg_labelled_with_its_text_alternative(world):
    svg = charts.to_svg(charts.status_per_action_line(world.r2014))
    assert svg.startswith('<svg role="img" aria-label="Status van 3 acties')
    assert "Kiezen voor techniek" in svg


def test_status_across_rounds_marks_assessed_statuses_in_words(world):
    table = charts.status_across_rounds_table(world.pact)
    row = next(r for r in table.rows if r[0].startswith("2."))
    assert row[1:] == ["op schema (afgeleid)", "afgerond"]


def test_the_status_grid_chart_renders(world):
    assert "<svg" in charts.to_svg(charts.status_across_rounds(world.pact))


def test_the_indicator_table_keeps_values_without_a_year_and_says_so(world):
    table = charts.indicator_table(world.indicator)
    assert [
        "meting",
        "regio niet genoemd",
        "niet genoemd",
        "12%",
        "jaar niet genoemd",
    ] in table.rows
    assert "1 waarden zonder jaar staan alleen in de tabel" in table.summary


def test_the_indicator_chart_draws_the_trajectory_to_the_target(world):
    spec = charts.indicator_chart(world.indicator).to_dict()
    trajectory = spec["layer"][1]["data"]["values"]
    assert [(p["year"], p["value"]) for p in trajectory] == [(2013, 47.5), (2015, 55.0)]
