"""Lists: filtering, sorting and pagination with a stable order and links, shared by every list.

A list operation declares its parameters as a ``ListParams`` subclass (camelCase aliases are
the names on the wire, ``sort`` a closed list) and names its ``Resource``: the public rows, how a
row is written out, its ``Filter`` rows and its sorts. ``listing`` checks every filter value at
once (a key that names nothing is invalid input, not an empty list), orders by the chosen sort
plus the primary key (so a row never moves between pages), and cuts one page with
``LIMIT/OFFSET``: a page costs one COUNT and one bounded SELECT however large the table. The
``ETag`` and ``Last-Modified`` of every answer are the page cache's (``core/pagecache.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, QueryDict
from ninja import Field, Schema

from .problems import InvalidParam, ProblemError, invalid_input

M = TypeVar("M", bound=Model)
T = TypeVar("T")
Row = dict[str, Any]

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class ListParams(Schema):
    """Paging, for every list."""

    page: int = Field(1, ge=1, le=1_000_000, description="Paginanummer, vanaf 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        alias="pageSize",
        description=f"Aantal resultaten per pagina (hoogstens {MAX_PAGE_SIZE}).",
    )


class SortedParams(ListParams):
    """A list of a ``Resource``: a subclass adds its filters and then ``sort``, a ``Literal`` of
    the resource's sorts with the default sort."""

    if TYPE_CHECKING:
        # Declared for the type checker only: a field here would come before the subclass's
        # filters in the document, where ``sort`` is the last parameter of every list.
        sort: str


@dataclass(frozen=True)
class Filter:
    """One filter: the query parameter, how its value narrows the rows (an ORM lookup, or a
    function for a rule such as "in this region"), and the rows a value must name (``known``;
    None for a closed list such as a status, which the parameter's type already checks)."""

    param: str
    lookup: str = ""
    known: Callable[[], QuerySet[Any]] | None = None
    field: str = "key"
    narrow: Callable[[Any, Any], QuerySet[Any]] | None = None

    def check(self, value: Any) -> InvalidParam | None:
        if self.known is None or self.known().filter(**{self.field: value}).exists():
            return None
        return InvalidParam(self.param, f"Onbekende waarde: {value!r}.", "unknown")

    def apply(self, queryset: QuerySet[M], value: Any) -> QuerySet[M]:
        if self.narrow is not None:
            return self.narrow(queryset, value)
        return queryset.filter(**{self.lookup: value})


@dataclass(frozen=True)
class Resource(Generic[M]):
    """What a list and its detail operation serve: the public rows, how one is written out, the
    filters and the sorts (the sort's name on the wire → the fields to order by). ``write_page``
    writes a whole page at once, for a row that needs a query over the page (earlier versions)."""

    rows: Callable[[], QuerySet[M]]
    write: Callable[[M], Row]
    sorts: Mapping[str, tuple[str, ...]]
    filters: Sequence[Filter] = ()
    write_page: Callable[[list[M]], list[Row]] | None = None

    def written(self, items: list[M]) -> list[Row]:
        if self.write_page is not None:
            return self.write_page(items)
        return [self.write(item) for item in items]

    def one(self, what: str, **lookup: Any) -> Row:
        """The public row the lookup names, written out; not found (404) if none is public."""
        return self.written([found(self.rows(), what, **lookup)])[0]


def found(queryset: QuerySet[M], what: str, **lookup: Any) -> M:
    """The first row of ``queryset`` the lookup names; not found (404) if there is none."""
    row = queryset.filter(**lookup).first()
    if row is None:
        raise not_found(what)
    return row


def filtered(queryset: QuerySet[M], params: Schema, filters: Iterable[Filter]) -> QuerySet[M]:
    """The rows the given filters let through; every unknown value is reported at once."""
    invalid: list[InvalidParam] = []
    chosen: list[tuple[Filter, Any]] = []
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


def ordered(queryset: QuerySet[M], sort: str, sorts: Mapping[str, tuple[str, ...]]) -> QuerySet[M]:
    """Order by the chosen sort, then the primary key: a stable order across pages."""
    return queryset.order_by(*sorts[sort], "pk")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    size: int
    total: int

    @property
    def count(self) -> int:
        return max(1, -(-self.total // self.size))


def page_of(rows: QuerySet[M] | Sequence[T], params: ListParams) -> Page[Any]:
    """One page of a QuerySet or of a computed list; a page past the last is invalid input
    (page 1 of an empty list is not)."""
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    page: Page[Any] = Page([], params.page, params.page_size, total)
    if params.page > page.count:
        raise invalid_input(
            [InvalidParam("page", f"Deze lijst heeft {page.count} pagina('s).", "out_of_range")]
        )
    start = (params.page - 1) * params.page_size
    return Page(list(rows[start : start + params.page_size]), page.number, page.size, total)


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


def envelope(request: HttpRequest, page: Page[Any], results: list[Row]) -> Row:
    """A page of results with its links and counts (``PageBase`` in schemas.py)."""
    return {
        "_links": links(request, page),
        "total": page.total,
        "page": page.number,
        "pageSize": page.size,
        "pageCount": page.count,
        "results": results,
    }


def listing(request: HttpRequest, resource: Resource[M], params: SortedParams) -> Row:
    """Filter, order and cut one page of the resource's rows, and wrap it with its links."""
    rows = filtered(resource.rows(), params, resource.filters)
    page = page_of(ordered(rows, params.sort, resource.sorts), params)
    return envelope(request, page, resource.written(page.items))


def not_found(what: str) -> ProblemError:
    return ProblemError(404, f"{what} bestaat niet of is niet gepubliceerd.")
