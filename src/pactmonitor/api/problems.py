"""Errors as problem details (RFC 9457, ``application/problem+json``), as the API Design Rules ask.

Invalid input is answered once with every invalid parameter listed (``invalidParams``), whatever
was wrong: an unknown key, a value of the wrong type, a key that names nothing, a page past the
end. The texts are Dutch, like the rest of the API's descriptions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from django.http import HttpResponse

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    413: "Verzoek te groot",
    500: "Interne fout",
}


@dataclass(frozen=True)
class InvalidParam:
    name: str
    reason: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "code": self.code, "reason": self.reason}


@dataclass
class ProblemError(Exception):
    """Raised by an operation; the API answers it as a problem document."""

    status: int
    detail: str
    invalid_params: list[InvalidParam] = field(default_factory=list)


def invalid_input(params: list[InvalidParam]) -> ProblemError:
    names = ", ".join(sorted({p.name for p in params}))
    return ProblemError(400, f"Ongeldige parameters: {names}.", params)


def problem_body(
    status: int, detail: str, instance: str = "", invalid_params: Sequence[InvalidParam] = ()
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://developer.overheid.nl/kennisbank/apis/problem-details/{status}",
        "title": TITLES.get(status) or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if invalid_params:
        body["invalidParams"] = [p.as_dict() for p in invalid_params]
    return body


def problem_response(
    status: int, detail: str, instance: str = "", invalid_params: Sequence[InvalidParam] = ()
) -> HttpResponse:
    body = problem_body(status, detail, instance, invalid_params)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_JSON
    )


def from_validation_errors(errors: list[dict[str, Any]]) -> list[InvalidParam]:
    """Ninja's (pydantic's) errors as invalid parameters, named as the client wrote them."""
    params = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("query", "params", "pageSize") or ("path", "key"): the last part is the name.
        name = location[-1] if location else "?"
        params.append(InvalidParam(name, _reason(error), error.get("type", "invalid")))
    return params


def _reason(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in ("int_parsing", "int_type"):
        return "Verwacht een geheel getal."
    if kind == "greater_than_equal":
        return f"Verwacht een waarde van minstens {context.get('ge')}."
    if kind == "less_than_equal":
        return f"Verwacht een waarde van hoogstens {context.get('le')}."
    if kind in ("literal_error", "enum"):
        return f"Kies uit: {context.get('expected', '')}."
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return "Verwacht een datum als JJJJ-MM-DD (ISO 8601)."
    if kind == "string_too_long":
        return f"Hoogstens {context.get('max_length')} tekens."
    if kind == "missing":
        return "Deze parameter is verplicht."
    return str(error.get("msg", "Ongeldige waarde."))
