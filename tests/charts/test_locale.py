"""Chart axes write numbers as their readers do: 51.998 in Dutch, 51,998 in English."""

import re

import altair as alt
from django.utils import translation

from pactmonitor.charts.render import to_svg


def axis_labels(language: str) -> list[str]:
    data = alt.Data(values=[{"jaar": 2014, "n": 51998}, {"jaar": 2015, "n": 60000}])
    chart = (
        alt.Chart(data)
        .mark_line()
        .encode(x=alt.X("jaar:Q", axis=alt.Axis(format="d")), y="n:Q")
        .properties(description="aantallen")
    )
    with translation.override(language):
        return re.findall(r">([0-9][0-9.,]*)<", to_svg(chart))


def test_a_dutch_axis_groups_thousands_with_a_dot_and_leaves_years_alone():
    labels = axis_labels("nl")
    assert "60.000" in labels and "2014" in labels and "60,000" not in labels


def test_an_english_axis_groups_thousands_with_a_comma():
    assert "60,000" in axis_labels("en")
