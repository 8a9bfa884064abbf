"""Charts declared once: the numbers, the text alternative and the SVG agree with the data."""

import functools
import re

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
        "jaar niet genoemd",
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
    spec = charts.indicator_chart(duo_figures.indicator, world.oost).to_dict()
    duo_names = {p["reeks"] for p in layer(spec, "waarnemingen")["data"]["values"]}
    seed_names = {p["reeks"] for p in layer(spec, "documenten")["data"]["values"]}
    assert duo_names == {"DUO, havo", "DUO, vwo"}
    assert seed_names == {"document, Oost, havo"}


def test_the_national_chart_holds_no_region_s_seed_figure_and_says_where_it_is(world, duo_figures):
    factory.observation(
        indicator=duo_figures.indicator, region=world.oost, year=2014, value=32.6, note="vaag"
    )
    spec = charts.indicator_chart(duo_figures.indicator).to_dict()
    assert "documenten" not in {part.get("name") for part in spec["layer"]}
    table = charts.indicator_table(duo_figures.indicator)
    assert not [row for row in table.rows if row[0] == "document"]
    assert "voor Oost meten die regio, niet Nederland" in table.summary
    oost = charts.indicator_table(duo_figures.indicator, world.oost)
    assert ["document", "document, Oost", 2014, "32,6%", ""] in [r[:5] for r in oost.rows]


def test_the_indicator_table_gives_the_counts_behind_each_share(duo_figures):
    rows = charts.indicator_table(duo_figures.indicator).rows
    assert ["DUO", "Nederland, havo", 2019, "39,6%", "20.617 van 51.998"] in [r[:5] for r in rows]


def test_a_chart_renders_to_png_for_documents(world):
    png = charts.to_png(charts.indicator_chart(world.indicator))
    assert png.startswith(b"\x89PNG")


def test_a_range_is_drawn_as_a_bar_and_a_bound_as_a_triangle_never_as_a_point(world):
    def ranged(**kw):
        factory.observation(indicator=world.indicator, region=world.nl, value=None, **kw)

    ranged(year=2014, lower=4, upper=5, bound_text="ongeveer 4 – 5")
    ranged(year=2015, upper=20, bound_text="minder dan 20%")
    spec = charts.indicator_chart(world.indicator).to_dict()
    bar = layer(spec, "bandbreedtes")
    assert bar["mark"]["type"] == "rule"
    assert [(p["waarde"], p["tot"]) for p in bar["data"]["values"]] == [(4, 5)]
    below = layer(spec, "bovengrenzen")
    assert below["mark"]["shape"] == "triangle-down"
    points = [p["jaar"] for p in layer(spec, "documenten")["data"]["values"]]
    assert 2014 not in points and 2015 not in points
    table = charts.indicator_table(world.indicator)
    assert any(row[3] == "minder dan 20%" for row in table.rows)


def test_a_segment_too_narrow_for_its_number_carries_none_so_labels_never_collide():
    from pactmonitor.charts.status import segment_label

    assert segment_label(4, 42, 420) == "4"  # 40 px: room for one digit
    assert segment_label(1, 42, 420) == ""  # 10 px: beside the 4 it would read "41"
    assert segment_label(20, 42, 420) == "20"
    assert segment_label(0, 5, 420) == ""


def test_the_report_chart_prints_the_numbers_of_wide_segments_only():
    from pactmonitor.charts.report_summary import status_counts

    rows = [
        {"groep": "Oost", "status": "op schema", "aantal": 40, "volgorde": 1},
        {"groep": "Oost", "status": "vertraagd", "aantal": 1, "volgorde": 2},
    ]
    svg = charts.to_svg(status_counts(rows, "Status per landsdeel"))
    texts = [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert "40" in texts and "1" not in texts  # the 1 stands in the table only


def test_the_web_round_chart_says_counts_not_letter_codes(world):
    for _ in range(6):
        action = factory.action(pact=world.pact, action_line=world.kiezen)
        factory.status_update(action=action, round=world.r2014, status="op_schema",
                              basis="reported", state="published")  # fmt: skip
    svg = charts.to_svg(charts.status_per_action_line(world.r2014))
    texts = [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert "6" in texts  # the six op schema actions of Kiezen voor techniek
    assert not {"A", "S", "V", "A*", "S*", "?"} & set(texts)


def _svg_width(svg: str) -> int:
    return int(re.search(r'<svg[^>]* width="(\d+)"', svg).group(1))


def test_a_web_chart_comes_at_the_reports_width_and_at_a_phones(world):
    declare = functools.partial(charts.status_per_action_line, world.r2014)
    svgs = charts.for_screens(declare)
    # The phone's drawing is the whole chart in 328 px, axes and names included; the wide one
    # is the reports' drawing, unchanged.
    assert _svg_width(svgs.narrow) == charts.PHONE_WIDTH
    assert _svg_width(svgs.wide) == _svg_width(charts.to_svg(declare())) > 500
    assert 'viewBox="0 0 328 ' in svgs.narrow  # so the page can scale it down further
    assert svgs.narrow.startswith('<svg role="img" aria-label="Status van 3 acties')


def test_the_phone_chart_wraps_long_line_names_instead_of_cutting_them(world):
    spec = charts.status_per_action_line(world.r2014, width=charts.PHONE_WIDTH).to_dict()
    label_expr = spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"]
    assert '"Kiezen voor techniek": ["Kiezen voor", "techniek"]' in label_expr


def test_the_phone_chart_leaves_out_the_number_of_a_segment_that_is_now_too_narrow(world):
    for _ in range(12):
        action = factory.action(pact=world.pact, action_line=world.kiezen)
        factory.status_update(action=action, round=world.r2014, status="op_schema",
                              basis="reported", state="published")  # fmt: skip

    def texts(**kw):
        svg = charts.to_svg(charts.status_per_action_line(world.r2014, **kw))
        return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]

    # Kiezen voor techniek: 12 op schema and 1 vertraagd; the 1 fits the reports' bar only.
    assert texts().count("1") > texts(width=charts.PHONE_WIDTH).count("1")
    assert "12" in texts(width=charts.PHONE_WIDTH)


def test_the_axes_count_in_whole_numbers_and_years_each_once(world, duo_figures):
    status = charts.status_per_action_line(world.r2014, width=charts.PHONE_WIDTH).to_dict()
    assert status["layer"][0]["encoding"]["x"]["axis"]["values"] == [0, 1, 2]
    for width in (None, charts.PHONE_WIDTH):
        spec = charts.indicator_chart(duo_figures.indicator, width=width).to_dict()
        years = spec["layer"][0]["encoding"]["x"]["axis"]["values"]
        # Each year once, the target's year 2020 always labelled.
        assert years == sorted(set(years)) and years[0] >= 2015 and years[-1] == 2020


def test_the_indicator_chart_on_a_phone_keeps_its_target(duo_figures):
    spec = charts.indicator_chart(duo_figures.indicator, width=charts.PHONE_WIDTH).to_dict()
    assert spec["width"] == charts.PHONE_WIDTH and spec["autosize"]["type"] == "fit-x"
    assert {g["jaar"] for g in layer(spec, "streefwaarden")["data"]["values"]} == {2020}


def test_each_cell_of_a_chart_table_knows_its_column_for_a_table_stacked_on_a_phone(world):
    table = charts.status_per_action_line_table(world.r2014)
    first = table.labelled_rows[0]
    assert first[0] == ("actielijn", "Kiezen voor techniek")
    assert ("vertraagd", 1) in first
