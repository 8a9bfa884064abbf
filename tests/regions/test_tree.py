"""The region tree: main parents and part_of are containment, groupings are not."""

import pytest
from django.http import HttpResponse

from pactmonitor.regions.tree import RegionTree, RegionTreeMiddleware, region_tree
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def brabant():
    """Noord-Brabant split over two landsdelen, as in the bundled tree."""
    nl = factory.region(key="nederland", name="Nederland", kind="land")
    zuidwest = factory.region(key="zuidwest", name="Zuidwest", parent=nl)
    zuidoost = factory.region(key="zuidoost", name="Zuidoost", parent=nl)
    province = factory.region(
        key="noord-brabant", name="Noord-Brabant", kind="provincie", parent=nl
    )
    province.groupings.add(zuidoost)
    west = factory.region(key="wnb", name="West-Noord-Brabant", kind="corop", parent=zuidwest)
    west.part_of.add(province)
    east = factory.region(key="znb", name="Zuidoost-Noord-Brabant", kind="corop", parent=zuidoost)
    east.part_of.add(province)
    breda = factory.region(key="breda", name="Breda", kind="gemeente", parent=west)
    eindhoven = factory.region(key="eindhoven", name="Eindhoven", kind="gemeente", parent=east)
    return {r.key: r for r in (nl, zuidwest, zuidoost, province, west, east, breda, eindhoven)}


def test_a_region_lies_in_its_main_parents_and_in_what_it_is_part_of(brabant):
    tree = RegionTree.load()
    keys = {tree.regions[i].key for i in tree.containing_ids(brabant["breda"].pk)}
    assert keys == {"breda", "wnb", "zuidwest", "noord-brabant", "nederland"}


def test_a_municipality_reaching_nederland_two_ways_is_one_pair(brabant):
    pairs = RegionTree.load().containment_pairs()
    assert pairs.count((brabant["breda"].pk, brabant["nederland"].pk)) == 1
    assert (brabant["breda"].pk, brabant["breda"].pk) in pairs


def test_a_landsdeel_does_not_contain_what_only_works_with_it(brabant):
    inside = RegionTree.load().descendant_ids(brabant["zuidoost"].pk)
    assert brabant["eindhoven"].pk in inside
    assert brabant["noord-brabant"].pk not in inside and brabant["breda"].pk not in inside


def test_the_province_contains_both_its_parts(brabant):
    inside = brabant["noord-brabant"].descendant_ids()
    assert {brabant["breda"].pk, brabant["eindhoven"].pk} <= inside


def test_ancestors_follow_the_main_parent_only(brabant):
    assert [r.key for r in brabant["breda"].ancestors()] == ["wnb", "zuidwest", "nederland"]


def test_a_municipality_s_landsdeel_is_that_of_its_corop_area(brabant):
    assert brabant["breda"].landsdeel().key == "zuidwest"
    assert brabant["eindhoven"].landsdeel().key == "zuidoost"


def test_a_region_without_a_landsdeel_on_its_main_chain_takes_the_one_containing_it(brabant):
    amr = factory.region(
        key="amr", name="AMR", kind="arbeidsmarktregio", parent=brabant["nederland"]
    )
    amr.part_of.add(brabant["wnb"])
    assert amr.landsdeel().key == "zuidwest"


def test_the_split_province_belongs_to_the_landsdeel_it_works_with(brabant):
    assert [r.key for r in brabant["noord-brabant"].all_landsdelen()] == ["zuidoost"]


def test_the_tree_is_read_in_two_queries(brabant, django_assert_num_queries):
    with django_assert_num_queries(2):
        tree = RegionTree.load()
        tree.containment_pairs()
        tree.ancestors(brabant["breda"].pk)


def test_a_request_loads_the_tree_once_however_often_it_asks(brabant, rf):
    seen = []

    def view(request):
        seen.append(region_tree())
        brabant["breda"].ancestors()
        seen.append(region_tree())
        return HttpResponse()

    RegionTreeMiddleware(view)(rf.get("/"))
    assert seen[0] is seen[1]
    assert region_tree() is not seen[0]  # outside the request: loaded afresh


def test_a_change_during_a_request_reloads_the_tree(brabant, rf):
    def view(request):
        before = region_tree()
        brabant["eindhoven"].part_of.add(brabant["zuidwest"])
        assert region_tree() is not before
        assert brabant["eindhoven"].pk in brabant["zuidwest"].descendant_ids()
        return HttpResponse()

    RegionTreeMiddleware(view)(rf.get("/"))


def test_a_circle_of_containment_does_not_hang_the_walk(brabant):
    brabant["noord-brabant"].part_of.add(brabant["wnb"])  # only by hand; the loader refuses it
    assert brabant["breda"].pk in RegionTree.load().descendant_ids(brabant["noord-brabant"].pk)
