"""The roll-up of imported figures up the region tree, over the columnar snapshot."""

import pytest
from django.db import transaction
from django.test import override_settings

from pactmonitor.indicators import rollup
from pactmonitor.indicators.rollup import current_version, ensure_fresh, roll_up
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_snapshot(tmp_path):
    with override_settings(DATA_DIR=tmp_path):
        yield


@pytest.fixture
def tree():
    """Brabant as the seeds describe it: West-Noord-Brabant lies in Zuidwest and in the
    province; Breda is reached through West-Noord-Brabant and directly (two paths)."""
    t = type("Tree", (), {})()
    t.land = factory.region(key="nl", name="Nederland", kind="land")
    t.zuidwest = factory.region(key="zuidwest", name="Zuidwest", parent=t.land)
    t.zuidoost = factory.region(key="zuidoost", name="Zuidoost", parent=t.land)
    t.brabant = factory.region(
        key="noord-brabant", name="Noord-Brabant", kind="provincie", parent=t.land
    )
    t.west = factory.region(
        key="west-noord-brabant", name="West-Noord-Brabant", kind="corop", parent=t.zuidwest
    )
    t.west.part_of.add(t.brabant)
    t.zo_corop = factory.region(
        key="zuidoost-noord-brabant", name="Zuidoost-Noord-Brabant", kind="corop", parent=t.brabant
    )
    t.zo_corop.part_of.add(t.zuidoost)
    t.breda = factory.region(key="breda", name="Breda", kind="gemeente", parent=t.west)
    t.breda.part_of.add(t.brabant)
    t.eindhoven = factory.region(
        key="eindhoven", name="Eindhoven", kind="gemeente", parent=t.zo_corop
    )
    return t


def by_region(indicator, year=2019, level="havo"):
    return {
        r.region_id: r
        for r in roll_up(indicator.pk)
        if r.year == year and r.education_level == level
    }


def shares(tree, batch=None):
    indicator = factory.indicator(measure="share")
    batch = batch or factory.import_batch()
    for region, numerator, denominator in ((tree.breda, 30, 100), (tree.eindhoven, 10, 20)):
        factory.figure(
            batch=batch,
            indicator=indicator,
            region=region,
            education_level="havo",
            numerator=numerator,
            denominator=denominator,
        )
    return indicator


def test_a_share_of_two_regions_is_the_sum_of_numerators_over_the_sum_of_denominators(tree):
    indicator = shares(tree)
    brabant = by_region(indicator)[tree.brabant.pk]
    assert (brabant.numerator, brabant.denominator) == (40, 120)
    assert brabant.share == pytest.approx(100 * 40 / 120)  # 33,3%, not the mean 40%


def test_a_municipality_reached_through_two_paths_counts_once(tree):
    indicator = shares(tree)
    assert by_region(indicator)[tree.brabant.pk].rows == 2
    assert by_region(indicator)[tree.land.pk].numerator == 40


def test_west_brabant_adds_to_zuidwest_and_the_province_but_not_to_zuidoost(tree):
    indicator = shares(tree)
    found = by_region(indicator)
    assert (found[tree.zuidwest.pk].numerator, found[tree.zuidoost.pk].numerator) == (30, 10)
    assert found[tree.west.pk].denominator == 100


def test_every_region_from_municipality_up_to_nederland_has_a_row(tree):
    indicator = shares(tree)
    assert set(by_region(indicator)) == {
        tree.land.pk,
        tree.zuidwest.pk,
        tree.zuidoost.pk,
        tree.brabant.pk,
        tree.west.pk,
        tree.zo_corop.pk,
        tree.breda.pk,
        tree.eindhoven.pk,
    }


def test_counts_add_up_and_have_no_share(tree):
    leerlingen = factory.indicator(measure="count", unit="count")
    factory.figure(indicator=leerlingen, region=tree.breda, numerator=5)
    factory.figure(indicator=leerlingen, region=tree.eindhoven, numerator=7)
    land = by_region(leerlingen, level="")[tree.land.pk]
    assert (land.numerator, land.share) == (12, None)


def test_years_levels_and_indicators_stay_apart(tree):
    indicator = shares(tree)
    other = factory.indicator(measure="share")
    factory.figure(indicator=indicator, region=tree.breda, year=2018, education_level="havo")
    factory.figure(
        indicator=indicator, region=tree.breda, education_level="vwo", numerator=1, denominator=2
    )
    factory.figure(indicator=other, region=tree.breda, education_level="havo", numerator=99)
    assert by_region(indicator)[tree.land.pk].numerator == 40
    assert by_region(indicator, level="vwo")[tree.land.pk].denominator == 2
    assert by_region(indicator, year=2018)[tree.land.pk].rows == 1


def test_seed_observations_are_not_in_the_roll_up(tree):
    indicator = shares(tree)
    factory.observation(indicator=indicator, region=tree.breda, year=2019, value=90)
    assert by_region(indicator)[tree.breda.pk].numerator == 30


def test_a_new_batch_rebuilds_the_snapshot(tree):
    indicator = shares(tree)
    assert by_region(indicator)[tree.land.pk].numerator == 40
    factory.figure(
        indicator=indicator, region=tree.breda, education_level="havo", numerator=2, denominator=3
    )
    rollup.mark_stale()  # what saving a batch does
    assert by_region(indicator)[tree.land.pk].numerator == 42


def test_a_withdrawn_batch_leaves_the_roll_up(tree):
    indicator = shares(tree)
    later = factory.import_batch()
    factory.figure(
        batch=later, indicator=indicator, region=tree.breda, education_level="havo", numerator=8
    )
    assert by_region(indicator)[tree.land.pk].numerator == 48
    later.state = "withdrawn"
    later.save()
    assert by_region(indicator)[tree.land.pk].numerator == 40


def test_a_batch_that_lands_without_mark_stale_is_still_seen(tree):
    indicator = shares(tree)
    before = current_version()
    factory.figure(indicator=indicator, region=tree.breda, education_level="havo", numerator=1)
    assert current_version() != before


def test_moving_a_region_moves_its_figures(tree):
    indicator = shares(tree)
    assert tree.eindhoven.pk not in {
        r.region_id for r in roll_up(indicator.pk) if r.numerator == 40
    }
    tree.zo_corop.part_of.remove(tree.zuidoost)
    tree.zo_corop.parent = tree.zuidwest
    tree.zo_corop.save()
    assert by_region(indicator)[tree.zuidwest.pk].numerator == 40
    assert tree.zuidoost.pk not in by_region(indicator)


def test_the_same_version_is_built_once_and_kept_for_readers(tree):
    shares(tree)
    first = ensure_fresh()
    assert ensure_fresh() == first  # a second process finds it and does not rebuild
    rollup.mark_stale()
    second = ensure_fresh()
    assert second != first
    assert (first / "closure.parquet").exists()  # a reader of the old one is not cut off


def test_a_rolled_back_change_leaves_the_version_as_it_was(tree):
    shares(tree)
    before = current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        rollup.mark_stale()
        raise RuntimeError("import failed")
    assert current_version() == before


def test_no_active_batch_rolls_up_to_nothing(tree):
    assert roll_up(factory.indicator().pk) == []


def test_another_database_in_the_same_data_directory_gets_its_own_snapshot(tree):
    from pactmonitor.indicators.models import SnapshotVersion

    indicator = shares(tree)
    first = ensure_fresh()
    SnapshotVersion.objects.all().delete()  # as if another database with the same batch ids
    rollup.mark_stale()
    rollup.mark_stale()
    assert ensure_fresh() != first
    assert by_region(indicator)[tree.land.pk].numerator == 40
