"""Every shipped recipe, every year: the national figures the product stores equal the ones
counted here from the CSV with Python's csv module, by the definitions in words (issue 9)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.db.models import Sum

from pactmonitor.indicators.importer import import_file
from pactmonitor.indicators.models import Figure, Indicator
from pactmonitor.indicators.recipes import OPEN_DATA_DIR, bundled, load

pytestmark = pytest.mark.django_db

DUO = OPEN_DATA_DIR / "duo"


def rows(name: str, encoding: str):
    with (DUO / name).open(encoding=encoding, newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row.get(next(iter(row))) and len(row) > 1 and None not in row.values():
                yield {k: (v or "").strip() for k, v in row.items()}


def count(value: str) -> int:
    return int(value) if value else 0


def bundled_file(key: str) -> Path:
    path = load(key).bundled_file
    assert path is not None, f"{key} has no bundled file"
    return path


def exam_totals():
    """(level, year) → [numerator, denominator] for havo, vwo, havo+vwo and vmbo b/k."""
    totals: defaultdict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows("examenkandidaten-en-geslaagden-2014-2019.csv", "latin-1"):
        name, kind = row["OPLEIDINGSNAAM"], row["ONDERWIJSTYPE VO"]
        for column, value in row.items():
            match = re.fullmatch(r"EXAMENKANDIDATEN SCHOOLJAAR (\d{4})-(\d{4}) - TOTAAL", column)
            if not match:
                continue
            year, n = int(match.group(2)), count(value)
            science = "N&T" in name or "N&G" in name
            levels = {"HAVO": ["havo", "havo-vwo"], "VWO": ["vwo", "havo-vwo"]}.get(kind, [])
            if name.startswith(("VMBO B", "VMBO K")):
                levels, science = ["vmbo"], name.endswith("techniek")
            for level in levels:
                totals[(level, year)][1] += n
                totals[(level, year)][0] += n if science else 0
    return totals


def mbo_totals():
    totals: defaultdict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows("mbo_inscriptions_2019.csv", "utf-8"):
        for year in range(2015, 2020):
            n = count(row[f"TOTAAL{year}"])
            totals[("mbo", year)][1] += n
            totals[("mbo", year)][0] += n if row["MBO SECTOR"] == "techniek" else 0
    return totals


def ho_totals(level: str):
    totals: defaultdict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows(f"{level}_inscriptions_2019.csv", "utf-8"):
        for year in range(2015, 2020):
            n = count(row[str(year)])
            science = row["CROHO ONDERDEEL"] in ("techniek", "natuur")
            for key in (level, "ho"):
                totals[(key, year)][1] += n
                totals[(key, year)][0] += n if science else 0
    return totals


EXPECTED = {
    "duo-examenkandidaten-vo": exam_totals,
    "duo-mbo-deelnemers": mbo_totals,
    "duo-hbo-eerstejaars": lambda: ho_totals("hbo"),
    "duo-wo-eerstejaars": lambda: ho_totals("wo"),
}


def stored(batch):
    sums = (
        Figure.objects.filter(batch=batch)
        .values("education_level", "year")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
    )
    return {(s["education_level"], s["year"]): [s["n"], s["d"]] for s in sums}


def test_every_bundled_recipe_has_a_national_check():
    assert set(bundled()) == set(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_national_numerator_and_denominator_per_year_match_the_csv(placed, key):
    batch = import_file(key, bundled_file(key))
    expected = {k: v for k, v in EXPECTED[key]().items() if v[1]}
    assert stored(batch) == expected
    assert len({year for _level, year in expected}) == 5


def test_the_exam_figures_answer_the_havo_vwo_question_in_the_seed_indicator(placed):
    indicator = Indicator.objects.create(
        key="havo-vwo-natuurprofiel-aandeel", name="x", unit="percent"
    )
    import_file("duo-examenkandidaten-vo", bundled_file("duo-examenkandidaten-vo"))
    levels = set(
        Figure.objects.filter(indicator=indicator).values_list("education_level", flat=True)
    )
    assert levels == {"havo", "vwo", "havo-vwo"}
    indicator.refresh_from_db()
    assert indicator.measure == "share"
    assert "N&T of N&G" in indicator.definition


def test_hbo_and_wo_write_the_ho_level_together_with_one_definition(placed):
    for key in ("duo-hbo-eerstejaars", "duo-wo-eerstejaars"):
        import_file(key, bundled_file(key))
    indicator = Indicator.objects.get(key="instroom-beta-techniek-aandeel")
    ho = Figure.objects.filter(indicator=indicator, education_level="ho", year=2019)
    expected = ho_totals("hbo")[("ho", 2019)][1] + ho_totals("wo")[("ho", 2019)][1]
    assert ho.aggregate(d=Sum("denominator"))["d"] == expected
    assert indicator.definition.count("vestigingsplaats van de instelling") == 1
    assert "mbo" in indicator.definition


def test_each_figure_keeps_its_location_and_the_municipality_it_lies_in(placed, municipalities):
    batch = import_file("duo-hbo-eerstejaars", bundled_file("duo-hbo-eerstejaars"))
    figure = Figure.objects.filter(batch=batch, location="25BE").first()
    assert figure.region in municipalities
