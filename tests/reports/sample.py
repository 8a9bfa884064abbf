"""A small pact shaped like the Techniekpact, built with the factory, for the report tests.

Two published rounds ("t2014", "t2015"); the first has a status for every sub-measure or
action (one of each colour, one read from the narrative, the rest unknown), the second none,
like the bundled data. Two landsdelen with provinces, profiles, a regional pact with an
overdue goal, an initiative and an indicator measured in three years.
"""

from __future__ import annotations

import datetime

from pactmonitor.pacts.models import OperationalGoal
from pactmonitor.progress.models import Milestone, RegionProfile, RegionResult, Source
from tests import factory

PUBLISHED = {"state": "published"}


def build() -> dict:
    national = factory.pact(key="techniekpact-test", name="Techniekpact Test")
    lines = {
        key: factory.action_line(pact=national, key=key, name=name, order=i, national_goal=goal)
        for i, (key, name, goal) in enumerate(
            [
                (
                    "kiezen",
                    "Kiezen voor techniek",
                    "Van 45% naar 55% havo-leerlingen met een natuurprofiel.",
                ),
                ("leren", "Leren in de techniek", ""),
                ("werken", "Werken in de techniek", ""),
            ]
        )
    }
    r2014 = factory.reporting_round(
        pact=national,
        slug="t2014",
        name="Voortgangsrapportage 2014",
        peildatum=datetime.date(2014, 5, 31),
        **PUBLISHED,
    )
    r2015 = factory.reporting_round(
        pact=national,
        slug="t2015",
        name="Voortgangsrapportage 2015",
        peildatum=datetime.date(2015, 6, 30),
        **PUBLISHED,
    )
    ocw = factory.organisation(key="ocw", name="Ministerie van OCW", sector="overheid")
    a1 = factory.action(
        pact=national,
        number="1",
        title="Wetenschap en Technologie in het basisonderwijs",
        text="Alle basisscholen bieden in 2020 structureel W&T aan.",
        action_line=lines["kiezen"],
        leads=[ocw],
    )
    s1a = factory.sub_measure(action=a1, letter="a", text="Er wordt een leerlijn W&T ontwikkeld.")
    s1b = factory.sub_measure(
        action=a1, letter="b", text="De Onderwijsinspectie volgt de ontwikkeling."
    )
    a2 = factory.action(
        pact=national,
        number="2",
        title="De PO-raad benut de visie op W&T",
        action_line=lines["kiezen"],
    )
    a10 = factory.action(
        pact=national,
        number="10",
        title="Centra voor innovatief vakmanschap",
        action_line=lines["leren"],
    )
    a15 = factory.action(
        pact=national,
        number="15",
        title="Technologie-onderwijs in het mbo",
        action_line=lines["leren"],
    )
    a20 = factory.action(
        pact=national,
        number="20",
        title="Een leven lang leren in de techniek",
        action_line=lines["werken"],
    )

    u1a = factory.status_update(
        round=r2014,
        action=a1,
        sub_measure=s1a,
        status="afgerond",
        basis="reported",
        narrative=(
            "SLO heeft het leerplankader WenT opgeleverd.\n"
            "- Consultatie in 2013\n- Uitwerking in 2014"
        ),
        new="ResearchNed heeft de midterm review opgeleverd.",
        **PUBLISHED,
    )
    Source.objects.create(
        update=u1a, title="Leerplankader W&T", url="https://www.slo.nl/primair/themes/wt"
    )
    Milestone.objects.create(
        update=u1a, date=datetime.date(2016, 3, 1), text="Eindrapport van de peiling"
    )
    factory.status_update(
        round=r2014,
        action=a1,
        sub_measure=s1b,
        status="op_schema",
        basis="assessed",
        basis_quote="zal de Onderwijsinspectie een peiling uitvoeren",
        narrative="In 2015/16 zal de Onderwijsinspectie een peiling uitvoeren.",
        **PUBLISHED,
    )
    factory.status_update(
        round=r2014,
        action=a2,
        status="vertraagd",
        basis="reported",
        narrative="De beleidsagenda is later vastgesteld dan gepland.",
        **PUBLISHED,
    )
    factory.status_update(
        round=r2014,
        action=a10,
        status="onbekend",
        narrative="Er zijn 18 centra voor innovatief vakmanschap.",
        **PUBLISHED,
    )
    # A draft in a published round is not public and must not appear.
    factory.status_update(
        round=r2014,
        action=a15,
        status="afgerond",
        basis="reported",
        narrative="CONCEPTTEKST DIE NIET IN HET RAPPORT HOORT",
    )

    noord = factory.region(key="noord", name="Landsdeel Noord")
    for name in ["Friesland", "Groningen", "Drenthe"]:
        factory.region(key=name.lower(), name=name, kind="provincie", parent=noord)
    oost = factory.region(key="oost", name="Landsdeel Oost")
    gelderland = factory.region(key="gelderland", name="Gelderland", kind="provincie", parent=oost)
    twente = factory.region(key="twente", name="Twente", kind="subregio", parent=oost)

    profile = RegionProfile.objects.create(
        state="published",
        region=noord,
        round=r2015,
        organisation="Landsdeel Noord kent een stuur- en werkgroep Techniekpact.",
        priorities="- Implementatie doe-agenda\n- Servicepunt Techniek Drenthe",
    )
    RegionResult.objects.create(
        profile=profile, text="Techniekpact op Tour met 200 bezoekers.", order=0
    )
    RegionResult.objects.create(
        profile=profile,
        action_line=lines["kiezen"],
        subregion=noord.children.get(key="friesland"),
        text="- Uitbreiding van de TechNet-kringen van 6 naar 8.",
        order=1,
    )
    RegionProfile.objects.create(
        state="published",
        region=oost,
        round=r2014,
        organisation="Oost werkt met acht subregionale pacten.",
    )
    RegionProfile.objects.create(
        state="published",
        region=oost,
        round=r2015,
        organisation="Techniekpact Oost 2020 is opgesteld.",
        priorities="Doorontwikkeling van de subregionale pacten.",
    )

    regional = factory.pact(
        key="techniekpact-oost-test",
        name="Techniekpact Oost Test",
        level="regional",
        region=oost,
        parent=national,
    )
    roc = factory.organisation(key="roc-twente", name="ROC van Twente")
    oa = factory.action(
        pact=regional,
        number="1",
        title="Techniekpromotie in het primair onderwijs",
        action_line=factory.action_line(pact=regional, key="kiezen", name="Kiezen voor techniek"),
        leads=[roc],
        region=twente,
    )
    OperationalGoal.objects.create(
        action=oa,
        text="Plan van aanpak gereed",
        deadline=datetime.date(2013, 12, 31),
        deadline_text="eind 2013",
    )
    initiative = factory.initiative(
        key="coe-tech",
        name="Centre of Expertise TechYourFuture",
        kind="coe",
        description="Kennis delen tussen hbo en bedrijven.",
        url="https://techyourfuture.nl",
    )
    initiative.regions.set([twente])
    indicator = factory.indicator(
        key="natuurprofiel", name="Leerlingen met een natuurprofiel", unit="percent"
    )
    for year, value in [(2012, 41.5), (2013, 43.0), (2014, 44.25)]:
        factory.observation(indicator=indicator, region=gelderland, year=year, value=value)
    factory.target(indicator=indicator, year=2015, value=55.0)
    return {
        "national": national,
        "rounds": (r2014, r2015),
        "actions": [a1, a2, a10, a15, a20],
        "landsdelen": (noord, oost),
        "regional": regional,
    }
