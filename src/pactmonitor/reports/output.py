"""Producing a report in a format, and writing it to a file without ever leaving half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .choices import ReportFormat
from .documents import Report


class ReportOutputError(OSError):
    """The file cannot be written: one line naming the path and the reason."""


def render(report: Report, format: str) -> bytes:
    """The report's bytes in ``format`` (html, pdf or docx)."""
    format = ReportFormat(format)
    if format == ReportFormat.HTML:
        from .render_html import render_html

        return render_html(report).encode("utf-8")
    if format == ReportFormat.PDF:
        from .render_pdf import render_pdf

        return render_pdf(report)
    from .render_docx import render_docx

    return render_docx(report)


def check_writable(path: Path) -> None:
    """Fail before any work is done when the file could not be written."""
    directory = path.parent
    if path.is_dir():
        raise ReportOutputError(f"kan {path} niet schrijven: dat is een map")
    if not directory.is_dir():
        raise ReportOutputError(f"kan {path} niet schrijven: de map {directory} bestaat niet")
    if not os.access(directory, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReportOutputError(f"kan {path} niet schrijven: geen schrijfrechten")


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it: the file is whole or absent."""
    check_writable(path)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise ReportOutputError(f"kan {path} niet schrijven: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ReportOutputError(f"kan {path} niet schrijven: {exc.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
