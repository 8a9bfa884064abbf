"""Sign-in throttling rules for django-axes: whose address counts, and when a client is locked.

Failures are counted per user name and, separately, per address (AXES_LOCKOUT_PARAMETERS);
the two get their own limits, so a few guesses for each of many accounts from one address are
stopped (the address limit) without one person's typos locking out a whole office at once.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def remote_address(request: HttpRequest) -> str | None:
    """The address the connection came from: what a client cannot choose."""
    return request.META.get("REMOTE_ADDR")


def forwarded_address(request: HttpRequest) -> str | None:
    """Behind our own proxy: the address it appended last to X-Forwarded-For (earlier entries
    are whatever the client sent)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.split(",")[-1].strip()
    return last or remote_address(request)


def client_address(request: HttpRequest) -> str | None:
    """The address that counts for throttling, by the rule of AXES_CLIENT_IP_CALLABLE."""
    return get_client_ip_address(request)


def _failures(**match: object) -> int:
    return AccessAttempt.objects.filter(**match).aggregate(n=Sum("failures_since_start"))["n"] or 0


def failure_limit(request: HttpRequest, credentials: dict | None = None) -> int:
    """AXES_FAILURE_LIMIT as a callable: axes locks when the larger of the two counts reaches
    the value returned, so return 1 when either count is over its own limit, else one more
    than the larger count."""
    since = get_cool_off_threshold(request)
    by_user = _failures(username=get_client_username(request, credentials), attempt_time__gte=since)
    by_address = _failures(ip_address=get_client_ip_address(request), attempt_time__gte=since)
    if (
        by_user >= settings.PACTMONITOR_USERNAME_FAILURE_LIMIT
        or by_address >= settings.PACTMONITOR_ADDRESS_FAILURE_LIMIT
    ):
        return 1
    return max(by_user, by_address) + 1
