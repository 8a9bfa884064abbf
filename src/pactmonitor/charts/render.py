"""Altair chart → SVG, without a browser (vl-convert)."""

from __future__ import annotations

import html
from typing import Literal

import altair as alt
import vl_convert
from django.utils.translation import get_language

Locale = Literal["nl-NL", "en-US"]
# d3's number and date formats for the page's language: 51.998 and 39,6 on a Dutch axis.
LOCALES: dict[str, Locale] = {"nl": "nl-NL", "en": "en-US"}


def _locale() -> Locale:
    return LOCALES.get((get_language() or "nl")[:2], "nl-NL")


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an inline SVG element, labelled with the chart's description.

    The SVG gets ``role="img"`` and the description as ``aria-label``, so a screen reader
    reads the text alternative instead of the marks.
    """
    # The declarations are fixed code, checked by the tests; validating the schema again on
    # every render cost more than drawing the chart (see report_summary).
    svg = vl_convert.vegalite_to_svg(
        chart.to_dict(validate=False), format_locale=_locale(), time_format_locale=_locale()
    )
    description = getattr(chart, "description", None)
    label = description if isinstance(description, str) else ""
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{html.escape(label, quote=True)}" focusable="false" ',
        1,
    )


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (for DOCX, which does not take SVG everywhere)."""
    return vl_convert.vegalite_to_png(
        chart.to_dict(validate=False),
        scale=scale,
        format_locale=_locale(),
        time_format_locale=_locale(),
    )
