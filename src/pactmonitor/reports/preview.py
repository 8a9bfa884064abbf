"""The concept preview of an open round's reports, for the coordinators who publish it.

The only place a report is rendered during a request, so it is limited per user: a PDF costs
about a second of a worker, and a few previews per minute are all a coordinator needs.
"""

from __future__ import annotations

import time

from django.core.cache import cache

PREVIEWS_PER_WINDOW = 6
WINDOW_SECONDS = 10 * 60


def _key(user_id: int) -> str:
    window = int(time.time() // WINDOW_SECONDS)
    return f"pactmonitor:report-preview:{user_id}:{window}"


def take_preview_turn(user_id: int) -> int | None:
    """Count a preview for the user; None if allowed, else the seconds until the next window."""
    key = _key(user_id)
    try:
        cache.add(key, 0, WINDOW_SECONDS)
        used = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, WINDOW_SECONDS)
        used = 1
    if used <= PREVIEWS_PER_WINDOW:
        return None
    return int(WINDOW_SECONDS - time.time() % WINDOW_SECONDS) + 1
