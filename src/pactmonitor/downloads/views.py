"""The open-data page and its files; the files come from storage (``exchange.downloads`` makes
them after each publication), so nothing here builds a dump."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pactmonitor.core.pagecache import public_page

from .models import Edition
from .responses import stored_file
from .services import OPEN_DATA
from .storage import storage

OVERVIEW = "overzicht.json"
INLINE = (".json", ".jsonld")


@require_GET
@public_page
def open_data_file(request: HttpRequest, name: str) -> HttpResponseBase:
    if ".." in name.split("/"):
        raise Http404("onbekend bestand")
    edition = Edition.objects.current(OPEN_DATA)
    if edition is not None and edition.file(name) is None:
        raise Http404("onbekend bestand")
    return stored_file(
        request, OPEN_DATA, name, download_as=name.rsplit("/", 1)[-1], inline=name.endswith(INLINE)
    )


@require_GET
@public_page
def open_data(request: HttpRequest) -> HttpResponse:
    """Every download with its licence, size and date, grouped as the overview lists them."""
    edition = Edition.objects.current(OPEN_DATA)
    files = []
    if edition is not None:
        with storage().open(edition.path(OVERVIEW), "rb") as handle:
            overview = json.load(handle)
        for entry in overview:
            stored = edition.file(entry["name"])
            if stored is not None:
                files.append(entry | {"size": stored["size"]})
    context = {
        "edition": edition,
        "in_the_making": Edition.objects.in_the_making(OPEN_DATA),
        "whole": [f for f in files if f["kind"] == "alles"],
        "rounds": [f for f in files if f["kind"] == "ronde"],
        "tables": _tables_with_metadata(files),
        "catalogue": edition is not None and edition.file("catalogus.jsonld") is not None,
    }
    return render(request, "downloads/open_data.html", context)


def _tables_with_metadata(files: list[dict]) -> list[dict]:
    metadata = {f["name"]: f for f in files if f["kind"] == "metadata"}
    return [
        f | {"metadata": metadata.get(f"{f['name']}-metadata.json")}
        for f in files
        if f["kind"] == "tabel"
    ]
