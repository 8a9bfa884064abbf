"""Bijlage 1 and the landsdeel report carry the imported indicator figures with their verdict."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from pactmonitor.regions.models import Region
from pactmonitor.reports import services
from pactmonitor.reports.render_docx import render_docx
from pactmonitor.reports.render_html import render_html
from pactmonitor.reports.render_pdf import render_pdf
from tests import duo, factory

from . import sample
from .conftest import docx_text, flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with override_settings(DATA_DIR=tmp_path_factory.mktemp("columnar")):
        with django_db_blocker.unblock():
            built = sample.build()
            noord, oost = built["landsdelen"]
            built["duo"] = duo.build(noord, oost)
        yield built
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def bijlage1(world, django_db_blocker):
    with django_db_blocker.unblock():
        return services.bijlage1(services.find_round("t2014"))


NATIONAL = [
    "Indicatoren: op koers?",
    "Examenkandidaten met een NT- of NG-profiel – Nederland",
    "39,6%",
    "20.617 van 51.998",
    "niet op koers",
    "Landelijke streefwaarde voor havo/vwo: 55,0% in 2020",
    "Bron: DUO, CC0 1.0",
]


def test_bijlage1_gives_the_national_figures_trend_and_verdict_per_level(bijlage1):
    section = bijlage1.verdicts[0]
    assert [level.level for level in section.levels] == ["havo", "vwo"]
    havo = section.levels[0]
    assert (havo.year, havo.value, havo.counts) == (2019, "39,6%", "20.617 van 51.998")
    assert havo.trend == "+1,0 procentpunt per jaar (2015–2019)"


def test_the_html_of_bijlage1_has_the_section_with_the_duo_numbers(bijlage1):
    text = flat(render_html(bijlage1))
    for expected in NATIONAL:
        assert expected in text


def test_the_pdf_of_bijlage1_has_the_section_with_the_duo_numbers(bijlage1):
    text = pdf_text(render_pdf(bijlage1))
    for expected in NATIONAL:
        assert flat(expected) in text


def test_the_docx_of_bijlage1_has_the_section_with_the_duo_numbers(bijlage1):
    text = docx_text(render_docx(bijlage1))
    for expected in NATIONAL:
        assert expected in text


def test_the_landsdeel_report_gives_its_own_landsdeel_against_its_own_target(
    world, django_db_blocker
):
    noord, oost = world["landsdelen"]
    with django_db_blocker.unblock():
        report = services.landsdeel(services.find_round("t2014"), oost)
    section = report.verdicts[0]
    assert section.region == "Landsdeel Oost"
    vwo = next(level for level in section.levels if level.level == "vwo")
    assert vwo.verdict == "op koers"
    assert "Streefwaarde van Landsdeel Oost: 45,0% in 2020" in vwo.verdict_text
    assert "10.000 van 25.000" in docx_text(render_docx(report))


def test_bijlage1_s_national_chart_holds_no_region_s_seed_figure(world, db):
    twente = Region.objects.get(key="twente")  # a subregio of Oost
    factory.observation(indicator=world["duo"].indicator, region=twente, year=2014, value=32.6)
    report = services.bijlage1(services.find_round("t2014"))
    chart = report.verdicts[0].charts[0]
    assert "Twente meten die regio, niet Nederland" in chart.description
    assert "cijfers uit de documenten staan er apart bij" not in chart.description
