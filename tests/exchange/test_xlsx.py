"""The bounded reader of uploaded XLSX files: limits hold even when the file lies about itself."""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from pactmonitor.exchange.xlsx import Damaged, Limits, Unsafe, check_archive, read_in_worker


def _workbook(rows: int, sheets: int = 1) -> bytes:
    workbook = Workbook()
    for number in range(1, sheets):
        workbook.create_sheet(f"Blad{number}")
    for number in range(rows):
        workbook.active.append([f"regel {number}", "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _without_dimension(data: bytes) -> bytes:
    """The same workbook with its sheet's declared size removed, as a hand-made file may be."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            content = source.read(part)
            if part.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
            out.writestr(part.filename, content)
    return target.getvalue()


def test_rows_are_read_back_as_written_in_a_worker_process():
    result = read_in_worker(_workbook(3), ["Sheet"], Limits())
    assert result["sheetnames"] == ["Sheet"]
    assert result["sheets"]["Sheet"][0] == ["regel 0", None]  # a formula has no cached value


def test_a_sheet_without_a_declared_size_is_still_stopped_at_the_row_limit():
    with pytest.raises(Unsafe) as refused:
        read_in_worker(_without_dimension(_workbook(30)), ["Sheet"], Limits(rows=10))
    assert refused.value.reason == "rows" and refused.value.figures["limit"] == 10


def test_a_workbook_with_too_many_sheets_is_refused():
    with pytest.raises(Unsafe) as refused:
        read_in_worker(_workbook(1, sheets=12), ["Sheet"], Limits())
    assert (refused.value.reason, refused.value.figures["count"]) == ("sheets", 12)


def test_a_file_over_the_packed_size_is_refused_before_it_is_opened():
    with pytest.raises(Unsafe) as refused:
        check_archive(b"PK" + b"0" * 2000, Limits(compressed_bytes=1000))
    assert refused.value.reason == "compressed"


def test_a_file_that_is_no_zip_is_damaged():
    with pytest.raises(Damaged):
        check_archive(b"gewoon tekst", Limits())


def test_a_parse_over_its_cpu_time_is_stopped():
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("CPU-time limits are a Linux feature here")
    huge = _workbook(20_000)
    with pytest.raises(Unsafe) as refused:
        read_in_worker(huge, ["Sheet"], Limits(seconds=0, rows=100_000))
    assert refused.value.reason == "seconds"
