"""Whole-page cache of the public pages, placed where Django puts its own cache middleware.

How a page is kept and found:

* A view opts in with ``@public_page`` (or ``@public_page(query=("q",))``, naming the GET
  parameters it reads). The view only ever sees those parameters: any other one is removed from
  the request before it renders, so ``?r=<random>`` is the same page and never a new render.
* The key is the scheme, the host (``request.get_host()``, so a disallowed host is refused with
  400 before any lookup), the path, the declared parameters and the language — like Django's
  ``get_cache_key`` (the absolute URL plus the language).
* ``FetchPageCacheMiddleware`` looks a page up in ``process_view``: after every middleware's
  request phase (SecurityMiddleware's HTTPS redirect, host validation in CommonMiddleware, the
  language from LocaleMiddleware). ``UpdatePageCacheMiddleware`` sits first in ``MIDDLEWARE`` so
  it stores the response with the headers the whole stack gave it, as Django's
  ``UpdateCacheMiddleware`` does.
* Every stored page carries a *generation* token. ``public_changed()`` replaces the token once
  the current transaction commits (``transaction.on_commit``), so a rolled-back or uncommitted
  change never empties or poisons the cache, and a page rendered from the old data can never be
  stored under the new token. With a shared cache (``CACHE_URL=redis://…``) every app server
  reads the same token, so a publication on one is seen on all.
* Public pages say so to proxies and browsers: ``Cache-Control: public, max-age=…,
  must-revalidate``, an ``ETag`` (a hash of the body) and ``Last-Modified`` (the moment of the
  last public change), and conditional requests are answered with 304. Everything else gets
  ``Cache-Control: private, no-store`` unless its view said otherwise.
* A cache that cannot be read or written (a full disk, Redis gone) never fails a page: the
  failure is logged and the page is served uncached.

Only GET/HEAD requests of visitors without a session or pending messages are served from or
stored in the cache; the pages hold no per-visitor data, so one copy serves everyone. A small
per-process copy of recent pages makes a hit cost one small shared read: the token.

This module imports no Pactmonitor app, so every app can call ``public_changed()``.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.security import SecurityMiddleware
from django.urls import get_urlconf
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation.trans_real import get_language_from_path

logger = logging.getLogger(__name__)

GENERATION_KEY = "pactmonitor:pages:generation"
PAGE_TIMEOUT = 60 * 60 * 24
LOCAL_PAGES = 500
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage
PRIVATE = "private, no-store"


class Generation(NamedTuple):
    token: str
    since: float  # when the last public change committed: the pages' Last-Modified


class StoredPage(NamedTuple):
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    last_modified: float


# --- The generation token and its invalidation ------------------------------------------------


def current_generation() -> Generation | None:
    """The token of the pages now valid; None when the cache cannot be read (nothing cached)."""
    try:
        value = cache.get(GENERATION_KEY)
        if not isinstance(value, Generation):
            cache.add(GENERATION_KEY, Generation(uuid.uuid4().hex, time.time()), None)
            value = cache.get(GENERATION_KEY)
    except Exception:  # any backend: a full disk, Redis away, a corrupt file
        logger.warning("page cache unreadable; serving pages uncached", exc_info=True)
        return None
    return value if isinstance(value, Generation) else None


def drop_all_pages() -> None:
    """Make every stored page unreachable now (at start-up, or once a change has committed)."""
    try:
        cache.set(GENERATION_KEY, Generation(uuid.uuid4().hex, time.time()), None)
    except Exception:
        logger.error("page cache: cannot replace the generation token", exc_info=True)


def public_changed(using: str | None = None) -> None:
    """Say that something a public page shows has changed: its pages are dropped once the
    current transaction commits (at once outside a transaction), never if it rolls back.

    Call it from any write the signals do not see (``bulk_create``, ``QuerySet.update``, raw
    SQL), e.g. an import of indicator figures. Several calls in one transaction drop once.
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        func is drop_all_pages for _, func, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(drop_all_pages, using=using)


# --- Declaring public pages ---------------------------------------------------------------------


