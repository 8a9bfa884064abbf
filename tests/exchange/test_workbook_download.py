import pytest
from django.conf import settings
from openpyxl.worksheet.datavalidation import DataValidation

from pactmonitor.exchange.workbook import COLUMN_INDEX, ITEMS_SHEET, META_SHEET, SHEET
from tests import world
from tests.exchange.workbooks import download, items, row_of

pytestmark = pytest.mark.django_db


def test_the_workbook_has_a_row_for_each_open_draft_of_the_user(client):
    w = world.build()
    client.force_login(w.alice)
    sheet = download(client, "2015")[SHEET]
    keys = [
        tuple(sheet.cell(r, COLUMN_INDEX[k]).value or "" for k in ("pact", "action", "letter"))
        for r in range(2, sheet.max_row + 1)
    ]
    assert sorted(keys) == [
        ("nationaal", "1", "a"),
        ("nationaal", "1", "b"),
        ("pact-noord", "1", ""),
    ]


def test_the_other_landsdeels_coordinator_gets_only_the_drafts_of_their_own_landsdeel(client):
    w = world.build()
    client.force_login(w.dave)
    sheet = download(client, "2015")[SHEET]
    keys = [
        tuple(sheet.cell(r, COLUMN_INDEX[k]).value or "" for k in ("pact", "action", "letter"))
        for r in range(2, sheet.max_row + 1)
    ]
    assert keys == [("pact-oost", "1", "")]


def test_the_previous_status_and_narrative_are_shown_read_only(client):
    w = world.build()
    client.force_login(w.bob)
    workbook = download(client, "2015")
    sheet, row = workbook[SHEET], row_of(workbook, "nationaal", "2")
    assert sheet.cell(row, COLUMN_INDEX["previous_status"]).value == "op schema"
    assert sheet.cell(row, COLUMN_INDEX["previous_narrative"]).value == "Stages lopen volgens plan."
    assert sheet.protection.sheet
    assert sheet.cell(row, COLUMN_INDEX["previous_status"]).protection.locked
    assert not sheet.cell(row, COLUMN_INDEX["status"]).protection.locked


def test_the_status_cells_have_a_drop_down_of_the_statuses(client):
    w = world.build()
    client.force_login(w.alice)
    sheet = download(client, "2015")[SHEET]
    validation: DataValidation = sheet.data_validations.dataValidation[0]
    assert validation.type == "list"
    assert validation.formula1 == '"afgerond,op schema,vertraagd,onbekend"'
    assert "H2" in validation.sqref


def test_a_workbook_downloaded_in_english_explains_its_drop_downs_in_english(client):
    w = world.build()
    client.force_login(w.alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    workbook = download(client, "2015")
    status = workbook[SHEET].data_validations.dataValidation[0]
    assert (status.errorTitle, status.error) == (
        "Unknown status",
        "Choose from the list: completed, on schedule, delayed, unknown",
    )
    titles = sorted(v.errorTitle for v in workbook[ITEMS_SHEET].data_validations.dataValidation)
    assert titles == ["Only ‘ja’", "Unknown kind"]


def test_the_round_and_fingerprint_sit_in_a_very_hidden_sheet(client):
    w = world.build()
    client.force_login(w.alice)
    workbook = download(client, "2015")
    assert workbook[META_SHEET].sheet_state == "veryHidden"
    assert workbook[META_SHEET]["B1"].value == "2015"


def test_a_narrative_with_a_control_character_still_downloads(client):
    w = world.build()
    draft = world.draft(w, w.nr1)
    draft.narrative = "Regel\x0bmet een verticale tab"
    draft.save()
    client.force_login(w.alice)
    workbook = download(client, "2015")
    assert (
        workbook[SHEET].cell(row_of(workbook, "pact-noord", "1"), COLUMN_INDEX["narrative"]).value
        == "Regelmet een verticale tab"
    )


def _sheet_xml(response_content: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(response_content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def test_a_narrative_starting_with_an_equals_sign_is_written_as_text_not_a_formula(client):
    from django.urls import reverse

    w = world.build()
    draft = world.draft(w, w.nr1)
    draft.narrative = '=HYPERLINK("http://example.org","klik")'
    draft.save()
    client.force_login(w.alice)
    content = client.get(reverse("exchange:download", args=["2015"])).content
    assert "<f>" not in _sheet_xml(content) and "HYPERLINK" in _sheet_xml(content)
    workbook = download(client, "2015")
    cell = workbook[SHEET].cell(row_of(workbook, "pact-noord", "1"), COLUMN_INDEX["narrative"])
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.org","klik")', "s")


def test_a_text_longer_than_a_cell_holds_refuses_the_download_naming_the_action(client):
    from django.urls import reverse

    w = world.build()
    StatusUpdate = world.draft(w, w.nr1).__class__
    StatusUpdate.objects.filter(pk=world.draft(w, w.nr1).pk).update(narrative="x" * 32_768)
    client.force_login(w.alice)
    response = client.get(reverse("exchange:download", args=["2015"]))
    text = response.content.decode()
    assert response.status_code == 409
    assert "Stand van zaken van" in text and "32.768 tekens" in text


def test_the_items_sheet_lists_every_milestone_and_source_of_the_drafts_with_its_number(client):
    import datetime

    w = world.build()
    draft = world.draft(w, w.nr1)
    dated = draft.milestones.create(date=datetime.date(2015, 12, 31), text="Centrum open")
    worded = draft.milestones.create(date_text="eind 2015", text="Tweede centrum")
    source = draft.sources.create(title="Jaarverslag", url="https://example.org/jv")
    client.force_login(w.alice)
    rows = items(download(client, "2015"))
    assert {(r["number"], r["kind"], r["date"], r["text"], r["url"]) for r in rows} == {
        (str(dated.pk), "mijlpaal", "31-12-2015", "Centrum open", None),
        (str(worded.pk), "mijlpaal", "eind 2015", "Tweede centrum", None),
        (str(source.pk), "vindplaats", None, "Jaarverslag", "https://example.org/jv"),
    }
    assert {(r["pact"], r["action"], r["title"]) for r in rows} == {
        ("pact-noord", "1", "Techniekcentra Noord")
    }


def test_the_items_sheet_has_drop_downs_for_the_kind_and_for_removal(client):
    w = world.build()
    client.force_login(w.alice)
    sheet = download(client, "2015")[ITEMS_SHEET]
    formulas = sorted(v.formula1 for v in sheet.data_validations.dataValidation)
    assert formulas == ['"ja"', '"mijlpaal,vindplaats"']


def test_an_item_text_starting_with_an_equals_sign_is_written_as_text(client):
    w = world.build()
    world.draft(w, w.nr1).sources.create(title='=HYPERLINK("http://example.org","klik")')
    client.force_login(w.alice)
    (row,) = items(download(client, "2015"))
    assert row["text"] == '=HYPERLINK("http://example.org","klik")'


def test_the_items_sheet_holds_only_the_users_own_drafts(client):
    w = world.build()
    world.draft(w, w.or1).milestones.create(text="Van Bob in Oost")
    world.draft(w, w.nr1).milestones.create(text="Van Alice")
    client.force_login(w.alice)
    assert [r["text"] for r in items(download(client, "2015"))] == ["Van Alice"]
