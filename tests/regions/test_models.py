import pytest

from pactmonitor.regions.models import Region
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def west_brabant():
    nederland = factory.region(key="nederland", name="Nederland", kind="land")
    zuidwest = factory.region(key="zuidwest", name="Zuidwest", parent=nederland)
    zuidoost = factory.region(key="zuidoost", name="Zuidoost", parent=nederland)
    region = factory.region(
        key="west-brabant", name="West-Brabant", kind="subregio", parent=zuidwest
    )
    region.groupings.add(zuidoost)
    return region


def test_a_region_can_belong_to_two_groupings(west_brabant):
    assert [r.key for r in west_brabant.all_landsdelen()] == ["zuidwest", "zuidoost"]


def test_its_main_landsdeel_is_the_one_of_its_main_parent(west_brabant):
    assert west_brabant.landsdeel().key == "zuidwest"


def test_both_groupings_list_it_among_their_regions(west_brabant):
    for key in ["zuidwest", "zuidoost"]:
        grouping = Region.objects.get(key=key)
        assert west_brabant in Region.objects.in_grouping(grouping)


def test_rolling_up_follows_the_main_tree_only(west_brabant):
    zuidoost = Region.objects.get(key="zuidoost")
    assert west_brabant.pk not in zuidoost.descendant_ids()
    assert west_brabant.pk in Region.objects.get(key="nederland").descendant_ids()
