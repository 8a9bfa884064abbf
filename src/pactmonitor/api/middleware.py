"""What every API response carries, an error, a redirect and a cached page included.

Placed right after the page cache's ``UpdatePageCacheMiddleware`` (settings), so the headers it
sets are stored with a cached API page and replayed by the fast path in front of Django, and so
the host and HTTPS rules (SecurityMiddleware, CommonMiddleware) run for API requests as for
pages. For ``/api/``:

* ``API-Version`` on every response; CORS open for reading (any origin, no credentials).
* HEAD is answered as GET (the server sends no body); OPTIONS answers a CORS preflight with 204
  once the host and HTTPS checks have passed (in ``process_view``).
* Any error that is not a problem document yet (405 for another method, 404 of an unknown
  address, 413, a refused host) becomes one, keeping its status and its ``Allow`` header.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from .contract import PREFIX, VERSION
from .problems import PROBLEM_JSON, problem_body

READ_METHODS = "GET, HEAD, OPTIONS"
EXPOSED = "API-Version, ETag, Last-Modified, Link"


def is_api(request: HttpRequest) -> bool:
    return request.path == PREFIX or request.path.startswith(PREFIX + "/")


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api(request):
            return self.get_response(request)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if head:  # the outer layers (the page cache, the server) see the HEAD again
            request.method = "HEAD"
        return self.decorated(request, response)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.method == "OPTIONS" and is_api(request):
            response = HttpResponse(status=204)
            del response["Content-Type"]
            response["Allow"] = READ_METHODS
            response["Access-Control-Allow-Methods"] = READ_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return response
        return None

    @staticmethod
    def decorated(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            PROBLEM_JSON
        ):
            response = as_problem(request, response)
        response["API-Version"] = VERSION
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED
        return response


def as_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    status = response.status_code
    detail = {
        404: "Dit adres bestaat niet in de API.",
        405: f"De API kan alleen gelezen worden ({READ_METHODS}).",
    }.get(status, "Dit verzoek kan niet worden uitgevoerd.")
    problem = HttpResponse(
        json.dumps(problem_body(status, detail, request.path), ensure_ascii=False),
        status=status,
        content_type=PROBLEM_JSON,
    )
    if status == 405:
        problem["Allow"] = READ_METHODS
    for name in ("Cache-Control", "Content-Security-Policy", "X-Frame-Options"):
        if response.has_header(name):
            problem[name] = response[name]
    return problem
