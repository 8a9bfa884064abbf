"""A small pact world with named users for the round-cycle tests.

Two landsdelen (Noord with the province Groningen under it, and Oost), a national pact with
a regional pact per landsdeel and a subregional pact in Groningen, and the people:

- alice: owner at Techniekschool A (leads national action 1 and Noord's action 1)
- bob: owner at Bedrijf B (leads national action 2 and Oost's action 1) — the other owner
- carol: coordinator of Noord
- dave: coordinator of Oost — the other landsdeel's coordinator
- nina: national coordinator
- adam: administrator
- olga: signed in, but without a role
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from pactmonitor.progress.services import open_round
from tests import factory

PASSWORD = "geheim-wachtwoord"


def build(open_new_round: bool = True) -> SimpleNamespace:
    w = SimpleNamespace()
    w.noord = factory.region(key="noord", name="Noord")
    w.groningen = factory.region(
        key="groningen", name="Groningen", kind="provincie", parent=w.noord
    )
    w.oost = factory.region(key="oost", name="Oost")
    w.school = factory.organisation(key="school-a", name="Techniekschool A")
    w.bedrijf = factory.organisation(key="bedrijf-b", name="Bedrijf B", sector="ondernemers")
    w.national = factory.pact(key="nationaal", name="Nationaal pact")
    w.pact_noord = factory.pact(
        key="pact-noord", name="Pact Noord", level="regional", region=w.noord, parent=w.national
    )
    w.pact_groningen = factory.pact(
        key="pact-groningen",
        name="Pact Groningen",
        level="subregional",
        region=w.groningen,
        parent=w.pact_noord,
    )
    w.pact_oost = factory.pact(
        key="pact-oost", name="Pact Oost", level="regional", region=w.oost, parent=w.national
    )
    w.n1 = factory.action(
        pact=w.national, number="1", title="Techniek in de klas", leads=[w.school]
    )
    w.n1a = factory.sub_measure(action=w.n1, letter="a", text="Lesmateriaal")
    w.n1b = factory.sub_measure(action=w.n1, letter="b", text="Docenten")
    w.n2 = factory.action(pact=w.national, number="2", title="Stages", leads=[w.bedrijf])
    w.nr1 = factory.action(
        pact=w.pact_noord, number="1", title="Techniekcentra Noord", leads=[w.school]
    )
    w.g1 = factory.action(pact=w.pact_groningen, number="1", title="Groningse campus")
    w.or1 = factory.action(pact=w.pact_oost, number="1", title="Oost werkt", leads=[w.bedrijf])
    w.previous = factory.reporting_round(
        pact=w.national,
        slug="2014",
        name="Ronde 2014",
        peildatum=datetime.date(2014, 5, 31),
        state="published",
    )
    factory.status_update(
        round=w.previous,
        action=w.n2,
        state="published",
        status="op_schema",
        basis="reported",
        narrative="Stages lopen volgens plan.",
    )
    people = {
        "alice": {"role": "action_owner", "organisation": w.school},
        "bob": {"role": "action_owner", "organisation": w.bedrijf},
        "carol": {"role": "landsdeel_coordinator", "landsdeel": w.noord},
        "dave": {"role": "landsdeel_coordinator", "landsdeel": w.oost},
        "nina": {"role": "national_coordinator"},
        "adam": {"role": "administrator"},
        "olga": {"role": ""},
    }
    for name, fields in people.items():
        setattr(
            w,
            name,
            factory.user(username=name, first_name=name.title(), password=PASSWORD, **fields),
        )
    if open_new_round:
        w.round = open_round(
            pact=w.national,
            slug="2015",
            name="Ronde 2015",
            peildatum=datetime.date(2015, 6, 1),
            deadline=datetime.date(2015, 6, 30),
        )
    return w


def draft(w: SimpleNamespace, action, sub_measure=None):
    return w.round.updates.get(action=action, sub_measure=sub_measure, is_current=True)
