"""Dutch dates and numbers, and narrative text cut into paragraphs and bullet lists.

Narratives come from people and from extracted Word documents: plain lines, "- " or "› "
bullets, and sometimes left-over HTML fragments (``<p>``, ``<ul>``, ``<u>``). They are read
here into ``Block`` objects once, so every format shows the same structure.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import re
from typing import TypeVar

from django.utils import formats, translation

from .documents import Block

T = TypeVar("T")

BULLET = re.compile(r"^\s*(?:[-–•›>*]|&gt;)\s+")
TAG_BREAK = re.compile(r"</?(?:p|br|ul|ol|li|div)\b[^<>]*>", re.IGNORECASE)
HEADING_TAG = re.compile(r"^\s*<(u|i|b|strong|em)>([^<]{1,80})</\1>\s*$", re.IGNORECASE)
# Only the tags that left-over HTML holds are taken out: "van <10% naar >20%" is text, and a
# pattern for any "<...>" would eat the words between the two signs.
HTML_TAGS = (
    "p|br|ul|ol|li|div|span|u|i|b|strong|em|a|font|sup|sub|h[1-6]|table|thead|tbody|tr|td|th"
    "|hr|blockquote|s|strike|del|ins|small|code|pre"
)
ANY_TAG = re.compile(rf"</?(?:{HTML_TAGS})\b[^<>]*>", re.IGNORECASE)
# Word writes a line break inside a paragraph as a vertical tab (and a page break as a form
# feed); the other control characters mean nothing in a text and no document format holds them.
LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """The text without control characters, which XML (DOCX, PDF tags) cannot hold."""
    return CONTROL.sub("", text.translate(LINE_BREAKS))


def dutch_date(day: datetime.date | None) -> str:
    """31 mei 2014."""
    if day is None:
        return ""
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


def dutch_number(value: float, decimals: int | None = None) -> str:
    """1.234,5 — a thousands dot and a decimal comma; whole numbers without decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    with translation.override("nl"):
        return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def dutch_value(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{dutch_number(value)}%"
    if unit == "euro":
        return f"€ {dutch_number(value)}"
    return dutch_number(value)


def _lines(text: str) -> list[str]:
    # A tag that breaks a line starts a new one; the heading tags are kept to spot headings.
    text = TAG_BREAK.sub("\n", printable(text.replace("\r", "")))
    return [line.strip() for line in text.split("\n")]


def blocks(text: str) -> list[Block]:
    """Paragraphs, bullet lists and short headings of a narrative, in order."""
    found: list[Block] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            found.append(Block(items=tuple(items)))
            items.clear()

    for raw in _lines(text or ""):
        heading = HEADING_TAG.match(raw)
        line = printable(html.unescape(ANY_TAG.sub("", raw))).strip()
        if not line:
            flush()
            continue
        if BULLET.match(raw) or BULLET.match(line):
            items.append(BULLET.sub("", line).strip())
            continue
        flush()
        is_heading = bool(heading) or (len(line) <= 40 and line.endswith(":"))
        found.append(Block(text=line, heading=is_heading))
    flush()
    return found


def plain(text: str) -> str:
    """The text without any markup, on one line (for table cells and summaries)."""
    return " ".join(printable(html.unescape(ANY_TAG.sub(" ", text or ""))).split())


def printable_everywhere(value: T) -> T:
    """A report (or any part of it) with control characters taken out of every text.

    Each renderer calls it on the report it is given, so no text that reached the report by
    another road than ``blocks`` or ``plain`` (a name, a milestone, a title) can break a format.
    """
    if isinstance(value, str):
        cleaned = printable(value)
        return value if cleaned == value else cleaned  # type: ignore[return-value]
    if isinstance(value, (list, tuple)):
        return type(value)(printable_everywhere(item) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: printable_everywhere(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value
