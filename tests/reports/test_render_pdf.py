"""The PDF: every action and landsdeel in its text layer, tagged, Dutch, numbered, repeatable."""

import io
from typing import Any

import pytest
from pypdf import PdfReader

from pactmonitor.reports import services
from pactmonitor.reports.render_pdf import render_pdf

from .conftest import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bijlage1_pdf(sample_pact, django_db_blocker):
    with django_db_blocker.unblock():
        return render_pdf(services.bijlage1(services.find_round("t2014")))


@pytest.fixture(scope="module")
def bijlage2_pdf(sample_pact, django_db_blocker):
    with django_db_blocker.unblock():
        return render_pdf(services.bijlage2(services.find_round("t2015")))


def test_every_national_action_and_sub_measure_is_in_the_text_layer(sample_pact, bijlage1_pdf):
    text = pdf_text(bijlage1_pdf)
    for action in sample_pact["actions"]:
        assert flat(f"{action.number}. {action.title}") in text
        for sub in action.sub_measures.all():
            assert flat(sub.text) in text


def test_the_status_is_said_in_words_next_to_the_colour(sample_pact, bijlage1_pdf):
    text = pdf_text(bijlage1_pdf)
    # After the legend: the words must stand in the rows themselves.
    first = sample_pact["actions"][0]
    rows = text.split(flat(f"{first.number}. {first.title}"), 1)[1]
    assert "op schema (afgeleid)" in rows and "vertraagd" in rows and "onbekend" in rows


def test_every_landsdeel_is_in_bijlage2_with_its_text(bijlage2_pdf):
    text = pdf_text(bijlage2_pdf)
    assert "Landsdeel Noord" in text and "Landsdeel Oost" in text
    assert "Uitbreiding van de TechNet-kringen van 6 naar 8." in text
    assert "Techniekpact Oost 2020 is opgesteld." in text


def test_every_page_has_its_number_and_the_round_in_the_running_header(bijlage1_pdf):
    pages = PdfReader(io.BytesIO(bijlage1_pdf)).pages
    for number, page in enumerate(pages, start=1):
        text = flat(page.extract_text())
        assert f"pagina {number} van {len(pages)}" in text
        assert "Voortgangsrapportage 2014 – peildatum 31 mei 2014" in text


def test_the_pdf_is_tagged_and_in_dutch(bijlage1_pdf):
    catalog: Any = PdfReader(io.BytesIO(bijlage1_pdf)).trailer["/Root"]  # pypdf: loosely typed
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).lower().startswith("nl")
    assert "/StructTreeRoot" in catalog


def test_the_document_dates_are_the_peildatum_not_the_moment_of_making(bijlage1_pdf):
    info = PdfReader(io.BytesIO(bijlage1_pdf)).metadata
    assert info.creation_date.date().isoformat() == "2014-05-31"


def test_two_generations_of_the_same_round_give_the_same_pdf(sample_pact, bijlage1_pdf):
    again = render_pdf(services.bijlage1(services.find_round("t2014")))
    assert again == bijlage1_pdf


def test_without_chromium_weasyprint_makes_the_same_report_tagged(sample_pact, monkeypatch):
    monkeypatch.setenv("PACTMONITOR_PDF_ENGINE", "weasyprint")
    pdf = render_pdf(services.bijlage1(services.find_round("t2014")))
    reader = PdfReader(io.BytesIO(pdf))
    assert "WeasyPrint" in str(reader.metadata.get("/Producer"))
    assert "2. De PO-raad benut de visie op W&T" in pdf_text(pdf)
    root: Any = reader.trailer["/Root"]  # pypdf types the PDF's objects loosely
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "pagina 1 van" in flat(reader.pages[0].extract_text())


def test_a_text_pasted_from_word_keeps_its_signs_and_loses_its_control_characters(
    odd_narrative,
):
    from .conftest import ODD_AS_READ

    text = pdf_text(render_pdf(services.bijlage1(services.find_round("t2014"))))
    assert ODD_AS_READ in text and "De rest volgt later." in text


