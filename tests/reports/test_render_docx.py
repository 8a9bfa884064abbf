"""The DOCX: real Word tables and headings, shaded status cells, Dutch, opens in LibreOffice."""

import io

import docx
import pytest
from docx.oxml.ns import qn

from pactmonitor.reports import services
from pactmonitor.reports.render_docx import render_docx
from tests import factory

from .conftest import docx_text, flat, libreoffice_to_pdf, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bijlage1_docx(sample_pact, django_db_blocker):
    with django_db_blocker.unblock():
        return render_docx(services.bijlage1(services.find_round("t2014")))


def _document(data):
    return docx.Document(io.BytesIO(data))


def test_every_national_action_and_sub_measure_is_in_the_document(sample_pact, bijlage1_docx):
    text = docx_text(bijlage1_docx)
    for action in sample_pact["actions"]:
        assert flat(f"{action.number}. {action.title}") in text
        for sub in action.sub_measures.all():
            assert flat(sub.text) in text


def test_every_landsdeel_is_in_bijlage2_with_its_text(sample_pact):
    text = docx_text(render_docx(services.bijlage2(services.find_round("t2015"))))
    assert "Landsdeel Noord" in text and "Techniekpact Oost 2020 is opgesteld." in text


def test_action_lines_are_word_headings_for_the_navigation_pane(bijlage1_docx):
    headings = [p.text for p in _document(bijlage1_docx).paragraphs if p.style.name == "Heading 1"]
    assert headings[:1] == ["Samenvatting"]
    assert {"Kiezen voor techniek", "Leren in de techniek", "Werken in de techniek"} <= set(
        headings
    )


def _action_tables(document):
    return [t for t in document.tables if t.rows[0].cells[0].text == "Actie en deelmaatregelen"]


def test_the_status_stands_in_the_action_cell_shaded_and_in_words_as_in_the_pdf(bijlage1_docx):
    table = _action_tables(_document(bijlage1_docx))[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Actie en deelmaatregelen", "Stand van zaken / mijlpalen", "Vindplaats",
    ]  # fmt: skip
    cell = table.rows[2].cells[0]  # action 2, vertraagd
    assert cell.paragraphs[1].text.strip() == "! vertraagd"  # red, like the colour code
    shading = cell.paragraphs[1].runs[0]._r.rPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == "B0231A"


def test_a_table_never_runs_into_the_next_heading(bijlage1_docx):
    body = list(_document(bijlage1_docx).element.body)
    for before, after in zip(body, body[1:], strict=False):
        if before.tag == qn("w:tbl"):
            assert not after.xpath("./w:pPr/w:pStyle[starts-with(@w:val, 'Heading')]")


