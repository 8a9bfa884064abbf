"""How a document figure reads: a range as the source's words, a stand with its date."""

import datetime

import pytest

from tests import factory

pytestmark = pytest.mark.django_db


def percent(**kw):
    return factory.observation(indicator=factory.indicator(unit="percent"), **kw)


def test_an_exact_figure_reads_in_dutch_notation_with_its_unit():
    assert percent(value=32.6, year=2014).figure_text() == "32,6%"
    assert percent(value=57, year=2014).is_point


def test_a_range_reads_as_the_source_words_it_and_is_no_point():
    below = percent(value=None, upper=20, bound_text="minder dan 20%")
    assert (below.figure_text(), below.is_point) == ("minder dan 20%", False)


def test_a_range_entered_without_the_source_s_words_reads_by_its_bounds():
    assert percent(value=None, lower=4, upper=5).figure_text() == "4% – 5%"
    assert percent(value=None, lower=50).figure_text() == "ten minste 50%"


def test_a_stand_says_its_year_its_words_and_the_day_it_holds():
    stand = percent(
        value=37, year=2014, period_text="Huidige stand", as_of=datetime.date(2014, 5, 13)
    )
    assert stand.when_text == "2014 (Huidige stand; stand per 13 mei 2014)"


def test_a_figure_without_a_year_says_so():
    assert percent(value=12, year=None).when_text == "jaar niet genoemd"


def test_a_finding_without_a_year_says_so():
    from pactmonitor.indicators.models import Finding

    assert Finding(text="Er is krapte.", year=None).when_text == "jaar niet genoemd"