def test_the_pdf_metadata_names_the_report_its_sender_and_language_not_a_browser(bijlage1_pdf):
    reader = PdfReader(io.BytesIO(bijlage1_pdf))
    info = reader.metadata
    assert info.title == "Bijlage 1: de stand van zaken per maatregel – Voortgangsrapportage 2014"
    assert info.author == "Techniekpact Test"  # the pact, as no secretariat is recorded
    assert info.creator == "Pactmonitor"
    assert b"Mozilla" not in bijlage1_pdf and b"HeadlessChrome" not in bijlage1_pdf
    root: Any = reader.trailer["/Root"]
    assert str(root["/Lang"]) == "nl-NL"


def test_the_pdf_author_is_the_secretariat_when_the_pact_has_one(sample_pact):
    from pactmonitor.pacts.models import Pact

    Pact.objects.filter(key="techniekpact-test").update(secretariat="Platform Bèta Techniek")
    pdf = render_pdf(services.bijlage1(services.find_round("t2014")))
    assert PdfReader(io.BytesIO(pdf)).metadata.author == "Platform Bèta Techniek"


def test_a_source_address_is_a_link_in_the_pdf(bijlage1_pdf):
    reader = PdfReader(io.BytesIO(bijlage1_pdf))
    uris = {
        str(a.get_object()["/A"].get("/URI"))
        for page in reader.pages
        for a in page.get("/Annots") or []
        if "/A" in a.get_object()
    }
    assert "https://www.slo.nl/primair/themes/wt" in uris


def test_bijlage2_says_per_landsdeel_how_many_actions_reported(bijlage2_pdf):
    text = pdf_text(bijlage2_pdf)
    table = text.split("Rapportage over de acties in de pacten per landsdeel in deze ronde")[1]
    assert "gewijzigd ongewijzigd bevestigd niet gerapporteerd totaal" in table
    # The sample's only Oost action has no update in 2015: not reported.
    assert "Landsdeel Oost 0 0 1 1" in table


@pytest.fixture
def long_row(sample_pact):
    """Action 20 with a stand van zaken of eighty lines: longer than a page."""
    from tests import factory

    text = "\n".join(
        f"- Resultaat {n}: een regel stand van zaken over de actie." for n in range(80)
    )
    factory.status_update(
        round=sample_pact["rounds"][0],
        action=sample_pact["actions"][4],
        narrative=text,
        state="published",
    )
    return sample_pact["actions"][4]


def _pages_of(pdf: bytes, text: str) -> list[str]:
    return [
        flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages if text in p.extract_text()
    ]


def test_a_long_row_continues_under_the_repeated_header_marked_vervolg(long_row):
    pdf = render_pdf(services.bijlage1(services.find_round("t2014")))
    first, *continued = _pages_of(pdf, "Resultaat ")
    assert continued, "the row is longer than a page"
    assert "(vervolg)" not in first
    for page in continued:
        assert "Actie en deelmaatregelen Stand van zaken / mijlpalen Vindplaats" in page
        assert f"{long_row.number}. {flat(long_row.title)} (vervolg)" in page


def test_the_row_is_cut_between_its_lines_so_each_line_is_printed_once(long_row):
    text = pdf_text(render_pdf(services.bijlage1(services.find_round("t2014"))))
    assert all(text.count(f"Resultaat {n}:") == 1 for n in range(80))


def test_weasyprint_also_marks_a_continued_row(long_row, monkeypatch):
    monkeypatch.setenv("PACTMONITOR_PDF_ENGINE", "weasyprint")
    pdf = render_pdf(services.bijlage1(services.find_round("t2014")))
    _, *continued = _pages_of(pdf, "Resultaat ")
    assert continued and all("(vervolg)" in page for page in continued)


def test_rows_that_fit_are_not_marked_and_the_measuring_links_are_not_printed(bijlage1_pdf):
    reader = PdfReader(io.BytesIO(bijlage1_pdf))
    assert "(vervolg)" not in pdf_text(bijlage1_pdf)
    assert not [name for name in reader.named_destinations if "pg-" in str(name)]
