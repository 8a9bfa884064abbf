"""Downloads of a published round's reports, in HTML, PDF and DOCX, and the concept preview.

A published round's documents are stored files, made once per publication or correction by the
background job (``reports.storage``); these views only hand them out and never render, so no
visitor and no query string can make a PDF. The concept preview of an open round is rendered
per request, for the coordinators (``preview.py`` says who sees which), a few times per window.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core import ratelimit
from pactmonitor.core.pagecache import public_page
from pactmonitor.core.permissions import get_for_user
from pactmonitor.downloads.responses import stored_file
from pactmonitor.downloads.services import reports_product
from pactmonitor.pacts.models import Pact
from pactmonitor.progress.choices import RoundState
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.models import Region

from . import services
from .choices import ReportFormat, ReportKind
from .output import render as render_report
from .preview import may_preview, take_preview_turn
from .storage import file_name

BIJLAGEN = (ReportKind.BIJLAGE1, ReportKind.BIJLAGE2)


def _published_round(slug: str) -> ReportingRound:
    return get_object_or_404(ReportingRound.objects.published().select_related("pact"), slug=slug)


def _checked_format(format: str) -> ReportFormat:
    if format not in ReportFormat.values:
        raise Http404("onbekend formaat")
    return ReportFormat(format)


def _download_name(kind: str, round: ReportingRound, subject: str, format: str) -> str:
    return f"{kind}-{round.slug}" + (f"-{subject}" if subject else "") + f".{format}"


def _stored(
    request: HttpRequest, round: ReportingRound, kind: str, stem: str, subject: str, format: str
) -> HttpResponseBase:
    chosen = _checked_format(format)
    return stored_file(
        request,
        reports_product(round.slug),
        file_name(stem, chosen.value),
        download_as=_download_name(kind, round, subject, chosen.value),
        inline=chosen == ReportFormat.HTML,
    )


@require_GET
@public_page
def bijlage(request: HttpRequest, slug: str, kind: str, format: str) -> HttpResponseBase:
    if kind not in BIJLAGEN:
        raise Http404("onbekende rapportage")
    return _stored(request, _published_round(slug), kind, kind, "", format)


@require_GET
@public_page
def pact(request: HttpRequest, slug: str, key: str, format: str) -> HttpResponseBase:
    round = _published_round(slug)
    chosen = get_object_or_404(Pact, key=key)
    return _stored(request, round, ReportKind.PACT, f"pacten/{chosen.key}", chosen.key, format)


@require_GET
@public_page
def landsdeel(request: HttpRequest, slug: str, key: str, format: str) -> HttpResponseBase:
    round = _published_round(slug)
    region = get_object_or_404(Region.objects.landsdelen(), key=key)
    return _stored(
        request, round, ReportKind.LANDSDEEL, f"landsdelen/{region.key}", region.key, format
    )


def _open_round_to_preview(request: SignedInRequest, slug: str) -> ReportingRound:
    """The round, for a coordinator (403 for anyone else: the round's "oversee"), if open."""
    rounds = ReportingRound.objects.select_related("pact")
    round = get_for_user(request.user, rounds, "oversee", slug=slug)
    if round.state != RoundState.OPEN:
        raise Http404("geen concept van deze ronde")
    return round


def _concept(
    request: SignedInRequest,
    round: ReportingRound,
    kind: str,
    format: str,
    region: Region | None = None,
) -> HttpResponse:
    """Rendered per request, never stored: not a public page (the page cache leaves it alone)
    and not an edition of the downloads; the answer says so to every cache on the way."""
    if not may_preview(request.user, kind, region):
        raise PermissionDenied
    chosen = _checked_format(format)
    wait = take_preview_turn(request.user.pk)
    if wait is not None:
        response = render(
            request,
            "reports/preview_limited.html",
            {"minutes": ratelimit.minutes(wait)},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    report = services.build(kind, round, region=region, preview=True)
    response = HttpResponse(render_report(report, chosen.value), content_type=chosen.content_type)
    disposition = "inline" if chosen == ReportFormat.HTML else "attachment"
    subject = region.key if region else ""
    name = f"concept-{_download_name(kind, round, subject, chosen.value)}"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def concept(request: SignedInRequest, slug: str, kind: str, format: str) -> HttpResponse:
    """Bijlage 1 or 2 of an open round as it stands now, drafts included, marked concept."""
    round = _open_round_to_preview(request, slug)
    if kind not in BIJLAGEN:
        raise Http404("onbekende rapportage")
    return _concept(request, round, kind, format)


@require_GET
@login_required
def concept_landsdeel(request: SignedInRequest, slug: str, key: str, format: str) -> HttpResponse:
    """A landsdeel's report of an open round as it stands now, drafts included."""
    round = _open_round_to_preview(request, slug)
    region = get_object_or_404(Region.objects.landsdelen(), key=key)
    return _concept(request, round, ReportKind.LANDSDEEL, format, region)
