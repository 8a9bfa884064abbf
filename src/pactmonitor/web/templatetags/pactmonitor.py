"""Template helpers for the public pages: status labels, the language switch, chart tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.template import Context
from django.urls import translate_url
from django.utils.translation import gettext as _

from pactmonitor.progress.choices import Basis, Status

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.inclusion_tag("web/includes/status.html")
def status_label(status: str, basis: str = "", reason: str = "") -> dict:
    """A status as text in a coloured cell; onbekend hatched, afgeleid outlined."""
    assessed = basis == Basis.ASSESSED
    return {
        "status": status,
        "label": Status(status).label if status in Status.values else status,
        "assessed": assessed,
        "reason": reason,
    }


@register.simple_tag(takes_context=True)
def in_language(context: Context, code: str) -> str:
    """The address of the current page in another language (prefix /en/ or none for Dutch)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    return translate_url(path, code)


COLOUR_WORDS = {"geel": _("geel"), "blauw": _("blauw"), "rood": _("rood"), "grijs": _("grijs")}


@register.filter
def colour_word(status: str) -> str:
    """The report's colour word of a status (geel, blauw, rood; grijs for onbekend)."""
    return COLOUR_WORDS[Status(status).colour] if status in Status.values else ""


@register.filter
def basis_text(basis: str) -> StrOrPromise:
    return Basis(basis).label if basis in Basis.values else ""


@register.simple_tag
def unknown_text() -> str:
    return _("onbekend")
