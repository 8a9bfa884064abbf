"""Serving an edition's files: straight from storage, with headers a proxy can hold."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from pactmonitor.core.pagecache import max_age

from .models import Edition
from .storage import storage

RETRY_AFTER_SECONDS = 30


def stored_file(
    request: HttpRequest, product: str, name: str, *, download_as: str, inline: bool = False
) -> HttpResponse:
    """The file ``name`` of the current edition of ``product``; while none is ready, a page
    saying the document is being made (503, so nobody keeps it). Never renders anything."""
    edition = Edition.objects.current(product)
    entry = edition.file(name) if edition else None
    if entry is None:
        return not_ready(request, product)
    etag = f'"{edition.folder}-{entry["size"]}"'
    last_modified = int(edition.finished_at.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        return conditional
    response = FileResponse(
        storage().open(edition.path(name), "rb"),
        content_type=entry["content_type"],
        as_attachment=not inline,
        filename=download_as,
    )
    if inline:
        response["Content-Disposition"] = f'inline; filename="{download_as}"'
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