def public_page(
    view: Callable[..., HttpResponse] | None = None, *, query: Iterable[str] = ()
) -> Any:
    """Mark a view as a public page: cacheable for anonymous visitors, keyed by the GET
    parameters named in ``query`` (the view sees no others).

        @public_page
        def dashboard(request): ...

        @public_page(query=("q",))
        def search(request): ...
    """

    def mark(function: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        function.public_page_query = tuple(sorted(set(query)))  # type: ignore[attr-defined]
        return function

    return mark(view) if view is not None else mark


def declared_query(view: Callable[..., Any]) -> tuple[str, ...] | None:
    """The GET parameters a public page reads, or None if the view is not a public page."""
    return getattr(view, "public_page_query", None)


# --- Keys -----------------------------------------------------------------------------------------


def cacheable_request(request: HttpRequest) -> bool:
    """GET/HEAD without a session or pending messages: nothing personal can be on the page."""
    personal = (settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE)
    return request.method in ("GET", "HEAD") and not any(c in request.COOKIES for c in personal)


def canonical_query(request: HttpRequest, declared: tuple[str, ...]) -> str:
    pairs = [(name, value) for name in declared for value in request.GET.getlist(name)]
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query.urlencode()


def request_language(request: HttpRequest) -> str:
    """The language LocaleMiddleware activates for this request (for the fast path, which runs
    before it). With ``prefix_default_language=False``: the path's prefix, else the default."""
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    urlconf = getattr(request, "urlconf", get_urlconf() or settings.ROOT_URLCONF)
    i18n_patterns_used, prefixed_default = is_language_prefix_patterns_used(urlconf)
    from_path = get_language_from_path(request.path_info)
    if from_path:
        return from_path
    if i18n_patterns_used and not prefixed_default:
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request)


def _digest(data: str | bytes) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def site(request: HttpRequest) -> str:
    """Scheme and host of the request; ``get_host`` refuses a disallowed host (400)."""
    return f"{request.scheme}://{request.get_host()}"


def page_key(token: str, site: str, path: str, language: str, query: str) -> str:
    """Scheme, host, path, declared query and language, like Django's ``get_cache_key``."""
    return f"pactmonitor:page:{token}:{_digest(f'{site}{path}?{query}#{language}')}"


def declaration_key(token: str, site: str, path: str) -> str:
    """Where the fast path finds which parameters the page at this address declares."""
    return f"pactmonitor:page-query:{token}:{_digest(site + path)}"


# --- Storage: the shared cache behind a small per-process copy ----------------------------------

_local: OrderedDict[str, Any] = OrderedDict()
_local_lock = threading.Lock()


def _read(key: str) -> Any:
    found = _local.get(key)
    if found is not None:
        return found
    try:
        found = cache.get(key)
    except Exception:
        logger.warning("page cache: cannot read %s", key, exc_info=True)
        return None
    if found is not None:
        _remember(key, found)
    return found


def _write(key: str, value: Any) -> None:
    """Store a page; a full disk or an unreachable cache is logged, never raised."""
    _remember(key, value)
    try:
        cache.set(key, value, PAGE_TIMEOUT)
    except Exception:  # OSError(ENOSPC) from the file cache, redis errors from Redis
        logger.error("page cache: cannot store %s; the page is served uncached", key, exc_info=True)


def _remember(key: str, value: Any) -> None:
    with _local_lock:
        _local[key] = value
        _local.move_to_end(key)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)


def forget_local_copies() -> None:
    """Empty this process's copy (tests; the shared cache is the truth)."""
    with _local_lock:
        _local.clear()


# --- Responses ------------------------------------------------------------------------------------


def max_age() -> int:
    return getattr(settings, "PACTMONITOR_PAGE_MAX_AGE", 60)


def public_headers(response: HttpResponse, generation: Generation) -> None:
    """What lets a proxy or CDN hold the page and revalidate it cheaply."""
    response["Cache-Control"] = f"public, max-age={max_age()}, must-revalidate"
    response["ETag"] = f'"{_digest(response.content)}"'
    response["Last-Modified"] = http_date(int(generation.since))


