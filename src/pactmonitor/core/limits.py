"""Request bodies limited per route and refused before Django reads them.

Django reads a body only when something asks for it: the CSRF check of a POST does, and it
spools a large upload to a temporary file first, so without this a 300 MB anonymous POST is
written to /tmp before it is refused. ``RequestBodyLimitMiddleware`` sits before any such
reader and answers 413 from the declared ``Content-Length`` alone, without reading a byte.

Every route accepts ``REQUEST_BODY_MAX_BYTES`` (settings, 1 MB). A view that takes uploads
declares its own limit with ``@body_limit(...)``; the larger limit holds for signed-in users
only, so an anonymous client never gets past the small one. A body without a
``Content-Length`` (chunked) is never read by Django's WSGI request (it reads at most the
declared length, which is then 0), so it is cut off before it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

View = TypeVar("View", bound=Callable[..., HttpResponse])
MB = 1024 * 1024


def body_limit(max_bytes: int) -> Callable[[View], View]:
    """Let signed-in users send this view a body of up to ``max_bytes`` (e.g. an upload)."""

    def declare(view: View) -> View:
        view.body_limit = max_bytes  # type: ignore[attr-defined]
        return view

    return declare


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # Django reads no body it cannot measure


def route_limit(request: HttpRequest) -> int:
    """The largest body this request may carry: the route's own limit, or the default."""
    default = settings.REQUEST_BODY_MAX_BYTES
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return default
    declared = getattr(view, "body_limit", None)
    if declared is None or not request.user.is_authenticated:
        return default
    return max(declared, default)


def too_large(limit: int) -> HttpResponse:
    size = f"{limit / MB:.0f} MB" if limit >= MB else f"{limit // 1024} kB"
    return HttpResponse(
        _("Het verzoek is te groot: hier mag hoogstens %(size)s worden verstuurd.")
        % {"size": size},
        status=413,
        content_type="text/plain; charset=utf-8",
    )


class RequestBodyLimitMiddleware:
    """413 for a body over its route's limit, before the CSRF check or a view reads it.

    Placed after AuthenticationMiddleware (it asks whether the user is signed in) and before
    anything that reads ``request.POST``; CSRF reads it only in its ``process_view``, which
    runs after every middleware's ``__call__``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        if length > settings.REQUEST_BODY_MAX_BYTES:
            limit = route_limit(request)
            if length > limit:
                return too_large(limit)
        return self.get_response(request)
