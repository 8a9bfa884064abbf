"""The initiative finder filters by any region of the tree: a landsdeel, a province, a COROP
area or labour-market region, and the municipalities inside it."""

import pytest

from tests import factory

pytestmark = pytest.mark.django_db


def results(client, **params) -> str:
    response = client.get("/initiatieven/", params)
    assert response.status_code == 200
    return response.content.decode().split('id="results"')[1]


@pytest.fixture
def overijssel(world):
    """Twente and Zwolle: municipalities of one province in two COROP areas, with an initiative
    each at the vmbo."""
    province = factory.region(
        key="overijssel", name="Overijssel", kind="provincie", parent=world.oost
    )
    twente = factory.region(key="corop-twente", name="Twente", kind="corop", parent=province)
    zwolle_area = factory.region(
        key="corop-ijsselmond", name="IJsselmond", kind="corop", parent=province
    )
    enschede = factory.region(
        key="gemeente-enschede", name="Enschede", kind="gemeente", parent=province
    )
    zwolle = factory.region(key="gemeente-zwolle", name="Zwolle", kind="gemeente", parent=province)
    enschede.part_of.set([twente])
    zwolle.part_of.set([zwolle_area])
    in_enschede = factory.initiative(
        key="vmbo-enschede", name="Technieklab Enschede", kind="pps", education_levels="vmbo"
    )
    in_enschede.regions.set([enschede])
    in_zwolle = factory.initiative(
        key="vmbo-zwolle", name="Techniekroute Zwolle", kind="pps", education_levels="vmbo"
    )
    in_zwolle.regions.set([zwolle])
    return world


def test_a_corop_area_finds_the_initiatives_of_its_municipalities_only(client, overijssel):
    found = results(client, regio="corop-twente", niveau="vmbo")
    assert "Technieklab Enschede" in found and "Techniekroute Zwolle" not in found


def test_a_province_finds_the_initiatives_in_every_municipality_inside_it(client, overijssel):
    found = results(client, regio="overijssel")
    assert "Technieklab Enschede" in found and "Techniekroute Zwolle" in found
    assert "Bètapunt Noord" not in found


def test_a_municipality_can_be_asked_for_by_key_although_it_is_not_listed(client, overijssel):
    page = client.get("/initiatieven/").content.decode()
    assert '<option value="corop-twente">Twente</option>' in page
    assert 'value="gemeente-enschede"' not in page
    found = results(client, regio="gemeente-zwolle")
    assert "Techniekroute Zwolle" in found and "Technieklab Enschede" not in found


def test_the_region_list_is_grouped_by_kind(client, overijssel):
    page = client.get("/initiatieven/").content.decode()
    assert '<optgroup label="provincie">' in page and '<optgroup label="landsdeel">' in page


def test_an_unknown_region_is_ignored_and_the_other_filters_still_apply(client, overijssel):
    found = results(client, regio="bestaat-niet", q="enschede")
    assert "Technieklab Enschede" in found and "Techniekroute Zwolle" not in found
