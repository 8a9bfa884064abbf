"""The concept preview of an open round's reports, for the coordinators who publish it.

The only place a report is rendered during a request, so it is limited per user: a PDF costs
about a second of a worker, and a few previews per minute are all a coordinator needs.
"""

from __future__ import annotations

from pactmonitor.core.ratelimit import take_turn

PREVIEWS_PER_WINDOW = 6
WINDOW_SECONDS = 10 * 60


def take_preview_turn(user_id: int) -> int | None:
    """Count a preview for the user; None if allowed, else the seconds until the next window."""
    return take_turn(
        "report-preview", str(user_id), limit=PREVIEWS_PER_WINDOW, window=WINDOW_SECONDS
    )
