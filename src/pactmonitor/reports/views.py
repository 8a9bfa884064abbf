"""Downloads of a published round's reports, in HTML, PDF and DOCX."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from pactmonitor.pacts.models import Pact
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.models import Region

from . import services
from .choices import ReportFormat, ReportKind
from .output import render

# Reports change only when a round's updates change; a short lifetime bounds what an edit
# elsewhere (an action's title, a profile) can leave stale.
CACHE_SECONDS = 600


def _published_round(slug: str) -> ReportingRound:
    return get_object_or_404(ReportingRound.objects.published().select_related("pact"), slug=slug)


def _version(round: ReportingRound) -> str:
    state = round.updates.aggregate(n=Count("id"), last=Max("updated_at"))
    return f"{state['n']}-{state['last'].timestamp() if state['last'] else 0}"


def _response(
    round: ReportingRound, kind: str, format: str, region: Region | None, pact: Pact | None = None
) -> HttpResponse:
    if format not in ReportFormat.values:
        raise Http404("onbekend formaat")
    subject = region.key if region else pact.key if pact else ""
    name = f"{kind}-{round.slug}" + (f"-{subject}" if subject else "")
    key = f"reports:{name}:{format}:{_version(round)}"
    data = cache.get(key)
    if data is None:
        data = render(services.build(kind, round, region, pact), format)
        cache.set(key, data, CACHE_SECONDS)
    response = HttpResponse(data, content_type=ReportFormat(format).content_type)
    disposition = "inline" if format == ReportFormat.HTML else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{format}"'
    return response


@require_GET
def bijlage(request: HttpRequest, slug: str, kind: str, format: str) -> HttpResponse:
    if kind not in (ReportKind.BIJLAGE1, ReportKind.BIJLAGE2):
        raise Http404("onbekende rapportage")
    return _response(_published_round(slug), kind, format, None)


@require_GET
def pact(request: HttpRequest, slug: str, key: str, format: str) -> HttpResponse:
    round = _published_round(slug)
    chosen = get_object_or_404(Pact, key=key)
    return _response(round, ReportKind.PACT, format, None, chosen)


@require_GET
def landsdeel(request: HttpRequest, slug: str, key: str, format: str) -> HttpResponse:
    round = _published_round(slug)
    region = get_object_or_404(Region.objects.landsdelen(), key=key)
    return _response(round, ReportKind.LANDSDEEL, format, region)
