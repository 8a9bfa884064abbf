"""The closed lists the API offers (a status, a region kind, an education level, …) are the
values the data stores: a value added to a model's choices is offered by the API, and the
document never offers one the data cannot hold."""

from typing import get_args

from pactmonitor.api.schemas import CLOSED_LISTS


def test_every_closed_list_offers_exactly_the_values_of_its_choices_in_their_order():
    for values, choices in CLOSED_LISTS.items():
        assert get_args(values) == tuple(choices.values), choices.__name__


def test_every_closed_list_of_the_schemas_is_checked_against_its_choices():
    import pactmonitor.api.schemas as schemas

    spelled = {name for name in vars(schemas) if name.endswith("Value")}
    checked = {name for name in spelled if getattr(schemas, name) in CLOSED_LISTS}
    assert checked == spelled
