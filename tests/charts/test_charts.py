"""Charts declared once: the numbers, the text alternative and the SVG agree with the data."""

import pytest

from pactmonitor import charts
from tests import duo, factory

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
    row = next(r for r in table.rows if str(r[0]).startswith("2."))
    assert row[1:] == ["op schema (afgeleid)", "afgerond"]


def test_the_status_grid_chart_renders(world):
    assert "<svg" in charts.to_svg(charts.status_across_rounds(world.pact))


def test_the_indicator_table_keeps_values_without_a_year_and_says_so(world):
    table = charts.indicator_table(world.indicator)
    assert [
        "document",
        "regio niet genoemd",
        "niet genoemd",
        "12%",
        "",
        "jaar niet genoemd",
    ] in table.rows
    assert "1 waarden zonder jaar staan alleen in de tabel" in table.summary


@pytest.fixture
def duo_figures(world, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return duo.build(world.noord, world.oost, world.nl)


def layer(spec, name):
    return next(part for part in spec["layer"] if part.get("name") == name)


def test_the_projection_runs_dashed_from_the_latest_year_to_the_target_year(duo_figures):
    spec = charts.indicator_chart(duo_figures.indicator).to_dict()
    dashed = layer(spec, "projectie")
    assert dashed["mark"]["strokeDash"] == [6, 4]
    assert {p["jaar"] for p in dashed["data"]["values"]} == {2019, 2020}


def test_duo_and_the_documents_are_drawn_as_separate_series(world, duo_figures):
    factory.observation(
        indicator=duo_figures.indicator,
        region=world.oost,
        year=2014,
        value=32.6,
        education_level="havo",
    )
    spec = charts.indicator_chart(duo_figures.indicator).to_dict()
    duo_names = {p["reeks"] for p in layer(spec, "waarnemingen")["data"]["values"]}
    seed_names = {p["reeks"] for p in layer(spec, "documenten")["data"]["values"]}
    assert duo_names == {"DUO, havo", "DUO, vwo"}
    assert seed_names == {"document, Oost, havo"}


def test_the_indicator_table_gives_the_counts_behind_each_share(duo_figures):
    rows = charts.indicator_table(duo_figures.indicator).rows
    assert ["DUO", "Nederland, havo", 2019, "39,6%", "20.617 van 51.998"] in [r[:5] for r in rows]


def test_a_chart_renders_to_png_for_documents(world):
    png = charts.to_png(charts.indicator_chart(world.indicator))
    assert png.startswith(b"\x89PNG")
