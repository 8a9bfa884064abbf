import datetime

from pactmonitor.pacts.models import ContactPerson, OperationalGoal
from pactmonitor.progress.models import Milestone, RegionProfile, RegionResult, Source
from tests import factory


def build_world():
    """A small published pact: two rounds, a landsdeel with a regional pact, an indicator."""
    w = type("World", (), {})()
    w.nl = factory.region(key="nederland", name="Nederland", kind="land")
    w.noord = factory.region(key="noord", name="Noord", kind="landsdeel", parent=w.nl)
    w.groningen = factory.region(
        key="groningen", name="Groningen", kind="provincie", parent=w.noord
    )
    w.oost = factory.region(key="oost", name="Oost", kind="landsdeel", parent=w.nl)
    w.pact = factory.pact(key="techniekpact-2020", name="Techniekpact 2020", level="national")
    w.kiezen = factory.action_line(
        pact=w.pact,
        key="kiezen",
        name="Kiezen voor techniek",
        order=1,
        national_goal="Van 25% naar 40% meer kiezers",
    )
    w.leren = factory.action_line(pact=w.pact, key="leren", name="Leren in de techniek", order=2)
    w.platform = factory.organisation(key="platform-beta-techniek", name="Platform Bèta Techniek")
    w.ocw = factory.organisation(key="ocw", name="Ministerie van OCW", sector="overheid")
    w.a1 = factory.action(
        pact=w.pact,
        number="1",
        title="Techniek in het basisonderwijs",
        action_line=w.kiezen,
        leads=[w.platform],
        text="De volledige tekst van actie 1.",
    )
    w.a1.partners.set([w.ocw])
    w.a1a = factory.sub_measure(action=w.a1, letter="a", text="Deel a")
    w.a1b = factory.sub_measure(action=w.a1, letter="b", text="Deel b")
    w.a2 = factory.action(
        pact=w.pact, number="2", title="Doorlopende leerlijnen", action_line=w.leren, leads=[w.ocw]
    )
    w.a3 = factory.action(pact=w.pact, number="3", title="Regionale aanpak", action_line=w.leren)
    OperationalGoal.objects.create(
        action=w.a2,
        text="Plan van aanpak gereed",
        deadline=datetime.date(2013, 12, 31),
        deadline_text="eind 2013",
    )
    w.r2014 = factory.reporting_round(
        pact=w.pact,
        slug="2014",
        name="Voortgangsrapportage 2014",
        peildatum=datetime.date(2014, 5, 31),
        state="published",
    )
    w.r2015 = factory.reporting_round(
        pact=w.pact,
        slug="2015",
        name="Voortgangsrapportage 2015",
        peildatum=datetime.date(2015, 6, 30),
        state="published",
    )
    w.draft_round = factory.reporting_round(
        pact=w.pact,
        slug="2016",
        name="Concept 2016",
        peildatum=datetime.date(2016, 6, 30),
        state="open",
    )
    pub = {"state": "published"}
    factory.status_update(
        action=w.a1, sub_measure=w.a1a, round=w.r2014, status="afgerond", basis="reported", **pub
    )
    factory.status_update(
        action=w.a1, sub_measure=w.a1b, round=w.r2014, status="vertraagd", basis="reported", **pub
    )
    w.u2 = factory.status_update(
        action=w.a2,
        round=w.r2014,
        status="op_schema",
        basis="assessed",
        basis_quote="loopt volgens planning",
        narrative="Het plan is in uitvoering.",
        new="Nieuw: tweede regio gestart.",
        **pub,
    )
    Milestone.objects.create(
        update=w.u2,
        date=datetime.date(2014, 12, 31),
        date_text="eind 2014",
        text="Alle regio's aangesloten",
    )
    Source.objects.create(update=w.u2, title="Brief aan de Kamer", url="https://example.org/brief")
    factory.status_update(
        action=w.a2,
        round=w.r2015,
        status="afgerond",
        basis="reported",
        narrative="Afgerond in 2015.",
        **pub,
    )
    factory.status_update(
        action=w.a3,
        round=w.r2015,
        status="vertraagd",
        basis="reported",
        narrative="Verborgen concept",
        state="draft",
    )
    factory.status_update(
        action=w.a3,
        round=w.draft_round,
        status="vertraagd",
        basis="reported",
        narrative="Nog niet gepubliceerd",
        **pub,
    )
    w.regional = factory.pact(
        key="techniekpact-noord",
        name="Techniekpact Noord",
        level="regional",
        parent=w.pact,
        region=w.noord,
    )
    w.r1 = factory.action(pact=w.regional, number="1", title="Bètapunt in elke regio")
    w.r1.serves_actions.set([w.a1])
    ContactPerson.objects.create(
        name="Jan Geheim", email="jan.geheim@example.org", pact=w.regional, region=w.noord
    )
    p14 = RegionProfile.objects.create(
        state="published",
        region=w.noord,
        round=w.r2014,
        organisation="Stuurgroep Noord",
        priorities="Meer stages",
    )
    RegionResult.objects.create(profile=p14, action_line=w.kiezen, text="Twintig scholen doen mee")
    p15 = RegionProfile.objects.create(
        state="published",
        region=w.noord,
        round=w.r2015,
        organisation="Stuurgroep Noord",
        priorities="Meer docenten",
    )
    RegionResult.objects.create(profile=p15, action_line=w.kiezen, text="Twintig scholen doen mee")
    RegionResult.objects.create(
        profile=p15, action_line=w.kiezen, text="Dertig bedrijven leveren gastlessen"
    )
    w.indicator = factory.indicator(
        key="havo-nt-profiel", name="Havisten met een NT/NG-profiel", is_headline=True
    )
    factory.observation(
        indicator=w.indicator, region=w.nl, year=2012, value=44.0, education_level="havo"
    )
    factory.observation(
        indicator=w.indicator, region=w.nl, year=2013, value=47.5, education_level="havo"
    )
    factory.observation(
        indicator=w.indicator, region=None, year=None, value=12.0, note="jaar niet genoemd"
    )
    factory.target(
        indicator=w.indicator, region=w.nl, year=2015, value=55.0, education_level="havo"
    )
    w.betapunt = factory.initiative(
        key="betapunt-noord",
        name="Bètapunt Noord",
        kind="betapunt",
        description="Regionaal netwerk voor bèta en techniek",
        education_levels="po vo",
    )
    w.betapunt.regions.set([w.groningen])
    w.betapunt.action_lines.set([w.kiezen])
    w.twente = factory.initiative(
        key="techniekpact-twente",
        name="Techniekpact Twente",
        kind="pps",
        education_levels="mbo hbo",
    )
    w.twente.regions.set([w.oost])
    return w
