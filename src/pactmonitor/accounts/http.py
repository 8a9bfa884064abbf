"""The request a signed-in view receives, for the type checker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from .models import User


class SignedInRequest(HttpRequest):
    """A request behind ``login_required``: its user is a signed-in ``User``, never anonymous.

    Only an annotation: views are still passed Django's HttpRequest; the decorator (or the
    middleware) is what makes the narrower type true."""

    user: User
