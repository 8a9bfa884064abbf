"""The concept preview of an open round's reports, for the coordinators.

Who previews what: the national coordinator (and the administrator) every report of the round;
a landsdeel coordinator the report of their own landsdeel, whose drafts are theirs to see (not
Bijlage 1 or 2, which hold the drafts of others). The round itself is checked by the round's
policy ("oversee": coordinators only), so an owner or a visitor never gets this far.

The only place a report is rendered during a request, so it is limited per user: a PDF costs
about a second of a worker, and a few previews per minute are all a coordinator needs.
"""

from __future__ import annotations

from pactmonitor.accounts.models import User
from pactmonitor.core.ratelimit import take_turn
from pactmonitor.regions.models import Region

from .choices import ReportKind

PREVIEWS_PER_WINDOW = 6
WINDOW_SECONDS = 10 * 60


def take_preview_turn(user_id: int) -> int | None:
    """Count a preview for the user; None if allowed, else the seconds until the next window."""
    return take_turn(
        "report-preview", str(user_id), limit=PREVIEWS_PER_WINDOW, window=WINDOW_SECONDS
    )


def may_preview(user: User, kind: str, region: Region | None = None) -> bool:
    """Whether ``user`` may see the concept of report ``kind`` (for ``region``)."""
    if user.is_national or user.is_administrator:
        return True
    return kind == ReportKind.LANDSDEEL and region is not None and region.pk in user.landsdeel_ids()


def previewable(user: User) -> list[tuple[str, Region | None]]:
    """The reports the user may preview, as (kind, landsdeel) in the order a page lists them."""
    landsdelen = list(Region.objects.landsdelen().order_by("name"))
    documents: list[tuple[str, Region | None]] = [
        (ReportKind.BIJLAGE1, None),
        (ReportKind.BIJLAGE2, None),
        *((ReportKind.LANDSDEEL, region) for region in landsdelen),
    ]
    return [(kind, region) for kind, region in documents if may_preview(user, kind, region)]
