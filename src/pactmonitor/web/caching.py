"""Whole-page caching of the public pages, dropped the moment anything is saved or deleted.

Public pages change only when something is published or edited, so a rendered page is kept
under a *generation* token. Any save, delete or many-to-many change of a Pactmonitor model
replaces the token (``invalidate``), which makes every stored page unreachable at once.

``PageCacheMiddleware`` sits first in the middleware stack: a stored page is answered before
any other middleware runs, with the headers the full stack gave it the first time (security
headers included; cookies never). Views opt in with ``@public_page``. Only GET/HEAD requests of
visitors without a session are cached, and the pages hold no per-visitor data (no CSRF token;
the language is in the address), so one copy serves everyone. Pages live in the shared cache
(so every worker benefits) and in a small per-process copy (so a hit costs one small read:
the generation token).
"""

from __future__ import annotations

import functools
import uuid
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "pactmonitor:pages:generation"
PAGE_TIMEOUT = 60 * 60 * 24
LOCAL_PAGES = 500
OUR_APPS = {"regions", "pacts", "progress", "indicators", "initiatives", "provenance"}


def generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        token = cache.get(GENERATION_KEY)
    return token


def invalidate(**kwargs) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark the view's successful responses as cacheable by PageCacheMiddleware."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.pactmonitor_cacheable = True
        return response

    return wrapper


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.local: OrderedDict[str, tuple] = OrderedDict()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = f"pactmonitor:page:{generation()}:{request.get_full_path()}"
        stored = self.local.get(key) or cache.get(key)
        if stored is not None:
            self._remember(key, stored)
            return self._replay(stored)
        response = self.get_response(request)
        if getattr(response, "pactmonitor_cacheable", False) and response.status_code == 200:
            if not response.cookies and not response.streaming:
                stored = (response.status_code, self._headers(response), response.content)
                cache.set(key, stored, PAGE_TIMEOUT)
                self._remember(key, stored)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def _headers(response: HttpResponse) -> list[tuple[str, str]]:
        return [
            (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-page-cache")
        ]

    @staticmethod
    def _replay(stored: tuple) -> HttpResponse:
        status, headers, body = stored
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response

    def _remember(self, key: str, stored: tuple) -> None:
        self.local[key] = stored
        self.local.move_to_end(key)
        while len(self.local) > LOCAL_PAGES:
            self.local.popitem(last=False)


def connect_invalidation() -> None:
    """Drop the cached pages whenever a Pactmonitor model (or its history) changes."""

    def on_change(sender, **kwargs) -> None:
        if getattr(getattr(sender, "_meta", None), "app_label", "") in OUR_APPS:
            invalidate()

    post_save.connect(on_change, weak=False, dispatch_uid="pactmonitor-pages-save")
    post_delete.connect(on_change, weak=False, dispatch_uid="pactmonitor-pages-delete")
    m2m_changed.connect(on_change, weak=False, dispatch_uid="pactmonitor-pages-m2m")
