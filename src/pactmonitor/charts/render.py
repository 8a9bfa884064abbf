"""Altair chart → SVG or PNG, without a browser (vl-convert): the one renderer of every chart."""

from __future__ import annotations

import html
import math
import re
import textwrap
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import altair as alt
import vl_convert
from django.utils.translation import get_language

Locale = Literal["nl-NL", "en-US"]
# d3's number and date formats for the page's language: 51.998 and 39,6 on a Dutch axis.
LOCALES: dict[str, Locale] = {"nl": "nl-NL", "en": "en-US"}


# A phone's chart: the whole drawing (axes, labels and legend included) fits a 360 px screen
# less the page's margins; on a narrower screen the SVG's viewBox scales it down.
PHONE_WIDTH = 328


def _locale() -> Locale:
    return LOCALES.get((get_language() or "nl")[:2], "nl-NL")


def to_svg(chart: alt.TopLevelMixin, *, labelled: bool = True) -> str:
    """The chart as an inline SVG element, labelled with the chart's description.

    The SVG gets ``role="img"`` and the description as ``aria-label``, so a screen reader
    reads the text alternative instead of the marks. ``labelled=False`` leaves the SVG bare,
    for a document that labels the figure around it (the reports).
    """
    # The declarations are fixed code, checked by the tests; validating the schema again on
    # every render costs more than drawing the chart.
    svg = vl_convert.vegalite_to_svg(
        chart.to_dict(validate=False), format_locale=_locale(), time_format_locale=_locale()
    )
    if not labelled:
        return svg
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


def fit_x() -> alt.AutoSizeParams:
    """Vega-Lite's autosize that makes a chart's ``width`` its drawing's total width (axes,
    labels, legend included), not its plot's."""
    return alt.AutoSizeParams(type="fit-x", contains="padding")


def wrapped(text: str, width: int, font_size: int = 13) -> list[str]:
    """A title in lines that fit ``width`` px (a Vega title takes a list as its lines)."""
    return textwrap.wrap(text, max(12, int(width / (font_size * 0.62)))) or [text]


def whole_ticks(most: int, at_most: int, start: int = 0) -> list[int]:
    """Axis values from ``start`` to ``most``: whole numbers, at most about ``at_most`` of them."""
    step = max(1, math.ceil((most - start) / at_most))
    return list(range(start, most + 1, step)) if most > start else [start]


@dataclass(frozen=True)
class ScreenSvgs:
    """One chart drawn twice for the web: at its report width and at a phone's width.

    The page shows one of the two by a media query (no script needed); both scale down to
    their container through the SVG's viewBox, so neither is ever clipped.
    """

    wide: str
    narrow: str


def _prefixed_ids(svg: str, kind: str) -> str:
    """The SVG with its ids (clip paths, gradients) prefixed by its kind and content, so no two
    drawings on a page refer to each other's (perhaps hidden) definitions."""
    prefix = f"{kind}-{zlib.crc32(svg.encode()):08x}-"
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}\1)", svg)
    return re.sub(r'href="#([^"]+)"', rf'href="#{prefix}\1"', svg)


def for_screens(declare: Callable[..., alt.TopLevelMixin]) -> ScreenSvgs:
    """``declare()`` as drawn in the reports, and ``declare(width=PHONE_WIDTH)`` for a phone,
    both as labelled inline SVG."""
    return ScreenSvgs(
        wide=_prefixed_ids(to_svg(declare()), "wide"),
        narrow=_prefixed_ids(to_svg(declare(width=PHONE_WIDTH)), "narrow"),
    )
