"""The editorial rules of docs/dataset.md that scripts/check_dataset.py checks."""

import datetime

import pytest

from pactmonitor.exchange.dataset import Dataset, Entry
from pactmonitor.exchange.rules import convention_date, rule_problems

D = datetime.date


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("Op 12 juni 2013", D(2013, 6, 12)),
        ("Vanaf 2014", D(2014, 1, 1)),
        ("In 2014", D(2014, 12, 31)),
        ("eind 2013", D(2013, 12, 31)),
        ("Begin 2014", D(2014, 3, 31)),
        ("Voor de zomer 2014", D(2014, 6, 30)),
        ("in de zomer van 2013", D(2013, 8, 31)),
        ("In het najaar 2013", D(2013, 11, 30)),
        ("In september 2014", D(2014, 9, 30)),
        ("Vanaf schooljaar 2013/2014", D(2013, 8, 1)),
        ("In het schooljaar 2014/15", D(2015, 7, 31)),
        ("met ingang van het collegejaar 2015/16", D(2015, 9, 1)),
        ("in de jaren 2014, 2015, 2016", None),
    ],
)
def test_the_date_convention_gives_one_day_for_each_way_of_naming_a_time(words, day):
    assert convention_date(words) == day


def update(*milestones, **fields) -> Dataset:
    data = {"round": "2014", "status": "onbekend", "milestones": list(milestones)} | fields
    return Dataset(
        rounds=[Entry({"slug": "2014", "peildatum": D(2014, 5, 13)}, "f.yaml", "rounds[0]")],
        status_updates=[Entry(data, "f.yaml", "status_updates[0]")],
    )


def milestone(**kw) -> dict:
    kw.setdefault("date", D(2013, 12, 31))
    kw.setdefault("date_text", "eind 2013")
    kw.setdefault("provenance", {"seed": "002", "quote": f"Het raamwerk is {kw['date_text']} af."})
    return kw


def test_a_dataset_that_follows_the_rules_has_no_problems():
    assert rule_problems(update(milestone(happened=True))) == []


def test_a_milestone_needs_its_own_quote():
    [problem] = rule_problems(update(milestone(provenance=None)))
    assert "milestones[0]: needs its own provenance quote" in problem


def test_a_milestone_s_quote_contains_its_date_text():
    quote = {"seed": "002", "quote": "Het raamwerk is af."}
    [problem] = rule_problems(update(milestone(provenance=quote)))
    assert "does not contain its date text 'eind 2013'" in problem


def test_a_past_event_is_never_dated_after_the_peildatum():
    late = milestone(date=D(2014, 12, 31), date_text="in 2014", happened=True)
    assert any("after the peildatum" in p for p in rule_problems(update(late)))


def test_a_date_that_breaks_the_convention_is_named():
    [problem] = rule_problems(update(milestone(date=D(2013, 12, 1))))
    assert "is 2013-12-31 by the date convention" in problem


def test_a_delay_is_never_read_from_a_quote_that_does_not_say_so():
    fields = {"status": "vertraagd", "basis": "assessed", "basis_quote": "Het plan is gereed."}
    [problem] = rule_problems(update(**fields))
    assert "vertraagd read from the text" in problem


def test_an_editorial_remark_inside_a_source_text_is_named():
    data = update(narrative="De stand (de tekst zegt niet wie).")
    [problem] = rule_problems(data)
    assert "narrative: an editorial remark belongs in the note" in problem
