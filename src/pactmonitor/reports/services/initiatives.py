"""The initiatives in the regions of a report."""

from __future__ import annotations

from pactmonitor.initiatives.models import Initiative

from ..documents import InitiativeRow
from ..formatting import plain


def initiative_rows(region_ids: set[int]) -> list[InitiativeRow]:
    found = (
        Initiative.objects.public()
        .filter(regions__id__in=region_ids)
        .distinct()
        .prefetch_related("regions", "action_lines")
        .order_by("name", "key")
    )
    return [
        InitiativeRow(
            name=i.name,
            kind=str(i.get_kind_display()),
            regions=", ".join(sorted(r.name for r in i.regions.all())),
            action_lines=", ".join(sorted({line.name for line in i.action_lines.all()})),
            description=plain(i.description),
            url=i.url,
        )
        for i in found
    ]
