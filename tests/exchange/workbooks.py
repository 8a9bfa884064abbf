"""Download, change and upload the round workbook as a user would."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from pactmonitor.exchange.workbook import COLUMN_INDEX, SHEET


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


def as_file(workbook) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("werkmap.xlsx", buffer.getvalue())


def upload(client, round_slug: str, content):
    if not isinstance(content, SimpleUploadedFile):
        content = as_file(content)
    return client.post(reverse("exchange:upload", args=[round_slug]), {"workbook": content})


def problems(response) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.message) for p in response.context["problems"]]
