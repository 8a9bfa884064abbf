"""The language of the pages outside the /en/ prefix: the work, account, exchange and admin
pages (see pactmonitor/urls.py).

A public page has its language in its address (``LocaleMiddleware`` with
``i18n_patterns``), so a cached page is right for everyone. The pages below have one address
in both languages and are never page-cached; ``LocaleMiddleware`` would give them the default
language always (Django takes it for any address without a prefix when the default language has
none), so an English reader could never read them in English. Here they follow the reader's
choice in the language cookie, which the language switch on these pages sets (Django's
``set_language``); Dutch otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

# The addresses whose language is the reader's choice. Not /rapportages/: the reports are Dutch
# documents, stored once for every reader.
CHOSEN_LANGUAGE_PATHS = ("/werk/", "/account/", "/uitwisseling/", "/beheer/")


def language_is_chosen(path: str) -> bool:
    """Whether the page at ``path`` takes its language from the reader's choice (the cookie)
    rather than from its address."""
    return path.startswith(CHOSEN_LANGUAGE_PATHS)


def chosen_language(request: HttpRequest) -> str:
    """The language in the reader's language cookie when the site has it, else the default."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    languages = {language for language, _name in settings.LANGUAGES}
    return code if code in languages else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """After ``LocaleMiddleware``: the pages of ``CHOSEN_LANGUAGE_PATHS`` in the chosen
    language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not language_is_chosen(request.path_info):
            return self.get_response(request)
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