def stored_copy(response: HttpResponse, generation: Generation) -> StoredPage:
    headers = [
        (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-page-cache")
    ]
    return StoredPage(
        response.status_code, headers, response.content, response["ETag"], generation.since
    )


def replay(request: HttpRequest, stored: StoredPage) -> HttpResponse:
    """The stored page, or 304 when the visitor's copy is still the current one."""
    response = HttpResponse(stored.body, status=stored.status)
    for name, value in stored.headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    response.pactmonitor_from_cache = True  # type: ignore[attr-defined]
    # With a response given, Django answers with it or with a 304, never with None.
    return (
        get_conditional_response(
            request, etag=stored.etag, last_modified=int(stored.last_modified), response=response
        )
        or response
    )


class PendingPage(NamedTuple):
    key: str
    declaration_key: str
    declared: tuple[str, ...]
    generation: Generation


def _only_declared(request: HttpRequest, declared: tuple[str, ...], query: str) -> None:
    """The view renders from the declared parameters only, so the page is the same for every
    request the key maps to (links built from the query included)."""
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query


# --- Middleware -----------------------------------------------------------------------------------


class FetchPageCacheMiddleware:
    """Answers a public page from the cache, once the security checks and the language are done.

    Place it after SecurityMiddleware, LocaleMiddleware and CommonMiddleware (anywhere: the
    lookup runs in ``process_view``, after every middleware's request phase)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        declared = declared_query(view)
        if declared is None or not cacheable_request(request):
            return None
        generation = current_generation()
        if generation is None:
            return None
        query, address = canonical_query(request, declared), site(request)
        language = translation.get_language()
        key = page_key(generation.token, address, request.path, language, query)
        _only_declared(request, declared, query)
        stored = _read(key)
        if isinstance(stored, StoredPage):
            return replay(request, stored)
        request.pactmonitor_pending_page = PendingPage(  # type: ignore[attr-defined]
            key, declaration_key(generation.token, address, request.path), declared, generation
        )
        return None


class UpdatePageCacheMiddleware:
    """Stores a freshly rendered public page with the headers the whole stack gave it, and
    marks every other response private. First in ``MIDDLEWARE``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(response, "pactmonitor_from_cache", False):
            return response
        pending: PendingPage | None = getattr(request, "pactmonitor_pending_page", None)
        if pending is None or not self._storable(request, response):
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = PRIVATE
            return response
        public_headers(response, pending.generation)
        if request.method == "GET":  # a HEAD response is public too, but has no page to keep
            _write(pending.key, stored_copy(response, pending.generation))
            _write(pending.declaration_key, pending.declared)
        response["X-Page-Cache"] = "miss"
        return (
            get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=int(pending.generation.since),
                response=response,
            )
            or response  # never None when given a response (see replay)
        )

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )


# --- The fast path in front of Django -------------------------------------------------------------


class CachedPagesWSGI:
    """The same cache, read in front of Django (``pactmonitor serve``): a stored page is answered
    without entering the middleware stack, after the same checks — a disallowed host, a request
    SecurityMiddleware would redirect (HTTPS), a session or a non-GET goes to Django unchanged,
    which answers it as it would any request."""

    def __init__(self, application: Callable) -> None:
        self.application = application
        self.security = SecurityMiddleware(lambda request: HttpResponse())

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        response = self.answer(environ)
        if response is None:
            return self.application(environ, start_response)
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, list(response.items()))
        if environ["REQUEST_METHOD"] == "HEAD" or response.status_code == 304:
            return [b""]
        return [response.content]

    def answer(self, environ: dict) -> HttpResponse | None:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        request = WSGIRequest(environ)
        address = self._checked_site(request) if cacheable_request(request) else None
        generation = current_generation() if address else None
        if address is None or generation is None:
            return None
        declared = _read(declaration_key(generation.token, address, request.path))
        if not isinstance(declared, tuple):
            return None
        query, language = canonical_query(request, declared), request_language(request)
        stored = _read(page_key(generation.token, address, request.path, language, query))
        return replay(request, stored) if isinstance(stored, StoredPage) else None

    def _checked_site(self, request: HttpRequest) -> str | None:
        """Scheme and host, if Django would serve this request rather than refuse (a
        disallowed host: 400) or redirect it (SecurityMiddleware's HTTPS rule)."""
        try:
            address = site(request)
        except DisallowedHost:
            return None
        return address if self.security.process_request(request) is None else None
