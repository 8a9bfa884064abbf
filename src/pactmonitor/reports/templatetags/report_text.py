"""Filters of the report templates."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Where a long address may wrap: after "//" and "/", before ".", "?", "&", "=", "#" and "-".
_AFTER = re.compile(r"(//|/)")
_BEFORE = re.compile(r"(?<=\w)([.?&=#-])")


@register.filter
def breakable_url(url: str) -> SafeString:
    """An address shown as text that wraps only at its own separators, never mid-word
    ("www.poraad.nl/<wbr>content/…", not "ww w.poraad.nl/cont ent")."""
    text = str(escape(url))
    text = _AFTER.sub(r"\1<wbr>", text)
    text = _BEFORE.sub(r"<wbr>\1", text)
    return mark_safe(text.replace("/<wbr>/<wbr>", "//<wbr>"))  # noqa: S308 (escaped above)
