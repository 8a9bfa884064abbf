"""The report as a tagged PDF, laid out by WeasyPrint from the report's own HTML."""

from __future__ import annotations

import weasyprint

from .documents import Report
from .render_html import render_html


def render_pdf(report: Report) -> bytes:
    html = render_html(report, for_pdf=True)
    document = weasyprint.HTML(string=html, base_url=None)
    return document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
