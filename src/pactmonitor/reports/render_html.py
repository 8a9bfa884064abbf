"""The report as one standalone HTML file: styles and charts inline, a print stylesheet."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from .documents import Report
from .formatting import printable_everywhere


def css_string(text: str) -> SafeString:
    """A CSS string literal (for the running header of the PDF)."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    )
    return mark_safe(f'"{escaped}"')


def render_html(report: Report) -> str:
    # Control characters are invalid in HTML and in the PDF printed from it.
    report = printable_everywhere(report)
    with translation.override("nl"):
        return render_to_string(
            "reports/report.html",
            {
                "report": report,
                "running_header_css": css_string(report.running_header),
            },
        )
