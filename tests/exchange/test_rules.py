"""The editorial rules of docs/dataset.md that scripts/check_dataset.py checks."""

import datetime

import pytest

from pactmonitor.exchange.dataset import Dataset, Entry
from pactmonitor.exchange.rules import convention_date, planning_date, rule_problems

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


def figures(*observations, targets=()) -> Dataset:
    """One indicator of seed 002 (dated 13 May 2014) with these observations and targets."""
    document = {"seed": "002", "date": D(2014, 5, 13), "date_text": "mei 2014"}
    source = Entry(document, "s.yaml", "sources[0]")
    indicator = {"key": "k", "unit": "percent", "observations": list(observations)}
    indicator["targets"] = list(targets)
    pact = Entry(
        {"key": "tp", "level": "national", "signed_on": D(2013, 5, 13)}, "p.yaml", "pacts[0]"
    )
    indicators = {"k": Entry(indicator, "f.yaml", "indicators[0]")}
    return Dataset(sources=[source], pacts=[pact], indicators=indicators)


def figure(quote: str, **kw) -> dict:
    return {"region": "nederland", "provenance": {"seed": "002", "quote": quote}} | kw


def test_a_present_state_is_dated_at_its_document_s_peildatum():
    now = figure("Op dit moment zijn er 18 centra.", value=18)
    [problem] = rule_problems(figures(now))
    assert "'Op dit moment' gives the present state" in problem
    dated = now | {"year": 2014, "dating": "document", "as_of": D(2014, 5, 13)}
    assert rule_problems(figures(dated | {"as_of_text": "peildatum van Bijlage 1"})) == []


def test_a_stand_dated_at_another_day_than_its_document_s_is_named():
    stand = figure(
        "Huidige stand: havo: 37%.", value=37, year=2015, dating="document", as_of=D(2015, 6, 1)
    )
    [problem] = rule_problems(figures(stand | {"as_of_text": "peildatum"}))
    assert "so as_of 2014-05-13 (or an earlier day its section gives)" in problem


def test_a_figure_without_a_year_or_a_reference_date_is_named():
    [problem] = rule_problems(figures(figure("Er doen 17 regio's mee.", value=17, dating="stated")))
    assert "a figure without a year has dating not_given" in problem
    dated = figure("17 regio's", value=17, year=2014, dating="document", as_of=D(2014, 5, 13))
    [problem] = rule_problems(figures(dated))
    assert "says in words where its date comes from" in problem


def test_a_baseline_is_the_situation_at_the_pact_s_signing():
    wrong = figure("van 45% naar 55% in 2015", value=45, year=2014, dating="signing")
    [problem] = rule_problems(figures(wrong | {"as_of": D(2014, 5, 13), "as_of_text": "x"}))
    assert "the situation at the pact's signing is as of 2013-05-13" in problem


def test_a_figure_in_another_breakdown_than_the_baseline_is_flagged():
    baseline = figure(
        "van 45% naar 55%", value=45, year=2013, dating="signing", as_of=D(2013, 5, 13)
    ) | {"education_level": "havo-vwo", "as_of_text": "ondertekening"}
    havo = figure("havo: 37%", value=37, year=2014, education_level="havo")
    [problem] = rule_problems(figures(baseline, havo))
    assert "observations[1]: another breakdown than the baseline 45" in problem
    flagged = havo | {"comparable": False, "comparability_note": "alleen havo"}
    assert rule_problems(figures(baseline, flagged)) == []


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Bij het Vmbo is de instroom in techniek minder dan 20%.", 20),
        ("Agrofood en Health (> 50.000 werknemers)", 50000),
        ("waren ruim 1400 kinderen aanwezig", 1400),
        ("ongeveer 4 – 5 opdrachten", 5),
        ("krapte-index tussen de 0,4 en 0,8", 0.4),
        ("ruim 140 miljoen euro", 140_000_000),
    ],
)
def test_a_bound_or_range_is_never_stored_as_a_point(quote, value):
    [problem] = rule_problems(figures(figure(quote, value=value)))
    assert "is a bound or range in its quote; store it as one" in problem


