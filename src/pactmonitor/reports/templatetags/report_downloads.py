"""``{% report_downloads round %}``: the download links of a published round's reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from pactmonitor.pacts.choices import PactLevel
from pactmonitor.pacts.models import Pact
from pactmonitor.regions.models import Region

from ..choices import ReportFormat

if TYPE_CHECKING:
    from pactmonitor.progress.models import ReportingRound

register = template.Library()


@register.inclusion_tag("reports/_downloads.html")
def report_downloads(round: ReportingRound) -> dict:
    return {
        "round": round,
        "formats": [(f.value, f.label) for f in ReportFormat],
        "landsdelen": list(Region.objects.landsdelen().order_by("name")),
        "pacts": list(Pact.objects.exclude(level=PactLevel.NATIONAL).order_by("name")),
    }
