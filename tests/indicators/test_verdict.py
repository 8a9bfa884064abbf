"""Trend, projection and verdict of a series, and which target a region is compared with."""

import pytest

from pactmonitor.indicators.choices import VerdictKind
from pactmonitor.indicators.verdict import (
    ChosenTarget,
    Point,
    assess,
    choose_target,
    in_words,
    trend,
)
from tests import factory


def series(*pairs):
    return [Point(year, value) for year, value in pairs]


GOAL_2020 = ChosenTarget(40.0, 2020, own=False, label="landelijke streefwaarde")


def test_the_trend_is_least_squares_over_the_last_five_years():
    line = trend(series((2013, 0), (2015, 30), (2016, 31), (2017, 32), (2018, 33), (2019, 34)))
    assert line.years == (2015, 2016, 2017, 2018, 2019)  # 2013 falls outside the window
    assert line.slope == pytest.approx(1.0)
    assert line.at(2020) == pytest.approx(35.0)


def test_a_series_that_reaches_its_target_by_the_trend_is_on_course():
    verdict = assess(series((2017, 36), (2018, 37.5), (2019, 39)), GOAL_2020)
    assert verdict.kind == VerdictKind.ON_COURSE
    assert verdict.projection == pytest.approx(40.5)


def test_a_series_that_falls_short_is_not_on_course_with_gap_and_needed_change():
    verdict = assess(
        series((2015, 30), (2016, 30.5), (2017, 31), (2018, 31.5), (2019, 32)), GOAL_2020
    )
    assert verdict.kind == VerdictKind.OFF_COURSE
    assert verdict.gap == pytest.approx(40 - 32.5)
    assert verdict.needed_per_year == pytest.approx(8.0)  # from 32 in 2019 to 40 in 2020
    assert verdict.observed_per_year == pytest.approx(0.5)
    text = in_words(verdict)
    assert "7,5 procentpunt te weinig" in text
    assert "nodig is +8,0 procentpunt per jaar, gemeten +0,5 procentpunt per jaar" in text


def test_fewer_than_three_years_are_too_few_to_judge():
    assert assess(series((2018, 30), (2019, 35)), GOAL_2020).kind == VerdictKind.TOO_FEW


def test_a_target_year_already_observed_is_reached_or_not_on_that_year_figure():
    goal = ChosenTarget(55.0, 2015, own=False, label="landelijke streefwaarde")
    assert assess(series((2015, 56), (2016, 50)), goal).kind == VerdictKind.REACHED
    missed = assess(series((2015, 48), (2016, 60), (2017, 61)), goal)
    assert (missed.kind, missed.gap) == (VerdictKind.NOT_REACHED, 7.0)


def test_no_target_gives_no_verdict_on_course():
    assert assess(series((2017, 1), (2018, 2), (2019, 3)), None).kind == VerdictKind.NO_TARGET


@pytest.fixture
def regions(db):
    land = factory.region(key="nl", name="Nederland", kind="land")
    oost = factory.region(key="oost", name="Oost", parent=land)
    noord = factory.region(key="noord", name="Noord", parent=land)
    return land, oost, noord


def test_a_region_is_compared_with_its_own_target_for_the_level_first(regions):
    land, oost, _ = regions
    indicator = factory.indicator()
    factory.target(indicator=indicator, region=land, education_level="havo", year=2020, value=40)
    factory.target(indicator=indicator, region=oost, education_level="havo", year=2020, value=45)
    factory.target(indicator=indicator, region=oost, year=2020, value=50)
    chosen = choose_target(indicator.targets.all(), oost, "havo", 2019)
    assert (chosen.value, chosen.own, chosen.label) == (45, True, "streefwaarde van Oost")


def test_a_region_without_its_own_target_gets_the_national_one_and_says_so(regions):
    land, oost, noord = regions
    indicator = factory.indicator()
    factory.target(indicator=indicator, region=oost, year=2020, value=50)
    factory.target(indicator=indicator, region=land, education_level="ho", year=2020, value=40)
    chosen = choose_target(indicator.targets.all(), noord, "hbo", 2019)
    assert (chosen.value, chosen.own) == (40, False)
    assert chosen.label == "landelijke streefwaarde voor hoger onderwijs"


def test_havo_falls_back_to_the_national_havo_vwo_target_before_one_without_level(regions):
    land, _, noord = regions
    indicator = factory.indicator()
    factory.target(indicator=indicator, region=land, year=2020, value=40)
    factory.target(indicator=indicator, education_level="havo-vwo", year=2015, value=55)
    assert choose_target(indicator.targets.all(), noord, "havo", 2019).value == 55
    assert choose_target(indicator.targets.all(), noord, "mbo", 2019).value == 40


def test_another_regions_target_is_never_used(regions):
    _, oost, noord = regions
    indicator = factory.indicator()
    factory.target(indicator=indicator, region=oost, year=2020, value=50)
    assert choose_target(indicator.targets.all(), noord, "", 2019) is None


def test_of_several_targets_the_first_not_before_the_latest_figure_counts(regions):
    land, *_ = regions
    indicator = factory.indicator()
    for year, value in ((2015, 30), (2020, 40), (2025, 45)):
        factory.target(indicator=indicator, region=land, year=year, value=value)
    assert choose_target(indicator.targets.all(), land, "", 2019).year == 2020
    assert choose_target(indicator.targets.all(), land, "", 2030).year == 2025
