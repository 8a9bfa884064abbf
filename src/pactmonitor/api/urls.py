"""``/api/v1``: ninja's operations and its OpenAPI document, each a public page for the page
cache, and a problem document for every other address under the prefix."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, re_path

from pactmonitor.core.pagecache import ANY_QUERY, public_page

from .contract import build_api
from .problems import problem_response

api = build_api()


def cached(pattern: URLPattern) -> URLPattern:
    # The operations refuse any query key they do not declare, so the page cache may key on the
    # whole query (only a 200 is stored); the document reads no parameter at all.
    query = () if pattern.name == "openapi-json" else ANY_QUERY
    public_page(pattern.callback, query=query)
    return pattern


def unknown_address(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(404, "Dit adres bestaat niet in de API.", request.path)


patterns, _, _ = api.urls
urlpatterns = [
    *[cached(p) for p in patterns if isinstance(p, URLPattern) and p.name != "api-root"],
    re_path(r"^(?P<rest>.*)$", unknown_address),
]
