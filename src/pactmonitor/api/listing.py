"""Lists: filtering, sorting and pagination with a stable order and links, shared by every list.

A list operation declares its parameters as a ``ListParams`` subclass (camelCase aliases are
the names on the wire) and its filters as ``Filter`` rows; ``page_of`` checks every filter value
at once (a key that names nothing is invalid input, not an empty list), orders by the chosen
sort plus the primary key (so a row never moves between pages), and cuts one page with
``LIMIT/OFFSET``: a page costs one COUNT and one bounded SELECT however large the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, QueryDict
from ninja import Field, Schema

from .problems import InvalidParam, ProblemError, invalid_input

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class ListParams(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Paginanummer, vanaf 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        alias="pageSize",
        description=f"Aantal resultaten per pagina (hoogstens {MAX_PAGE_SIZE}).",
    )


@dataclass(frozen=True)
class Filter:
    """One filter: the query parameter, how its value narrows the rows (an ORM lookup, or a
    function for a rule such as "in this region"), and the rows a value must name (``known``;
    None for a closed list such as a status, which the parameter's type already checks)."""

    param: str
    lookup: str = ""
    known: Callable[[], QuerySet] | None = None
    field: str = "key"
    narrow: Callable[[QuerySet, Any], QuerySet] | None = None

    def check(self, value: Any) -> InvalidParam | None:
        if self.known is None or self.known().filter(**{self.field: value}).exists():
            return None
        return InvalidParam(self.param, f"Onbekende waarde: {value!r}.", "unknown")

    def apply(self, queryset: QuerySet, value: Any) -> QuerySet:
        if self.narrow is not None:
            return self.narrow(queryset, value)
        return queryset.filter(**{self.lookup: value})


def filtered(queryset: QuerySet, params: Schema, filters: Iterable[Filter]) -> QuerySet:
    """The rows the given filters let through; every unknown value is reported at once."""
    invalid, chosen = [], []
    for spec in filters:
        value = getattr(params, _attribute(params, spec.param))
        if value is None:
            continue
        problem = spec.check(value)
        if problem:
            invalid.append(problem)
        chosen.append((spec, value))
    if invalid:
        raise invalid_input(invalid)
    for spec, value in chosen:
        queryset = spec.apply(queryset, value)
    return queryset


def _attribute(params: Schema, wire_name: str) -> str:
    for name, info in type(params).model_fields.items():
        if (info.alias or name) == wire_name:
            return name
    raise KeyError(wire_name)


def ordered(queryset: QuerySet, sort: str, sorts: dict[str, tuple[str, ...]]) -> QuerySet:
    """Order by the chosen sort, then the primary key: a stable order across pages."""
    return queryset.order_by(*sorts[sort], "pk")


@dataclass(frozen=True)
class Page:
    items: list[Model]
    number: int
    size: int
    total: int

    @property
    def count(self) -> int:
        return max(1, -(-self.total // self.size))


def page_of(queryset: QuerySet, params: ListParams) -> Page:
    """One page; a page past the last is invalid input (page 1 of an empty list is not)."""
    total = queryset.count()
    page = Page([], params.page, params.page_size, total)
    if params.page > page.count:
        raise invalid_input(
            [InvalidParam("page", f"Deze lijst heeft {page.count} pagina('s).", "out_of_range")]
        )
    start = (params.page - 1) * params.page_size
    return Page(list(queryset[start : start + params.page_size]), page.number, page.size, total)


def links(request: HttpRequest, page: Page) -> dict[str, dict[str, str]]:
    """``_links`` (HAL): self, first, last, and prev/next where they exist."""

    def href(number: int) -> dict[str, str]:
        query = QueryDict(request.META.get("QUERY_STRING", ""), mutable=True)
        query["page"] = str(number)
        return {"href": request.build_absolute_uri(f"{request.path}?{query.urlencode()}")}

    result = {"self": href(page.number), "first": href(1), "last": href(page.count)}
    if page.number > 1:
        result["prev"] = href(page.number - 1)
    if page.number < page.count:
        result["next"] = href(page.number + 1)
    return result


def envelope(request: HttpRequest, page: Page, serialize: Callable[[Any], dict]) -> dict:
    return {
        "_links": links(request, page),
        "total": page.total,
        "page": page.number,
        "pageSize": page.size,
        "pageCount": page.count,
        "results": [serialize(item) for item in page.items],
    }


def listing(
    request: HttpRequest,
    queryset: QuerySet,
    params: ListParams,
    filters: Iterable[Filter],
    sorts: dict[str, tuple[str, ...]],
    serialize: Callable[[Any], dict],
) -> dict:
    """Filter, order and cut one page of ``queryset``, and wrap it with its links."""
    rows = ordered(filtered(queryset, params, filters), params.sort, sorts)  # type: ignore[attr-defined]
    return envelope(request, page_of(rows, params), serialize)


def not_found(what: str) -> ProblemError:
    return ProblemError(404, f"{what} bestaat niet of is niet gepubliceerd.")
