"""``{% concept_reports round %}``: links to the concept of an open round's reports, for the
coordinators, each only where the preview would let the user in (``preview.may_preview``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from pactmonitor.progress.choices import RoundState

from ..choices import ReportKind
from ..preview import previewable

if TYPE_CHECKING:
    from pactmonitor.progress.models import ReportingRound
    from pactmonitor.regions.models import Region

register = template.Library()


def _link(round: ReportingRound, kind: str, region: Region | None) -> dict[str, str]:
    if region is not None:
        title = _("Rapportage landsdeel %(name)s") % {"name": region.name}
        address = reverse("reports:concept_landsdeel", args=[round.slug, region.key, "html"])
        pdf = reverse("reports:concept_landsdeel", args=[round.slug, region.key, "pdf"])
    else:
        title = str(ReportKind(kind).label)
        address = reverse("reports:concept", args=[round.slug, kind, "html"])
        pdf = reverse("reports:concept", args=[round.slug, kind, "pdf"])
    return {"title": title, "html": address, "pdf": pdf}


@register.inclusion_tag("reports/_concept_links.html", takes_context=True)
def concept_reports(context: template.Context, round: ReportingRound) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or round.state != RoundState.OPEN:
        return {"links": []}
    return {"links": [_link(round, kind, region) for kind, region in previewable(user)]}