def test_a_source_address_is_a_clickable_link(bijlage1_docx):
    document = _document(bijlage1_docx)
    links = {r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")}
    assert "https://www.slo.nl/primair/themes/wt" in links
    assert document.element.body.xpath(".//w:hyperlink")


def test_the_table_header_repeats_on_every_page_and_short_rows_do_not_split(bijlage1_docx):
    table = _action_tables(_document(bijlage1_docx))[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_a_row_longer_than_a_page_may_split_rather_than_leave_a_blank_page(sample_pact):
    long_text = "\n".join(
        f"- Resultaat {n}: een regel stand van zaken over de actie." for n in range(80)
    )
    a20 = sample_pact["actions"][4]
    factory.status_update(
        round=sample_pact["rounds"][0], action=a20, narrative=long_text, state="published"
    )
    document = _document(render_docx(services.bijlage1(services.find_round("t2014"))))
    table = _action_tables(document)[-1]  # Werken
    row = next(r for r in table.rows if r.cells[0].text.startswith("20."))
    assert row._tr.trPr.find(qn("w:cantSplit")) is None


def test_the_document_is_dutch_and_dated_on_the_peildatum(bijlage1_docx):
    document = _document(bijlage1_docx)
    assert document.core_properties.language == "nl-NL"
    assert document.core_properties.author == "Techniekpact Test"  # no secretariat: the pact
    assert document.core_properties.created.date().isoformat() == "2014-05-31"
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "nl-NL"


def test_two_generations_of_the_same_round_give_the_same_file(sample_pact, bijlage1_docx):
    assert render_docx(services.bijlage1(services.find_round("t2014"))) == bijlage1_docx


def test_the_document_opens_in_libreoffice(sample_pact, bijlage1_docx, tmp_path):
    source = tmp_path / "bijlage1.docx"
    source.write_bytes(bijlage1_docx)
    result = libreoffice_to_pdf(source, tmp_path)
    assert result.returncode == 0, result.stderr
    printed = (tmp_path / "lo-out" / "bijlage1.pdf").read_bytes()
    assert "2. De PO-raad benut de visie op W&T" in pdf_text(printed)


def test_a_text_pasted_from_word_keeps_its_signs_and_loses_its_control_characters(
    odd_narrative,
):
    from .conftest import ODD_AS_READ

    text = docx_text(render_docx(services.bijlage1(services.find_round("t2014"))))
    assert ODD_AS_READ in text and "De rest volgt later." in text


def test_a_corrected_status_and_a_result_heading_are_in_the_document(sample_pact):
    from pactmonitor.progress.models import RegionResult, StatusUpdate
    from pactmonitor.progress.services import correct_update

    update = StatusUpdate.objects.get(
        round__slug="t2014", action__number="2", action__pact__key="techniekpact-test"
    )
    correct_update(update, reason="Toch op schema volgens de trekker", status="op_schema")
    text = docx_text(render_docx(services.bijlage1(services.find_round("t2014"))))
    assert "Status gecorrigeerd (versie 2): Toch op schema volgens de trekker" in text
    RegionResult.objects.filter(subregion__key="friesland").update(heading="TechNet-kringen")
    text = docx_text(render_docx(services.bijlage2(services.find_round("t2015"))))
    assert "Friesland – TechNet-kringen" in text


def _docx_headings(data):
    """(level, text) of every heading: the title is 0, Heading N is N."""
    found = []
    for paragraph in _document(data).paragraphs:
        style = paragraph.style.name
        if style == "Title" or style.startswith("Heading "):
            level = 0 if style == "Title" else int(style.removeprefix("Heading "))
            found.append((level, "".join(paragraph.text.split())))
    return found


def _pdf_outline(data):
    """(level, text) of the PDF's bookmarks, which the printer makes from its headings (a
    wrapped heading loses the space at the wrap, so spaces are left out on both sides)."""
    from pypdf import PdfReader

    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, "".join(item.title.split())))

    walk(PdfReader(io.BytesIO(data)).outline, 0)
    return found


def _html_table_headers(text):
    from lxml import html  # type: ignore[import-untyped]

    return [
        [" ".join(th.text_content().split()) for th in table.xpath("./thead/tr/th")]
        for table in html.document_fromstring(text).iter("table")
    ]


REPORTS = {
    "bijlage1": lambda: services.bijlage1(services.find_round("t2014")),
    "bijlage2": lambda: services.bijlage2(services.find_round("t2015")),
    "landsdeel": lambda: services.landsdeel(
        services.find_round("t2014"), services.find_landsdeel("oost")
    ),
}


@pytest.mark.parametrize("kind", REPORTS)
def test_the_headings_are_the_pdfs_in_the_same_order_and_levels(sample_pact, kind):
    from pactmonitor.reports.render_pdf import render_pdf

    report = REPORTS[kind]()
    assert _docx_headings(render_docx(report)) == _pdf_outline(render_pdf(report))


@pytest.mark.parametrize("kind", REPORTS)
def test_the_tables_are_the_pdfs_with_the_same_columns_in_the_same_order(sample_pact, kind):
    from pactmonitor.reports.render_html import render_html

    report = REPORTS[kind]()
    columns = [[c.text for c in t.rows[0].cells] for t in _document(render_docx(report)).tables]
    assert columns == _html_table_headers(render_html(report))  # the HTML the PDF prints


@pytest.mark.parametrize("kind", REPORTS)
def test_every_table_is_followed_by_space_before_what_comes_next(sample_pact, kind):
    body = list(_document(render_docx(REPORTS[kind]())).element.body)
    for before, after in zip(body, body[1:], strict=False):
        if before.tag == qn("w:tbl"):
            assert after.tag == qn("w:p") and not after.xpath(".//w:t")
            assert after.xpath("./w:pPr/w:spacing/@w:after")


def test_a_pact_without_actions_says_so_instead_of_an_empty_status_table(sample_pact):
    empty = factory.pact(key="nog-leeg", name="Pact zonder acties", level="regional")
    report = services.build("pact", services.find_round("t2014"), pact=empty)
    text = docx_text(render_docx(report))
    assert "Dit pact heeft in deze ronde geen acties" in text
    assert "Status van de acties per actielijn" not in text
