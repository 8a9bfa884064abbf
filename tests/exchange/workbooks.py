"""Download, change and upload the round workbook as a user would."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from pactmonitor.exchange.workbook import COLUMN_INDEX, ITEM_INDEX, ITEMS_SHEET, SHEET


def download(client, round_slug: str):
    response = client.get(reverse("exchange:download", args=[round_slug]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def row_of(workbook, pact: str, action: str, letter: str = "") -> int:
    sheet = workbook[SHEET]
    for number in range(2, sheet.max_row + 1):
        cells = [
            sheet.cell(number, COLUMN_INDEX[key]).value or ""
            for key in ("pact", "action", "letter")
        ]
        if cells == [pact, action, letter]:
            return number
    raise LookupError((pact, action, letter))


def put(workbook, row: int, **values) -> None:
    for key, value in values.items():
        workbook[SHEET].cell(row, COLUMN_INDEX[key]).value = value


def items(workbook) -> list[dict]:
    """The rows of the items sheet as {column key: value}, with their row number."""
    sheet = workbook[ITEMS_SHEET]
    return [
        {"row": number} | {key: sheet.cell(number, i).value for key, i in ITEM_INDEX.items()}
        for number in range(2, sheet.max_row + 1)
        if sheet.cell(number, 1).value
    ]


def add_item(workbook, **values) -> int:
    """A new row on the items sheet (as a user types one below the others); its row number."""
    sheet = workbook[ITEMS_SHEET]
    row = max([1, *(r["row"] for r in items(workbook))]) + 1
    for key, value in values.items():
        sheet.cell(row, ITEM_INDEX[key]).value = value
    return row


def put_item(workbook, row: int, **values) -> None:
    for key, value in values.items():
        workbook[ITEMS_SHEET].cell(row, ITEM_INDEX[key]).value = value


def as_file(workbook) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("werkmap.xlsx", buffer.getvalue())


def upload(client, round_slug: str, content):
    if not isinstance(content, SimpleUploadedFile):
        content = as_file(content)
    return client.post(reverse("exchange:upload", args=[round_slug]), {"workbook": content})


def results(response) -> list[tuple]:
    """(row, outcome, detail) of each row the upload read."""
    return [(r.row, r.outcome, r.detail) for r in response.context["summary"].results]


def problems(response) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.message) for p in response.context["problems"]]
