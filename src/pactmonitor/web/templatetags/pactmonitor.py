"""Template helpers for the public pages: status labels, the language switch, the theme, the
current page in the navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.conf import settings
from django.template import Context
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pactmonitor.core import language
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


@register.simple_tag
def theme_stylesheets() -> SafeString:
    """The <link> elements of the theme's token files (PACTMONITOR_THEME, docs/theme.md)."""
    return format_html_join(
        "\n  ",
        '<link rel="stylesheet" href="{}">',
        ((static(path),) for path in settings.PACTMONITOR_THEME["stylesheets"]),
    )


@register.simple_tag
def theme_class() -> str:
    """The class on <html> under which the theme's tokens are defined."""
    return settings.PACTMONITOR_THEME["class"]


@register.simple_tag(takes_context=True)
def current_page(context: Context, url: str, exact: bool = False) -> SafeString:
    """aria-current on the navigation's link to the section the visitor is in."""
    request = context.get("request")
    path = request.path if request else ""
    here = path == url if exact else path.startswith(url)
    return format_html(' aria-current="{}"', "page") if here else SafeString("")


@register.simple_tag(takes_context=True)
def language_is_chosen(context: Context) -> bool:
    """Whether this page's language is the reader's choice (one address in both languages)
    rather than its address: then the language switch is a form that sets the choice."""
    request = context.get("request")
    return request is not None and language.language_is_chosen(request.path_info)


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
