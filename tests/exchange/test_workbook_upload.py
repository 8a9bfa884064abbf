"""Uploading a filled-in workbook: a problem in what was typed refuses it whole, named by sheet,
row and column; a row whose draft changed in the app since the download is refused alone."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pactmonitor.exchange.workbook import META_SHEET, SHEET
from pactmonitor.progress import services
from pactmonitor.progress.models import StatusUpdate
from tests import world
from tests.exchange.workbooks import (
    add_item,
    as_file,
    download,
    items,
    problems,
    put,
    put_item,
    results,
    row_of,
    upload,
)
from tests.progress.test_views import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(client):
    w = world.build()
    client.force_login(w.alice)
    return w


def test_a_good_workbook_changes_the_drafts_and_shows_a_summary(client, w):
    workbook = download(client, "2015")
    put(
        workbook,
        row_of(workbook, "nationaal", "1", "a"),
        status="op schema",
        narrative="Lesmateriaal is af",
        new="Nieuw!",
    )
    response = upload(client, "2015", workbook)
    assert response.status_code == 200
    draft = world.draft(w, w.n1, w.n1a)
    assert (draft.status, draft.basis, draft.narrative, draft.new, draft.updated_by) == (
        "op_schema",
        "reported",
        "Lesmateriaal is af",
        "Nieuw!",
        w.alice,
    )
    assert "1 verwerkt, 2 ongewijzigd, 0 niet verwerkt" in response.content.decode()


def test_an_unchanged_workbook_changes_nothing(client, w):
    before = snapshot()
    response = upload(client, "2015", download(client, "2015"))
    assert response.status_code == 200 and snapshot() == before


def test_a_milestone_with_a_dutch_date_is_added(client, w):
    workbook = download(client, "2015")
    add_item(
        workbook,
        pact="pact-noord",
        action="1",
        kind="mijlpaal",
        date="31 december 2015",
        text="Centrum open",
    )
    upload(client, "2015", workbook)
    milestone = world.draft(w, w.nr1).milestones.get()
    assert (milestone.date, milestone.text) == (datetime.date(2015, 12, 31), "Centrum open")


def test_an_action_number_typed_as_a_number_with_a_decimal_comma_is_understood(client, w):
    workbook = download(client, "2015")
    put(workbook, row_of(workbook, "pact-noord", "1"), action="1,0", narrative="Via een getal")
    assert upload(client, "2015", workbook).status_code == 200
    assert world.draft(w, w.nr1).narrative == "Via een getal"


def test_an_unknown_action_is_reported_with_its_row_and_column(client, w):
    workbook = download(client, "2015")
    row = row_of(workbook, "pact-noord", "1")
    put(workbook, row, action="99", narrative="Weg")
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert response.status_code == 400
    assert [(p[0], p[1], p[2]) for p in problems(response)] == [(SHEET, row, "B")]
    assert "Onbekende actie" in problems(response)[0][3]
    assert snapshot() == before


def test_a_status_not_in_the_list_is_reported_and_nothing_is_saved(client, w):
    workbook = download(client, "2015")
    put(workbook, row_of(workbook, "nationaal", "1", "a"), narrative="Goed")
    row = row_of(workbook, "nationaal", "1", "b")
    put(workbook, row, status="bijna klaar")
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert [(p[1], p[2]) for p in problems(response)] == [(row, "H")]
    assert "staat niet in de lijst" in problems(response)[0][3]
    assert snapshot() == before


def test_a_row_outside_the_uploaders_scope_is_refused(client, w):
    workbook = download(client, "2015")
    row = workbook[SHEET].max_row + 1
    put(workbook, row, pact="pact-oost", action="1", status="afgerond", narrative="Niet van mij")
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert [(p[1], p[2]) for p in problems(response)] == [(row, "B")]
    assert "buiten uw bereik" in problems(response)[0][3]
    assert snapshot() == before


def test_a_workbook_of_another_round_is_refused(client, w):
    workbook = download(client, "2015")
    services.open_round(
        pact=w.national, slug="2016", name="Ronde 2016", peildatum=datetime.date(2016, 6, 1)
    )
    put(workbook, row_of(workbook, "pact-noord", "1"), narrative="Voor 2015 bedoeld")
    before = snapshot()
    response = upload(client, "2016", workbook)
    assert [(p[0], p[1], p[2]) for p in problems(response)] == [(META_SHEET, 1, "B")]
    assert "hoort bij ronde ‘2015’" in problems(response)[0][3]
    assert snapshot() == before


def test_a_draft_changed_in_the_app_since_the_download_refuses_that_row_only(client, w):
    workbook = download(client, "2015")
    draft = world.draft(w, w.nr1)
    draft.narrative = "Carol was eerder"
    draft.updated_by = w.carol
    draft.save()
    stale = row_of(workbook, "pact-noord", "1")
    put(workbook, stale, narrative="Alice offline")
    fresh = row_of(workbook, "nationaal", "1", "a")
    put(workbook, fresh, narrative="Dit wel")
    response = upload(client, "2015", workbook)
    assert response.status_code == 200
    outcomes = {row: (outcome, detail) for row, outcome, detail in results(response)}
    assert outcomes[fresh][0] == "applied" and outcomes[stale][0] == "refused"
    assert "gewijzigd door carol" in outcomes[stale][1]
    assert str(draft) in outcomes[stale][1]
    assert world.draft(w, w.nr1).narrative == "Carol was eerder"
    assert world.draft(w, w.n1, w.n1a).narrative == "Dit wel"
    page = response.content.decode()
    assert "1 verwerkt, 1 ongewijzigd, 1 niet verwerkt" in page and "gewijzigd door carol" in page


def test_a_draft_submitted_since_the_download_refuses_that_row_only(client, w):
    workbook = download(client, "2015")
    services.submit_updates(StatusUpdate.objects.filter(action=w.nr1), user=w.carol)
    narrative = world.draft(w, w.nr1).narrative
    put(workbook, row_of(workbook, "pact-noord", "1"), narrative="Te laat")
    put(workbook, row_of(workbook, "nationaal", "1", "b"), narrative="Op tijd")
    response = upload(client, "2015", workbook)
    refused = [detail for _, outcome, detail in results(response) if outcome == "refused"]
    assert len(refused) == 1 and "ingediend" in refused[0]
    assert world.draft(w, w.nr1).narrative == narrative
    assert world.draft(w, w.n1, w.n1b).narrative == "Op tijd"


def test_a_file_that_is_not_excel_is_refused(client, w):
    before = snapshot()
    response = upload(
        client, "2015", SimpleUploadedFile("werkmap.xlsx", b"Dit is tekst, geen werkmap.")
    )
    assert response.status_code == 400 and "geen Excel-werkmap" in problems(response)[0][3]
    assert snapshot() == before


def test_a_damaged_workbook_is_refused(client, w):
    content = as_file(download(client, "2015")).read()
    response = upload(
        client, "2015", SimpleUploadedFile("werkmap.xlsx", content[: len(content) // 2])
    )
    assert response.status_code == 400 and problems(response)[0][0] == "bestand"


def test_a_zip_that_is_no_workbook_is_reported_as_damaged(client, w):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<kapot")
    response = upload(client, "2015", SimpleUploadedFile("werkmap.xlsx", buffer.getvalue()))
    assert response.status_code == 400 and "beschadigd" in problems(response)[0][3]


def test_a_workbook_whose_fingerprint_was_edited_is_refused(client, w):
    workbook = download(client, "2015")
    workbook[META_SHEET]["B2"].value = workbook[META_SHEET]["B2"].value[:-3] + "abc"
    response = upload(client, "2015", workbook)
    assert [(p[0], p[1], p[2]) for p in problems(response)] == [(META_SHEET, 2, "B")]


def test_an_excel_file_that_pactmonitor_did_not_make_is_refused(client, w):
    from openpyxl import Workbook

    response = upload(client, "2015", Workbook())
    assert (
        response.status_code == 400 and "geen werkmap van Pactmonitor" in problems(response)[0][3]
    )


def test_every_problem_in_the_workbook_is_reported_at_once(client, w):
    workbook = download(client, "2015")
    put(workbook, row_of(workbook, "nationaal", "1", "a"), status="paars")
    add_item(
        workbook,
        pact="nationaal",
        action="1",
        letter="b",
        kind="mijlpaal",
        date="32-13-2015",
        text="Nooit",
    )
    put(workbook, row_of(workbook, "pact-noord", "1"), action="77")
    assert len(problems(upload(client, "2015", workbook))) == 3


def test_someone_outside_the_round_cannot_upload(client, w):
    client.force_login(w.olga)
    before = snapshot()
    response = upload(client, "2015", SimpleUploadedFile("werkmap.xlsx", b"x"))
    assert response.status_code == 403 and snapshot() == before


def test_a_workbook_that_unpacks_to_an_enormous_size_is_refused(client, w):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (201 * 1024 * 1024))
    before = snapshot()
    response = upload(client, "2015", SimpleUploadedFile("werkmap.xlsx", buffer.getvalue()))
    assert response.status_code == 400 and "te groot" in problems(response)[0][3]
    assert snapshot() == before


def test_a_narrative_starting_with_an_equals_sign_survives_an_unchanged_upload(client, w):
    draft = world.draft(w, w.nr1)
    draft.narrative = "=1+1 is de formule die de school gebruikt"
    draft.save()
    before = snapshot()
    response = upload(client, "2015", download(client, "2015"))
    assert response.status_code == 200 and snapshot() == before
    assert world.draft(w, w.nr1).narrative == "=1+1 is de formule die de school gebruikt"


def test_a_narrative_starting_with_an_equals_sign_is_read_back_exactly(client, w):
    workbook = download(client, "2015")
    put(workbook, row_of(workbook, "pact-noord", "1"), narrative="=SOM(A1:A3) blijft tekst")
    workbook[SHEET].cell(row_of(workbook, "pact-noord", "1"), 9).data_type = "s"
    assert upload(client, "2015", workbook).status_code == 200
    assert world.draft(w, w.nr1).narrative == "=SOM(A1:A3) blijft tekst"


def test_a_narrative_longer_than_a_cell_holds_is_refused_not_cut(client, w):
    workbook = download(client, "2015")
    row = row_of(workbook, "pact-noord", "1")
    cell = workbook[SHEET].cell(row, 9)
    cell._value, cell.data_type = "y" * 32_800, "s"  # openpyxl would cut it on assignment
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert [(p[0], p[1], p[2]) for p in problems(response)] == [(SHEET, row, "I")]
    assert "32767" in problems(response)[0][3] and snapshot() == before


def _bomb(size: int) -> bytes:
    """A workbook-like zip whose sheet is ``size`` bytes of rows that pack to almost nothing."""
    import io
    import zipfile

    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b"<worksheet><sheetData>")
            chunk = row * (1024 * 1024 // len(row))
            for _ in range(size // len(chunk)):
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_anything_parses_it(client, w, monkeypatch):
    from pactmonitor.exchange import upload as module

    content = _bomb(60 * 1024 * 1024)
    assert len(content) < 250 * 1024

    def parse(*args):
        raise AssertionError("the bomb reached the parser")

    monkeypatch.setattr(module, "read_in_worker", parse)
    before = snapshot()
    response = upload(client, "2015", SimpleUploadedFile("werkmap.xlsx", content))
    assert response.status_code == 400 and "zip-bom" in problems(response)[0][3]
    assert snapshot() == before


def test_a_workbook_over_the_row_limit_is_refused_outside_the_request_process(
    client, w, monkeypatch
):
    import openpyxl

    from pactmonitor.exchange.upload import MAX_ROWS

    workbook = download(client, "2015")
    sheet = workbook[SHEET]
    for number in range(sheet.max_row + 1, MAX_ROWS + 3):
        sheet.cell(number, 1).value = "nationaal"
    content = as_file(workbook)

    def parse_here(*args, **kwargs):
        raise AssertionError("the web process parsed the workbook itself")

    monkeypatch.setattr(openpyxl, "load_workbook", parse_here)
    before = snapshot()
    response = upload(client, "2015", content)
    assert response.status_code == 400
    assert f"meer dan {MAX_ROWS} regels" in problems(response)[0][3] and snapshot() == before


def test_a_workbook_that_takes_too_long_to_read_is_stopped(client, w, monkeypatch):
    from pactmonitor.exchange import upload as module

    monkeypatch.setattr(module, "LIMITS", module.Limits(wall_seconds=0.001))
    monkeypatch.setattr(module.open_workbook, "__defaults__", (module.LIMITS,))
    response = upload(client, "2015", download(client, "2015"))
    assert response.status_code == 400 and "afgebroken" in problems(response)[0][3]


# -- the items sheet: any number of milestones and sources --------------------------------------


def test_several_milestones_and_sources_of_one_draft_are_added_in_one_upload(client, w):
    workbook = download(client, "2015")
    key = {"pact": "pact-noord", "action": "1"}
    add_item(workbook, **key, kind="mijlpaal", date="1-9-2015", text="Eerste")
    add_item(workbook, **key, kind="mijlpaal", date="eind 2015", text="Tweede")
    add_item(workbook, **key, kind="mijlpaal", text="Derde")
    add_item(workbook, **key, kind="vindplaats", text="Jaarverslag", url="example.org/jv")
    add_item(workbook, **key, kind="vindplaats", text="Nieuwsbrief")
    response = upload(client, "2015", workbook)
    draft = world.draft(w, w.nr1)
    assert sorted((m.text, m.date_text) for m in draft.milestones.all()) == [
        ("Derde", ""),
        ("Eerste", "1-9-2015"),
        ("Tweede", "eind 2015"),
    ]
    assert [(s.title, s.url) for s in draft.sources.all()] == [
        ("Jaarverslag", "https://example.org/jv"),
        ("Nieuwsbrief", ""),
    ]
    assert draft.updated_by == w.alice
    assert "gewijzigd: mijlpalen, vindplaatsen" in response.content.decode()


def test_an_existing_milestone_is_listed_with_its_number_and_can_be_changed(client, w):
    milestone = world.draft(w, w.nr1).milestones.create(text="Oude tekst")
    workbook = download(client, "2015")
    (row,) = [r for r in items(workbook) if r["number"] == str(milestone.pk)]
    assert (row["kind"], row["text"]) == ("mijlpaal", "Oude tekst")
    put_item(workbook, row["row"], text="Nieuwe tekst", date="31-12-2015")
    upload(client, "2015", workbook)
    milestone.refresh_from_db()
    assert (milestone.text, milestone.date) == ("Nieuwe tekst", datetime.date(2015, 12, 31))


def test_an_item_marked_for_removal_is_deleted_and_the_others_stay(client, w):
    draft = world.draft(w, w.nr1)
    gone = draft.sources.create(title="Weg")
    kept = draft.sources.create(title="Blijft")
    workbook = download(client, "2015")
    (row,) = [r for r in items(workbook) if r["number"] == str(gone.pk)]
    put_item(workbook, row["row"], delete="ja")
    upload(client, "2015", workbook)
    assert list(world.draft(w, w.nr1).sources.all()) == [kept]


def test_uploading_the_same_workbook_twice_changes_nothing_the_second_time_and_says_so(client, w):
    workbook = download(client, "2015")
    put(workbook, row_of(workbook, "pact-noord", "1"), narrative="Eén keer")
    add_item(workbook, pact="pact-noord", action="1", kind="mijlpaal", text="Niet dubbel")
    add_item(workbook, pact="pact-noord", action="1", kind="vindplaats", text="Ook niet dubbel")
    assert upload(client, "2015", workbook).status_code == 200
    before = snapshot()
    second = upload(client, "2015", workbook)
    assert second.status_code == 200 and snapshot() == before
    assert {outcome for _, outcome, _ in results(second)} == {"unchanged"}
    assert "Niets gewijzigd: deze werkmap is al verwerkt." in second.content.decode()
    assert world.draft(w, w.nr1).milestones.count() == 1


def test_an_unchanged_workbook_says_nothing_changed(client, w):
    response = upload(client, "2015", download(client, "2015"))
    assert "Niets gewijzigd: alles in de werkmap staat al zo" in response.content.decode()


def test_a_new_item_on_a_stale_draft_is_refused_with_its_row_and_the_others_applied(client, w):
    workbook = download(client, "2015")
    services.save_draft(
        _form(world.draft(w, w.nr1), narrative="Carol"), expected_revision=_rev(w), user=w.carol
    )
    add_item(workbook, pact="pact-noord", action="1", kind="mijlpaal", text="Te laat")
    put(workbook, row_of(workbook, "nationaal", "1", "a"), narrative="Dit wel")
    response = upload(client, "2015", workbook)
    refused = [(row, d) for row, outcome, d in results(response) if outcome == "refused"]
    assert refused == [(row_of(workbook, "pact-noord", "1"), refused[0][1])]
    assert "gewijzigd door carol" in refused[0][1]
    assert world.draft(w, w.nr1).milestones.count() == 0
    assert world.draft(w, w.n1, w.n1a).narrative == "Dit wel"


def _form(update, **values):
    from pactmonitor.progress.forms import DraftForm

    data = {"status": update.status, "narrative": update.narrative, "new": update.new}
    form = DraftForm(data | values | {"revision": update.revision}, instance=update)
    assert form.is_valid(), form.errors
    return form


def _rev(w):
    return world.draft(w, w.nr1).revision


def test_a_number_that_is_not_an_item_of_that_draft_is_refused_and_nothing_is_saved(client, w):
    other = world.draft(w, w.n1, w.n1a).milestones.create(text="Van een ander")
    workbook = download(client, "2015")
    row = add_item(
        workbook, pact="pact-noord", action="1", kind="mijlpaal", number=other.pk, text="Kaping"
    )
    put(workbook, row_of(workbook, "nationaal", "1", "b"), narrative="Ook niet")
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert [(p[0], p[1], p[2]) for p in problems(response)] == [
        ("Mijlpalen en vindplaatsen", row, "F")
    ]
    assert snapshot() == before


def test_an_item_of_an_action_outside_the_uploaders_scope_is_refused(client, w):
    workbook = download(client, "2015")
    row = add_item(workbook, pact="pact-oost", action="1", kind="mijlpaal", text="Niet van mij")
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert [(p[0], p[1]) for p in problems(response)] == [("Mijlpalen en vindplaatsen", row)]
    assert snapshot() == before


def test_an_item_of_an_unknown_kind_or_a_bad_address_is_named_by_row_and_column(client, w):
    workbook = download(client, "2015")
    kind = add_item(workbook, pact="pact-noord", action="1", kind="foto", text="Iets")
    url = add_item(
        workbook, pact="pact-noord", action="1", kind="vindplaats", text="X", url="niet een adres"
    )
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert [(p[1], p[2]) for p in problems(response)] == [(kind, "E"), (url, "I")]
    assert snapshot() == before


def test_an_address_on_a_milestone_or_a_date_on_a_source_is_refused_not_ignored(client, w):
    world.draft(w, w.nr1).milestones.create(text="Centrum open")
    workbook = download(client, "2015")
    (milestone,) = [r for r in items(workbook) if r["text"] == "Centrum open"]
    put_item(workbook, milestone["row"], url="0")
    source = add_item(
        workbook, pact="pact-noord", action="1", kind="vindplaats", text="X", date="31-12-2015"
    )
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert [(p[1], p[2]) for p in problems(response)] == [(milestone["row"], "I"), (source, "G")]
    assert "Een mijlpaal heeft geen adres" in response.content.decode()
    assert snapshot() == before


def test_a_workbook_without_the_items_sheet_is_refused_whole(client, w):
    workbook = download(client, "2015")
    put(workbook, row_of(workbook, "pact-noord", "1"), narrative="Zonder tweede blad")
    del workbook["Mijlpalen en vindplaatsen"]
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert response.status_code == 400 and "Mijlpalen en vindplaatsen" in problems(response)[0][3]
    assert snapshot() == before


def test_a_workbook_whose_items_columns_were_changed_is_refused_whole(client, w):
    workbook = download(client, "2015")
    workbook["Mijlpalen en vindplaatsen"].cell(1, 7).value = "Wanneer"
    before = snapshot()
    response = upload(client, "2015", workbook)
    assert problems(response)[0][:2] == ("Mijlpalen en vindplaatsen", 1)
    assert snapshot() == before


def test_the_same_item_number_twice_is_refused_naming_both_rows(client, w):
    world.draft(w, w.nr1).milestones.create(text="Eén")
    workbook = download(client, "2015")
    (first,) = items(workbook)
    second = add_item(
        workbook,
        **{k: first[k] for k in ("pact", "action", "kind", "number")},
        text="Twee keer",
    )
    response = upload(client, "2015", workbook)
    assert [(p[1], p[2]) for p in problems(response)] == [(second, "F")]
    assert f"regel {first['row']}" in problems(response)[0][3]


def test_an_item_of_another_landsdeel_is_refused_as_outside_the_scope(client, w):
    workbook = download(client, "2015")
    add_item(workbook, pact="pact-oost", action="1", kind="vindplaats", text="Van Oost")
    assert "buiten uw bereik" in problems(upload(client, "2015", workbook))[0][3]


def test_a_typo_fixed_in_the_same_workbook_is_applied_on_the_second_upload(client, w):
    workbook = download(client, "2015")
    row = row_of(workbook, "pact-noord", "1")
    put(workbook, row, narrative="Het centrum is in Assen geopend.")
    put(workbook, row_of(workbook, "nationaal", "1", "a"), narrative="Lesmateriaal is af")
    assert {o for _, o, _ in results(upload(client, "2015", workbook))} == {"applied", "unchanged"}
    put(workbook, row, narrative="Het centrum is in Emmen geopend.")  # the typo, fixed
    second = upload(client, "2015", workbook)
    outcomes = {r: outcome for r, outcome, _ in results(second)}
    assert outcomes[row] == "applied"
    assert outcomes[row_of(workbook, "nationaal", "1", "a")] == "unchanged"
    assert world.draft(w, w.nr1).narrative == "Het centrum is in Emmen geopend."
    # And a third correction of the same workbook too: each upload builds on the one before.
    put(workbook, row, narrative="Het centrum is in Emmen geopend, in mei.")
    assert {o for _, o, _ in results(upload(client, "2015", workbook))} == {"applied", "unchanged"}


def test_a_workbook_refused_whole_writes_nothing_so_the_fixed_one_is_applied(client, w):
    workbook = download(client, "2015")
    row = row_of(workbook, "pact-noord", "1")
    put(workbook, row, narrative="Goed", status="op shema")
    before = snapshot()
    assert problems(upload(client, "2015", workbook))
    assert snapshot() == before
    put(workbook, row, status="op schema")
    assert {o for _, o, _ in results(upload(client, "2015", workbook))} == {"applied", "unchanged"}
    assert world.draft(w, w.nr1).narrative == "Goed"


def test_a_draft_the_uploader_changed_in_the_app_since_is_still_refused(client, w):
    workbook = download(client, "2015")
    row = row_of(workbook, "pact-noord", "1")
    put(workbook, row, narrative="Uit de werkmap")
    upload(client, "2015", workbook)
    draft = world.draft(w, w.nr1)
    services.save_draft(
        _form(draft, narrative="In de app"), expected_revision=draft.revision, user=w.alice
    )
    put(workbook, row, narrative="Uit de werkmap, verbeterd")
    refused = [d for r, o, d in results(upload(client, "2015", workbook)) if o == "refused"]
    assert len(refused) == 1 and "gewijzigd door alice" in refused[0]
    assert world.draft(w, w.nr1).narrative == "In de app"


def test_someone_else_uploading_a_corrected_copy_of_the_workbook_is_refused(client, w):
    workbook = download(client, "2015")
    row = row_of(workbook, "pact-noord", "1")
    put(workbook, row, narrative="Van alice")
    upload(client, "2015", workbook)
    client.force_login(w.carol)  # she may edit the draft, but not the national ones: left out
    for national in sorted((row_of(workbook, "nationaal", "1", x) for x in "ab"), reverse=True):
        workbook[SHEET].delete_rows(national)
    row = row_of(workbook, "pact-noord", "1")
    put(workbook, row, narrative="Van carol")
    refused = [d for r, o, d in results(upload(client, "2015", workbook)) if o == "refused"]
    assert len(refused) == 1 and "gewijzigd door alice" in refused[0]
    assert world.draft(w, w.nr1).narrative == "Van alice"


def test_a_workbook_downloaded_in_english_uploads_as_well(client, w):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    workbook = download(client, "2015")
    put(workbook, row_of(workbook, "nationaal", "1", "a"), narrative="Lesmateriaal is af")
    response = upload(client, "2015", workbook)
    page = response.content.decode()
    assert response.status_code == 200, page[page.find("<main") :][:3000]
    assert world.draft(w, w.n1, w.n1a).narrative == "Lesmateriaal is af"
