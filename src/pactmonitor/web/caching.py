"""Whole-page caching of the public pages, dropped the moment anything is saved or deleted.

Public pages change only when something is published or edited, so a rendered page is kept
in the cache under a *generation* token. Any save, delete or many-to-many change of a
Pactmonitor model replaces the token (``invalidate``), which makes every stored page
unreachable at once; the cache's own eviction removes them later. Only anonymous GET requests
without messages are cached, and the pages contain no per-visitor data (no CSRF token, the
language switch is a plain link), so one copy serves every visitor.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

GENERATION_KEY = "pactmonitor:pages:generation"
PAGE_TIMEOUT = 60 * 60 * 24


def generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(GENERATION_KEY, token, None)
        token = cache.get(GENERATION_KEY, token)
    return token


def invalidate(**kwargs) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _cacheable(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return request.method in ("GET", "HEAD") and not (user and user.is_authenticated)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's response from the cache while nothing has changed."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = f"pactmonitor:page:{generation()}:{get_language()}:{request.get_full_path()}"
        stored = cache.get(key)
        if stored is not None:
            status, content_type, body = stored
            response = HttpResponse(body, status=status, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.cookies:
            cache.set(key, (200, response["Content-Type"], response.content), PAGE_TIMEOUT)
        response["X-Page-Cache"] = "miss"
        return response

    return wrapper


def connect_invalidation() -> None:
    """Drop the cached pages whenever a Pactmonitor model (or its history) changes."""

    def is_ours(sender) -> bool:
        return getattr(sender, "__module__", "").startswith("pactmonitor.") or (
            getattr(getattr(sender, "_meta", None), "app_label", "")
            in {"regions", "pacts", "progress", "indicators", "initiatives", "provenance"}
        )

    def on_change(sender, **kwargs) -> None:
        if is_ours(sender):
            invalidate()

    post_save.connect(on_change, weak=False, dispatch_uid="pactmonitor-pages-save")
    post_delete.connect(on_change, weak=False, dispatch_uid="pactmonitor-pages-delete")
    m2m_changed.connect(on_change, weak=False, dispatch_uid="pactmonitor-pages-m2m")
