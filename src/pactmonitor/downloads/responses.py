"""Serving an edition's files: straight from storage, with headers a proxy can hold."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from pactmonitor.core.pagecache import max_age

from .models import Edition
from .storage import storage

RETRY_AFTER_SECONDS = 30
PAGE_CACHED_MAX = 4 * 1024 * 1024


def stored_file(
    request: HttpRequest, product: str, name: str, *, download_as: str, inline: bool = False
) -> HttpResponseBase:
    """The file ``name`` of the current edition of ``product``; while none is ready, a page
    saying the document is being made (503, so nobody keeps it). Never renders anything."""
    edition = Edition.objects.current(product)
    entry = edition.file(name) if edition else None
    if edition is None or entry is None or edition.finished_at is None:
        return not_ready(request, product)
    etag = f'"{edition.folder}-{entry["size"]}"'
    last_modified = int(edition.finished_at.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        return conditional
    handle = storage().open(edition.path(name), "rb")
    response: HttpResponse | FileResponse
    if entry["size"] <= PAGE_CACHED_MAX:
        # Small enough for the page cache (a report): the next visitor gets it from there,
        # in front of Django, like any public page.
        with handle:
            response = HttpResponse(handle.read(), content_type=entry["content_type"])
    else:  # a large dump streams from storage
        response = FileResponse(handle, content_type=entry["content_type"])
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{download_as}"'
    response["Content-Length"] = str(entry["size"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={max_age()}, must-revalidate"
    return response


def not_ready(request: HttpRequest, product: str) -> HttpResponse:
    response = render(
        request,
        "downloads/not_ready.html",
        {"in_the_making": Edition.objects.in_the_making(product)},
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
