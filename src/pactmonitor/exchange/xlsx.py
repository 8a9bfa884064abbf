"""Reading an uploaded XLSX file within stated bounds, so no file can hold a worker.

Two steps. ``check_archive`` reads only the zip's central directory (cheap, in the request's
process): the number of parts, their declared unpacked size and the compression ratio of each
large part. Python's zipfile never unpacks more than a part declares, so a lying header cannot
get past it. ``read_in_worker`` then parses the sheets in a separate Python process with a time
limit and a memory limit: openpyxl streams the sheets (read-only mode), stops at the row limit,
and the process exits when it is done, so its memory goes back to the system however large the
workbook was, and a workbook that takes too long is killed rather than waited for.

This module imports nothing of Django: the worker process starts in a fraction of a second
and needs no settings or database.
"""

from __future__ import annotations

import datetime
import io
import json
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

SOURCE_ROOT = str(Path(__file__).resolve().parents[2])

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet


@dataclass(frozen=True)
class Limits:
    compressed_bytes: int = 10 * 1024 * 1024
    unpacked_bytes: int = 100 * 1024 * 1024
    parts: int = 200
    # Real sheets compress 5-20 times; a part that shrank more than this is a zip bomb.
    ratio: int = 100
    ratio_from_bytes: int = 1024 * 1024  # small parts (styles, empty sheets) may shrink more
    sheets: int = 10
    rows: int = 5000
    columns: int = 50
    seconds: int = 20  # CPU time of the parse: a busy machine does not make it stricter
    wall_seconds: float = 60.0  # the backstop, whatever the worker waits for
    memory_bytes: int = 1024 * 1024 * 1024


class Unsafe(Exception):
    """The file exceeds a limit; ``reason`` names which, ``figures`` say by how much."""

    def __init__(self, reason: str, **figures: object):
        super().__init__(reason)
        self.reason = reason
        self.figures = figures


class Damaged(Exception):
    """The file cannot be read as a workbook."""


def check_archive(data: bytes, limits: Limits) -> None:
    """Refuse a file that is too large, packed or unpacked, before anything parses it."""
    if len(data) > limits.compressed_bytes:
        raise Unsafe("compressed", size=len(data), limit=limits.compressed_bytes)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Damaged() from None
    if len(parts) > limits.parts:
        raise Unsafe("parts", count=len(parts), limit=limits.parts)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.unpacked_bytes:
        raise Unsafe("unpacked", size=unpacked, limit=limits.unpacked_bytes)
    for part in parts:
        large = part.file_size > limits.ratio_from_bytes
        if large and part.file_size > limits.ratio * max(part.compress_size, 1):
            raise Unsafe(
                "ratio", part=part.filename, ratio=part.file_size // max(part.compress_size, 1)
            )


def _encode(value: object) -> object:
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return {"$" + type(value).__name__: value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _decode(value: object) -> object:
    if isinstance(value, dict):
        ((kind, text),) = value.items()
        return getattr(datetime, kind[1:]).fromisoformat(text)
    return value


def _dimension_problem(sheet: ReadOnlyWorksheet, name: str, limits: Limits) -> Unsafe | None:
    # The declared dimension is checked first (no row read); the streaming below enforces
    # the same limits on files whose dimension is missing or wrong.
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > limits.rows + 1:
        return Unsafe("rows", sheet=name, count=rows - 1, limit=limits.rows)
    if columns > limits.columns:
        return Unsafe("columns", sheet=name, count=columns, limit=limits.columns)
    return None


def read_sheets(data: bytes, names: list[str], limits: Limits) -> dict:
    """Sheet names and the rows of the named sheets (values only), within the limits."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for damaged files; all mean the same here
        raise Damaged() from None
    if len(workbook.sheetnames) > limits.sheets:
        raise Unsafe("sheets", count=len(workbook.sheetnames), limit=limits.sheets)
    sheets = {}
    for name in (n for n in names if n in workbook.sheetnames):
        sheet = workbook[name]
        if problem := _dimension_problem(sheet, name, limits):
            raise problem
        rows: list[list[object]] = []
        try:
            for row in sheet.iter_rows(values_only=True):
                if len(rows) > limits.rows:
                    raise Unsafe("rows", sheet=name, count=len(rows), limit=limits.rows)
                rows.append([_encode(v) for v in row[: limits.columns]])
        except Unsafe:
            raise
        except Exception:
            raise Damaged() from None
        sheets[name] = rows
    return {"sheetnames": workbook.sheetnames, "sheets": sheets}


def _limit_resources(limits: Limits) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (limits.seconds, limits.seconds + 1))
    except (ImportError, ValueError, OSError):  # not on every platform; the wall clock stays
        pass


def worker_main() -> None:
    """The worker process: the file on stdin, the request in argv, one JSON line on stdout."""
    request = json.loads(sys.argv[1])
    limits = Limits(**request["limits"])
    _limit_resources(limits)
    data = sys.stdin.buffer.read()
    try:
        answer: dict[str, object] = {"ok": read_sheets(data, request["names"], limits)}
    except Unsafe as unsafe:
        answer = {"unsafe": unsafe.reason, "figures": unsafe.figures}
    except (Damaged, MemoryError):
        answer = {"damaged": True}
    sys.stdout.write(json.dumps(answer))


WORKER = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); "
    "from pactmonitor.exchange.xlsx import worker_main; worker_main()"
)


def read_in_worker(data: bytes, names: list[str], limits: Limits) -> dict:
    """``read_sheets`` in a separate process, stopped after ``limits.seconds`` of CPU time or
    ``limits.wall_seconds`` of waiting.

    Raises Unsafe("seconds") on either time limit, Unsafe(...) for a limit the worker hit, and
    Damaged for a file it could not read (or that ran out of memory).
    """
    request = json.dumps({"names": names, "limits": limits.__dict__})
    try:
        finished = subprocess.run(
            [sys.executable, "-I", "-c", WORKER, SOURCE_ROOT, request],
            input=data,
            capture_output=True,
            timeout=limits.wall_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise Unsafe("seconds", limit=limits.wall_seconds) from None
    if finished.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise Unsafe("seconds", limit=limits.seconds)  # killed at the CPU-time limit
    try:
        answer = json.loads(finished.stdout)
    except ValueError:
        raise Damaged() from None  # the worker died (memory limit) before it could answer
    if "unsafe" in answer:
        raise Unsafe(answer["unsafe"], **answer["figures"])
    if "damaged" in answer:
        raise Damaged()
    result = answer["ok"]
    result["sheets"] = {
        name: [[_decode(v) for v in row] for row in rows] for name, rows in result["sheets"].items()
    }
    return result
