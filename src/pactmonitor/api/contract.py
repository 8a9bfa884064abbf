"""The API object: django-ninja with the NLGov API Design Rules applied in one place.

* Errors are problem details (``problems.py``), whatever raised them: invalid parameters (all of
  them at once, an unknown query key included), a row that is not public, an unexpected error.
* The OpenAPI document is ninja's, completed where ninja has no setting: the maintainer's
  contact, the server with the major version, the ``API-Version``/``ETag``/``Last-Modified``
  headers on every 2xx response, and ``application/problem+json`` for every 4xx.
* HEAD, OPTIONS (CORS), other methods, the version header and the page cache are the
  middleware's and the urls' (``middleware.py``, ``urls.py``).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from functools import wraps
from types import MethodType
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.params.models import QueryModel

from .problems import (
    PROBLEM_JSON,
    InvalidParam,
    ProblemError,
    from_validation_errors,
    invalid_input,
    problem_response,
)

logger = logging.getLogger(__name__)

VERSION = "1.1.0"
PREFIX = "/api/v1"

DESCRIPTION = """\
De open data van de Pactmonitor: alles wat gepubliceerd is over de pacten, hun acties en de
voortgang daarvan, de regio's, de indicatoren en de initiatieven. Alleen lezen, zonder sleutel.

Alleen wat de publieke pagina's tonen: gepubliceerde rondes, de actuele versie van elke
statusupdate (met eerder gepubliceerde versies bij een correctie), nooit contactpersonen.

* Lijsten hebben pagina's (`page`, `pageSize` tot 100) met links (`_links`) en een vaste volgorde.
* Filters en sortering staan per lijst beschreven; een onbekende parameter of waarde geeft 400.
* Fouten zijn `application/problem+json` (RFC 9457) met elke ongeldige parameter in `invalidParams`.
* Elk antwoord heeft de kop `API-Version`; lijsten en objecten hebben `ETag` en `Last-Modified`,
  zodat een client met `If-None-Match` of `If-Modified-Since` kan vragen of er iets veranderd is.
* Datums zijn ISO 8601 (`JJJJ-MM-DD`), momenten met tijdzone.
"""

VERSION_HEADER = {
    "description": "De volledige versie van de API (semver).",
    "schema": {"type": "string", "example": VERSION},
}
SUCCESS_HEADERS = {
    "API-Version": {"$ref": "#/components/headers/API-Version"},
    "ETag": {
        "description": "Kenmerk van deze inhoud; vraag met If-None-Match of ze veranderd is.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "Moment van de laatste publieke wijziging (HTTP-datum).",
        "schema": {"type": "string"},
    },
}


class PactmonitorApi(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        document = super().get_openapi_schema(path_prefix="", path_params=path_params)
        # Completed on a copy: ninja's document shares its nested parts with the operations.
        whole = completed(copy.deepcopy(dict(document)))
        document.clear()
        document.update(whole)
        return document


def completed(document: dict[str, Any]) -> dict[str, Any]:
    """What the design rules ask of the document beyond what ninja writes."""
    document["info"]["contact"] = dict(settings.PACTMONITOR_API_CONTACT)
    document["info"]["license"] = {
        "name": "CC0 1.0 (pactgegevens); cijfers onder de licentie van hun bron",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }
    document["servers"] = [{"url": PREFIX, "description": "Deze Pactmonitor"}]
    components = document.setdefault("components", {})
    components.setdefault("headers", {})["API-Version"] = VERSION_HEADER
    for operations in document["paths"].values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                _complete_response(str(status), response)
    return document


RESPONSE_TEXTS = {"200": "Gevonden.", "400": "Ongeldige invoer.", "404": "Niet gevonden."}


def _complete_response(status: str, response: dict[str, Any]) -> None:
    response["description"] = RESPONSE_TEXTS.get(status, response.get("description", ""))
    if status.startswith(("2", "3")):
        response["headers"] = dict(SUCCESS_HEADERS)
    elif status.startswith(("4", "5")):
        response["headers"] = {"API-Version": {"$ref": "#/components/headers/API-Version"}}
        content: dict[str, dict[str, Any]] = response.pop("content", {})
        first: dict[str, Any] = next(iter(content.values()), {})
        schema = first.get("schema", {"type": "object"})
        response["content"] = {PROBLEM_JSON: {"schema": schema}}


def query_names(operation: Operation) -> frozenset[str]:
    """The query parameters an operation declares, as the client writes them."""
    names: set[str] = set()
    for model in operation.models:
        if not issubclass(model, QueryModel):
            continue
        flat = getattr(model, "__ninja_flatten_map__", None)
        if flat:
            names.update(flat)
        else:
            names.update(info.alias or name for name, info in model.model_fields.items())
    return frozenset(names)


def refuse_unknown_parameters(run: MethodType) -> Callable[..., HttpResponseBase]:
    """Before validation: a query key the operation does not declare is invalid input, listed
    together with whatever else is invalid, so a typo ("pagesize") is never silently ignored.
    Applied to each operation's ``run`` (mode "view"), a method of the ``Operation``."""
    operation = run.__self__
    assert isinstance(operation, Operation)
    known = query_names(operation)

    @wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        unknown = sorted(set(request.GET) - known)
        if not unknown:
            return run(request, *args, **kwargs)
        invalid = [
            InvalidParam(name, "Onbekende parameter.", "unknown_parameter") for name in unknown
        ]
        try:  # the same validation ninja runs, only to list its findings too
            operation._get_values(request, kwargs, HttpResponse())
        except NinjaValidationError as error:
            invalid += from_validation_errors(error.errors)
        return _problem(request, invalid_input(invalid))

    return checked


def _problem(request: HttpRequest, error: ProblemError) -> HttpResponse:
    return problem_response(error.status, error.detail, request.path, error.invalid_params)


def build_api() -> PactmonitorApi:
    from .views import router

    api = PactmonitorApi(
        title="Pactmonitor API",
        version=VERSION,
        description=DESCRIPTION,
        urls_namespace="api",
        docs_url=None,
        openapi_url="/openapi.json",
    )
    api.add_decorator(refuse_unknown_parameters, mode="view")
    api.add_router("", router)

    @api.exception_handler(ProblemError)
    def problem(request: HttpRequest, error: ProblemError) -> HttpResponse:
        return _problem(request, error)

    @api.exception_handler(NinjaValidationError)
    def validation(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
        return _problem(request, invalid_input(from_validation_errors(error.errors)))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return problem_response(404, "Dit adres bestaat niet in de API.", request.path)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return problem_response(error.status_code, str(error), request.path)

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
        logger.exception("API error at %s", request.get_full_path())
        return problem_response(500, "Er ging iets mis aan onze kant.", request.path)

    return api
