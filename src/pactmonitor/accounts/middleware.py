"""Nothing but the second step for a signed-in user who still owes a second factor."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import second_factor

# What an unverified user may reach: the second step itself, signing out, and static files.
OPEN_URL_NAMES = ["accounts:second_factor", "accounts:second_factor_setup", "accounts:logout"]


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a user who must verify (see ``second_factor``) and has
    not is sent to the second step — to set up an app first if they have none — on every
    request, the work pages and the admin included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not second_factor.must_verify(user) or user.is_verified():
            return self.get_response(request)
        if request.path in {reverse(name) for name in OPEN_URL_NAMES} or request.path.startswith(
            settings.STATIC_URL
        ):
            return self.get_response(request)
        step = (
            "accounts:second_factor"
            if second_factor.has_second_factor(user)
            else "accounts:second_factor_setup"
        )
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
