import pytest
from django.test import override_settings

from pactmonitor.indicators.rollup import roll_up
from tests import factory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def own_snapshot(tmp_path):
    with override_settings(DATA_DIR=tmp_path):
        yield


@pytest.fixture
def tree():
    land = factory.region(key="nl", name="Nederland", kind="land")
    oost = factory.region(key="oost", name="Oost", parent=land)
    twente = factory.region(key="twente", name="Twente", kind="subregio", parent=oost)
    noord = factory.region(key="noord", name="Noord", parent=land)
    return land, oost, twente, noord


def totals(indicator, year=2014):
    return {
        (r.region_id, r.education_level): r.total for r in roll_up(indicator.pk) if r.year == year
    }


def test_counts_add_up_the_region_tree(tree):
    land, oost, twente, noord = tree
    leerlingen = factory.indicator(unit="count")
    factory.observation(indicator=leerlingen, region=twente, year=2014, value=100)
    factory.observation(indicator=leerlingen, region=oost, year=2014, value=20)
    factory.observation(indicator=leerlingen, region=noord, year=2014, value=7)
    result = totals(leerlingen)
    assert result[(twente.pk, "")] == 100
    assert result[(oost.pk, "")] == 120
    assert result[(land.pk, "")] == 127


def test_levels_and_years_stay_apart(tree):
    land, oost, twente, noord = tree
    leerlingen = factory.indicator(unit="count")
    factory.observation(
        indicator=leerlingen, region=twente, year=2014, education_level="mbo", value=5
    )
    factory.observation(
        indicator=leerlingen, region=twente, year=2014, education_level="hbo", value=3
    )
    factory.observation(
        indicator=leerlingen, region=twente, year=2015, education_level="mbo", value=9
    )
    assert totals(leerlingen)[(land.pk, "mbo")] == 5
    assert totals(leerlingen, 2015)[(land.pk, "mbo")] == 9


def test_a_new_observation_is_counted_in_the_next_roll_up(tree):
    land, oost, twente, noord = tree
    leerlingen = factory.indicator(unit="count")
    factory.observation(indicator=leerlingen, region=twente, year=2014, value=1)
    assert totals(leerlingen)[(land.pk, "")] == 1
    factory.observation(indicator=leerlingen, region=noord, year=2014, value=2)
    assert totals(leerlingen)[(land.pk, "")] == 3


def test_moving_a_region_moves_its_figures(tree):
    land, oost, twente, noord = tree
    leerlingen = factory.indicator(unit="count")
    factory.observation(indicator=leerlingen, region=twente, year=2014, value=4)
    assert totals(leerlingen).get((noord.pk, "")) is None
    twente.parent = noord
    twente.save()
    assert totals(leerlingen)[(noord.pk, "")] == 4
    assert totals(leerlingen).get((oost.pk, "")) is None


def test_other_indicators_are_not_mixed_in(tree):
    land, *_ = tree
    one, other = factory.indicator(unit="count"), factory.indicator(unit="count")
    factory.observation(indicator=one, region=land, year=2014, value=1)
    factory.observation(indicator=other, region=land, year=2014, value=50)
    assert totals(one)[(land.pk, "")] == 1
