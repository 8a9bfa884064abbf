import datetime

import pytest

from pactmonitor.exchange.dutch import parse_date, parse_number


@pytest.mark.parametrize(
    "text",
    ["31-12-2014", "31/12/2014", "31.12.2014", "2014-12-31", "31 december 2014", "31 dec. 2014"],
)
def test_dutch_ways_of_writing_a_date_are_understood(text):
    assert parse_date(text) == (datetime.date(2014, 12, 31), text)


def test_a_date_cell_is_taken_as_it_is():
    assert parse_date(datetime.datetime(2014, 12, 31, 0, 0)) == (datetime.date(2014, 12, 31), "")


@pytest.mark.parametrize("text", ["eind 2014", "december 2014", "Q3 2015", "najaar 2015", "2016"])
def test_a_period_without_a_day_is_kept_as_text_without_a_date(text):
    assert parse_date(text) == (None, text)


@pytest.mark.parametrize("text", ["32-13-2015", "31 februari 2015", "morgen", "12/31/2014"])
def test_something_that_is_no_date_is_refused_with_a_message(text):
    with pytest.raises(ValueError, match=text):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12,5", 12.5), ("1.234,5", 1234.5), ("1.234", 1234.0), ("0.5", 0.5), ("-3", -3.0)],
)
def test_comma_decimals_and_point_thousands_are_understood(text, value):
    assert parse_number(text) == value


def test_text_that_is_no_number_is_refused():
    with pytest.raises(ValueError, match="geen getal"):
        parse_number("twaalf")
