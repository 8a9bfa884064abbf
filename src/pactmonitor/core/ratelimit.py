"""A fixed-window request counter over the shared cache, for the few writes that cost others.

Used by the concept report preview (a PDF costs a worker about a second) and the password
reset (each request may send an e-mail). Twenty lines over Django's cache API, which every
app server shares when CACHE_URL is set; a library (django-ratelimit) would add a dependency
for two call sites that need exactly this.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def _key(scope: str, who: str, window: int) -> str:
    # Hashed: the key may hold an e-mail address, which should not sit in the cache readable.
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"pactmonitor:ratelimit:{scope}:{digest}:{int(time.time() // window)}"


def take_turn(scope: str, who: str, *, limit: int, window: int) -> int | None:
    """Count one request of ``who`` in ``scope``; None while within ``limit`` requests per
    ``window`` seconds, else the seconds until the next window begins."""
    key = _key(scope, who, window)
    try:
        cache.add(key, 0, window)
        used = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, window)
        used = 1
    if used <= limit:
        return None
    return int(window - time.time() % window) + 1


def minutes(seconds: int) -> int:
    """Whole minutes, rounded up, for a message such as "over 3 minuten"."""
    return max(1, -(-seconds // 60))
