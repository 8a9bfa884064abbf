"""Downloads of a published round's reports, in HTML, PDF and DOCX.

A report is made once and then served from the page cache (``core.pagecache``) until a public
change: a report takes about a second to make, a cached one a millisecond. The views read no
query parameters, so ``?r=<random>`` is the same cached document, never a new render.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from pactmonitor.core.pagecache import public_page
from pactmonitor.pacts.models import Pact
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.models import Region

from . import services
from .choices import ReportFormat, ReportKind
from .output import render


def _published_round(slug: str) -> ReportingRound:
    return get_object_or_404(ReportingRound.objects.published().select_related("pact"), slug=slug)


def _response(
    round: ReportingRound, kind: str, format: str, region: Region | None, pact: Pact | None = None
) -> HttpResponse:
    if format not in ReportFormat.values:
        raise Http404("onbekend formaat")
    subject = region.key if region else pact.key if pact else ""
    name = f"{kind}-{round.slug}" + (f"-{subject}" if subject else "")
    data = render(services.build(kind, round, region, pact), format)
    response = HttpResponse(data, content_type=ReportFormat(format).content_type)
    disposition = "inline" if format == ReportFormat.HTML else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{format}"'
    return response


@require_GET
@public_page
def bijlage(request: HttpRequest, slug: str, kind: str, format: str) -> HttpResponse:
    if kind not in (ReportKind.BIJLAGE1, ReportKind.BIJLAGE2):
        raise Http404("onbekende rapportage")
    return _response(_published_round(slug), kind, format, None)


@require_GET
@public_page
def pact(request: HttpRequest, slug: str, key: str, format: str) -> HttpResponse:
    round = _published_round(slug)
    chosen = get_object_or_404(Pact, key=key)
    return _response(round, ReportKind.PACT, format, None, chosen)


@require_GET
@public_page
def landsdeel(request: HttpRequest, slug: str, key: str, format: str) -> HttpResponse:
    round = _published_round(slug)
    region = get_object_or_404(Region.objects.landsdelen(), key=key)
    return _response(round, ReportKind.LANDSDEEL, format, region)
