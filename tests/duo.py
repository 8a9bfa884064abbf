"""DUO-shaped figures for two municipalities, for the page and report tests.

Havo: national 20.617 van 51.998 in 2019 (Enschede 10.000 / 25.000, Groningen 10.617 /
26.998), rising about one point a year from 35,8% in 2015, against the national havo/vwo
target of 55% in 2020: not on course. Vwo: a flat 50%, against Oost's own vwo target of 45%
in 2020: on course, and against the national 55% elsewhere: not.
"""

from __future__ import annotations

from types import SimpleNamespace

from tests import factory

YEARS = range(2015, 2020)


def build(noord, oost, land=None) -> SimpleNamespace:
    d = SimpleNamespace()
    d.land = land or factory.region(key="nederland", name="Nederland", kind="land")
    for landsdeel in (noord, oost):
        if landsdeel.parent_id is None:
            landsdeel.parent = d.land
            landsdeel.save()
    d.groningen = factory.region(key="gm0014", name="Groningen (gemeente)", kind="gemeente")
    d.groningen.parent = noord
    d.groningen.save()
    d.enschede = factory.region(key="gm0153", name="Enschede", kind="gemeente", parent=oost)
    d.indicator = factory.indicator(
        key="nt-ng-profiel",
        name="Examenkandidaten met een NT- of NG-profiel",
        measure="share",
        definition="Examenkandidaten met N&T of N&G in de opleidingsnaam, van alle "
        "examenkandidaten van dat onderwijstype.",
        is_headline=True,
    )
    d.batch = factory.import_batch(
        recipe="duo-examenkandidaten",
        file_name="examenkandidaten-en-geslaagden-2014-2019.csv",
        table_name="Examenkandidaten en geslaagden",
    )
    for year in YEARS:
        behind = 2019 - year
        for region, havo, vwo in (
            (d.enschede, (10_000 - 300 * behind, 25_000), (3_000, 6_000)),
            (d.groningen, (10_617 - 200 * behind, 26_998), (3_500, 7_000)),
        ):
            for level, (numerator, denominator) in (("havo", havo), ("vwo", vwo)):
                factory.figure(
                    batch=d.batch,
                    indicator=d.indicator,
                    region=region,
                    year=year,
                    education_level=level,
                    numerator=numerator,
                    denominator=denominator,
                )
    d.national_target = factory.target(
        indicator=d.indicator, region=d.land, education_level="havo-vwo", year=2020, value=55
    )
    d.oost_target = factory.target(
        indicator=d.indicator, region=oost, education_level="vwo", year=2020, value=45
    )
    return d
