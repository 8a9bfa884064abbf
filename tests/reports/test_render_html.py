"""The HTML: one standalone file, in Dutch, with a legend and a print stylesheet."""

import re

import pytest

from pactmonitor.reports import services
from pactmonitor.reports.render_html import render_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def html(sample_pact):
    return render_html(services.bijlage1(services.find_round("t2014")))


def test_the_html_is_dutch_and_needs_nothing_from_elsewhere(html):
    assert '<html lang="nl">' in html
    assert not re.search(r'<(?:link|script|img)\b[^>]*(?:href|src)="http', html)
    assert "<svg" in html  # charts inline


def test_the_html_has_a_legend_with_every_status_in_words(html):
    legend = html[html.index('id="legenda"') :]
    for words in [
        "geel: de actie is afgerond",
        "blauw: op schema",
        "rood: vertraagd",
        "grijs: onbekend",
        "afgeleid",
    ]:
        assert words in legend


def test_the_html_has_a_print_stylesheet(html):
    assert "@media print" in html


def test_dates_are_written_the_dutch_way(html):
    assert "peildatum 31 mei 2014" in html


def test_what_is_new_appears_under_nieuw(html):
    assert re.search(r"Nieuw:</p>.*ResearchNed heeft de midterm review opgeleverd", html, re.S)


def test_an_assessed_status_shows_the_words_it_was_read_from(html):
    assert "Afgeleid uit: “zal de Onderwijsinspectie een peiling uitvoeren”" in html


def test_a_text_pasted_from_word_keeps_its_signs_and_loses_its_control_characters(
    odd_narrative,
):
    from .conftest import ODD_AS_READ

    html = render_html(services.bijlage1(services.find_round("t2014")))
    assert "van &lt;10% in 2014 naar &gt;20%." in html and ODD_AS_READ[:10] in html
    assert "\x0b" not in html and "\x01" not in html and "De rest volgt later." in html


def test_an_address_wraps_only_at_its_separators(html):
    assert (
        '<a href="https://www.slo.nl/primair/themes/wt">https://<wbr>www<wbr>.slo<wbr>.nl/<wbr>'
        "primair/<wbr>themes/<wbr>wt</a>"
    ) in html
    assert "word-break: break-all" not in html


def test_a_pact_without_actions_says_so_instead_of_an_empty_status_table(sample_pact):
    from tests import factory

    empty = factory.pact(key="nog-leeg", name="Pact zonder acties", level="regional")
    html = render_html(services.build("pact", services.find_round("t2014"), pact=empty))
    summary = html[html.index('id="samenvatting"') :]
    assert "Dit pact heeft in deze ronde geen acties" in summary
    assert "Status van de acties per actielijn" not in summary
