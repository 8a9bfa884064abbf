"""Long rows cut at the page breaks: the part on the next page is a row of its own, "(vervolg)".

The engine's layout is stood in for by a measure that puts blocks on pages by their text, so
these tests say what the cut does; test_render_pdf.py prints real PDFs."""

from lxml import html  # type: ignore[import-untyped]

from pactmonitor.reports import pagination

TABLE = """<!doctype html><html><body><table class="actions"><thead><tr><th>Actie</th>
<th>Stand van zaken</th></tr></thead><tbody>
<tr class="row-onbekend"><td><p class="action-title"><strong>3.</strong> Meer techniek</p>
<p>a. Een leerlijn</p></td><td><div class="sub"><p>Eerste alinea</p><ul><li>punt een</li>
<li>punt twee [2]</li><li>punt drie [2]</li></ul></div><p>Slotalinea [2]</p></td></tr>
<tr class="row-afgerond"><td><p class="action-title"><strong>4.</strong> Kort [2]</p></td>
<td><p>Klaar [2]</p></td></tr></tbody></table></body></html>"""


def _by_text(document):
    """Blocks whose text says [2] start on page 2, the rest on page 1 (pages from 0)."""
    return {
        b.get("id"): 1 if "[2]" in b.text_content() else 0
        for b in document.xpath("//*[starts-with(@id, 'pg-')]")
    }


def _rows(text):
    return html.document_fromstring(text).xpath("//tbody/tr")


def test_a_row_over_a_page_break_continues_in_a_row_of_its_own_marked_vervolg():
    rows = _rows(pagination.paginate(TABLE, _by_text))
    assert [r.get("class") for r in rows] == [
        "row-onbekend",
        "row-onbekend continued-row",
        "row-afgerond",
    ]
    first, continued = (" ".join(" ".join(r.itertext()).split()) for r in rows[:2])
    assert first == "3. Meer techniek a. Een leerlijn Eerste alinea punt een"
    assert continued == "3. Meer techniek (vervolg) punt twee [2] punt drie [2] Slotalinea [2]"


def test_a_list_cut_at_the_break_stays_a_list_inside_its_sub_measure_on_both_sides():
    rows = _rows(pagination.paginate(TABLE, _by_text))
    assert [len(r.xpath(".//div[@class='sub']/ul/li")) for r in rows[:2]] == [1, 2]


def test_a_row_that_starts_on_the_page_of_its_continuation_is_not_cut():
    rows = _rows(pagination.paginate(TABLE, _by_text))
    assert "(vervolg)" not in rows[2].text_content()  # action 4 lies wholly on page 2


def test_a_document_without_action_rows_is_printed_as_it_is():
    text = "<!doctype html><html><body><p>Geen tabel</p></body></html>"
    assert pagination.paginate(text, lambda document: {}) == text


def test_the_measuring_ids_are_gone_from_the_printed_document():
    assert "pg-" not in pagination.paginate(TABLE, _by_text)


def test_a_cut_that_no_longer_falls_at_a_page_break_is_undone():
    """The first layout breaks action 3; once cut, the next layouts find it all on one page
    (what came before it moved up): it is one row again, without "(vervolg)"."""
    layouts = iter([_by_text])
    text = pagination.paginate(
        TABLE, lambda d: next(layouts, lambda d: dict.fromkeys(_by_text(d), 0))(d)
    )
    rows = _rows(text)
    assert len(rows) == 2 and "(vervolg)" not in text
    assert len(rows[0].xpath(".//div[@class='sub']/ul/li")) == 3


def test_a_row_that_fits_after_all_is_joined_back_whole():
    from lxml import html as lxml_html

    document = lxml_html.document_fromstring(TABLE)
    pagination.mark_blocks(document)
    row = document.xpath("//tbody/tr")[0]
    before = lxml_html.tostring(row)
    pagination.cut_row(row, _by_text(document), pagination._label(row))
    pagination.join_row(row, row.getnext())
    assert lxml_html.tostring(row) == before
