"""``{% report_downloads round %}``: the download links of a published round's stored reports,
with their sizes, and a line when a newer version is being made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from pactmonitor.downloads.models import Edition
from pactmonitor.downloads.services import reports_product

from .. import storage  # its functions read when called: a test may narrow one production
from ..choices import ReportFormat, ReportKind

if TYPE_CHECKING:
    from pactmonitor.pacts.models import Pact
    from pactmonitor.progress.models import ReportingRound
    from pactmonitor.regions.models import Region

register = template.Library()


def _title(kind: str, region: Region | None, pact: Pact | None) -> str:
    if kind == ReportKind.LANDSDEEL and region is not None:
        return _("Rapportage landsdeel %(name)s") % {"name": region.name}
    if kind == ReportKind.PACT and pact is not None:
        return _("Rapportage %(name)s") % {"name": pact.name}
    return str(ReportKind(kind).label)


def _url(
    round: ReportingRound, kind: str, region: Region | None, pact: Pact | None, format: str
) -> str:
    if kind == ReportKind.LANDSDEEL and region is not None:
        return reverse("reports:landsdeel", args=[round.slug, region.key, format])
    if kind == ReportKind.PACT and pact is not None:
        return reverse("reports:pact", args=[round.slug, pact.key, format])
    return reverse("reports:bijlage", args=[round.slug, kind, format])


@register.inclusion_tag("reports/_downloads.html")
def report_downloads(round: ReportingRound) -> dict:
    product = reports_product(round.slug)
    edition = Edition.objects.current(product) if round.is_published else None
    documents = []
    for stem, kind, region, pact in storage.subjects() if edition is not None else ():
        assert edition is not None
        files = [
            {
                "format": f.value,
                "label": f.label,
                "url": _url(round, kind, region, pact, f.value),
                "size": entry["size"],
            }  # fmt: skip
            for f in ReportFormat
            if (entry := edition.file(storage.file_name(stem, f.value)))
        ]
        if files:
            documents.append({"title": _title(kind, region, pact), "files": files})
    return {
        "round": round,
        "edition": edition,
        "documents": documents,
        "in_the_making": round.is_published and Edition.objects.in_the_making(product),
    }
