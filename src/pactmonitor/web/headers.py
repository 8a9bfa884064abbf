"""The security header Django has no setting for (the others: SECURE_*, X_FRAME_OPTIONS and
django-csp's CONTENT_SECURITY_POLICY in settings)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class PermissionsPolicyMiddleware:
    """Switches off the browser features no page uses (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# The reports' HTML documents carry their stylesheet inline (the same file goes to the PDF
# printer, and a document saved from the browser must keep its look). They hold no script;
# only their style rules are let in, and only for these addresses.
DOCUMENT_PREFIXES = ("/rapportages/",)


class DocumentStylesMiddleware:
    """Lets the inline stylesheet of a report document through the Content-Security-Policy
    (style-src 'unsafe-inline' for /rapportages/ HTML only; script-src stays 'self')."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(DOCUMENT_PREFIXES) and response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            # django-csp reads this per-response override; HttpResponse does not declare it.
            response._csp_update = {"style-src": ["'unsafe-inline'"]}  # type: ignore[attr-defined]
        return response