def test_a_range_has_its_bounds_its_words_and_no_point_value():
    quote = "ongeveer 4 – 5 opdrachten"
    good = figure(quote, lower=4, upper=5, bound_text="ongeveer 4 – 5")
    assert rule_problems(figures(good)) == []
    [problem] = rule_problems(figures(good | {"value": 4}))
    assert "a range has its bounds and no point value" in problem
    [problem] = rule_problems(figures(good | {"bound_text": "4 tot 5"}))
    assert "does not contain its bound text" in problem


def test_a_target_given_as_a_range_is_judged_against_its_bound():
    quote = "Het eindbeeld is 10 a 12 regionale campussen"
    target = figure(quote, value=12, lower=10, upper=12, bound_text="10 a 12")
    [problem] = rule_problems(figures(targets=[target]))
    assert "judged against its bound" in problem
    assert rule_problems(figures(targets=[target | {"value": 10}])) == []


def test_an_exact_figure_beside_a_bound_in_the_same_quote_is_a_point():
    quote = "Agrofood en Health (> 50.000 werknemers), vrijetijdseconomie (17.000)"
    assert rule_problems(figures(figure(quote, value=17000))) == []


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("13 mei 2013", D(2013, 5, 13)),
        ("eind mei / begin juni", D(2013, 6, 30)),
        ("mei/juni", D(2013, 6, 30)),
        ("eindjuni", D(2013, 6, 30)),
        ("nade zomer", D(2013, 9, 1)),
        ("december 2013", D(2013, 12, 31)),
    ],
)
def test_a_planning_line_whose_year_its_list_gives_is_dated_by_the_same_convention(words, day):
    assert planning_date(words, 2013) == day


def pact(*planning: dict) -> Dataset:
    data = {"key": "p", "name": "P", "level": "regional", "planning": list(planning)}
    return Dataset(pacts=[Entry(data, "f.yaml", "pacts[0]")])


def planned(**kw) -> dict:
    kw.setdefault("date", D(2013, 12, 31))
    kw.setdefault("date_text", "december 2013")
    kw.setdefault("text", "bijeenkomst met stakeholders")
    kw.setdefault("provenance", {"seed": "004", "quote": f"{kw['date_text']}: {kw['text']}"})
    return kw


def test_a_planning_line_that_follows_the_rules_has_no_problems():
    assert rule_problems(pact(planned())) == []


def test_a_planning_line_s_quote_contains_its_date_text():
    [problem] = rule_problems(pact(planned(provenance={"seed": "004", "quote": "bijeenkomst"})))
    assert "planning[0]: its quote does not contain its date text 'december 2013'" in problem


def test_a_planning_line_off_the_convention_is_named():
    [problem] = rule_problems(pact(planned(date=D(2013, 12, 1))))
    assert "'december 2013' is 2013-12-31 by the date convention, not 2013-12-01" in problem


def test_a_planning_line_without_a_year_says_where_its_year_comes_from():
    [problem] = rule_problems(pact(planned(date=D(2013, 6, 30), date_text="mei/juni")))
    assert "'mei/juni' gives no year: say in the note where 2013 comes from" in problem
    assert rule_problems(pact(planned(date=D(2013, 6, 30), date_text="mei/juni", note="kop"))) == []


def findings(**kw) -> Dataset:
    kw.setdefault(
        "text", "In het VMBO en het MBO zien we het aantal leerlingen niet verder toenemen."
    )
    kw.setdefault("provenance", {"seed": "001", "quote": kw["text"]})
    source = {"seed": "001", "date": None, "date_text": "2016 (periode 2016-2019)"}
    return Dataset(
        sources=[Entry(source, "sources.yaml", "sources[0]")],
        findings=[Entry(kw, "f.yaml", "findings[0]")],
    )


def test_a_finding_holds_at_its_document_s_date_said_in_words():
    assert rule_problems(findings(year=2016, as_of_text="de notitie (2016)")) == []
    [problem] = rule_problems(findings(year=2016))
    assert "findings[0]: a finding says in words when it holds" in problem


def test_a_finding_dated_otherwise_than_its_document_is_named():
    [problem] = rule_problems(findings(year=2014, as_of_text="de notitie (2016)"))
    assert "dated at its document's year 2016, without a day" in problem
