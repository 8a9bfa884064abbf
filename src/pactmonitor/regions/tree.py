"""The region tree in memory: one walk for every question about what lies in what.

A region has a main parent (``parent``) and may lie in further regions (``part_of``): COROP area
West-Noord-Brabant hangs under landsdeel Zuidwest and lies in the province of Noord-Brabant too;
a municipality lies in its COROP area and in its arbeidsmarktregio. Both are containment: every
figure of a region counts in each region that contains it. ``groupings`` ("werkt ook samen
met") is not containment: West-Brabant works with Zuidoost, but Zuidoost's figures leave it out.

``RegionTree.load()`` reads the whole tree in two queries (the regions, and their links).
``region_tree()`` gives the tree of the current request (loaded at most once per request, see
``RegionTreeMiddleware``), or a freshly loaded one outside a request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import CharField, Value
from django.http import HttpRequest, HttpResponse

from .choices import RegionKind

if TYPE_CHECKING:
    from .models import Region

PART_OF, GROUPING = "part_of", "grouping"


class RegionTree:
    def __init__(self, regions: Iterable[Region], links: Iterable[tuple[int, int, str]]):
        self.regions: dict[int, Region] = {r.pk: r for r in regions}
        self.part_of: dict[int, list[int]] = {}
        self.groupings: dict[int, list[int]] = {}
        for source, target, kind in links:
            table = self.part_of if kind == PART_OF else self.groupings
            table.setdefault(source, []).append(target)

    @classmethod
    def load(cls) -> RegionTree:
        from .models import Region

        through_part_of = Region.part_of.through.objects.values_list(
            "from_region_id", "to_region_id", Value(PART_OF, output_field=CharField())
        )
        through_groupings = Region.groupings.through.objects.values_list(
            "from_region_id", "to_region_id", Value(GROUPING, output_field=CharField())
        )
        links = through_part_of.union(through_groupings, all=True)
        return cls(Region.objects.order_by(), list(links))

    def __contains__(self, region_id: object) -> bool:
        return region_id in self.regions

    # The main tree ----------------------------------------------------------------------------

    def ancestors(self, region_id: int) -> list[Region]:
        """The chain of main parents, nearest first."""
        chain: list[Region] = []
        node = self.regions[region_id].parent_id
        while node is not None and node in self.regions and self.regions[node] not in chain:
            chain.append(self.regions[node])
            node = self.regions[node].parent_id
        return chain

    # Containment: main parent and part_of ----------------------------------------------------

    def containing_ids(self, region_id: int) -> set[int]:
        """Every region this one lies in, through main parents and ``part_of``; itself too."""
        return self._containing[region_id]

    def descendant_ids(self, region_id: int) -> set[int]:
        """This region and every region that lies in it (main parent or ``part_of``)."""
        return self._contained.get(region_id, set()) | {region_id}

    def containment_pairs(self) -> list[tuple[int, int]]:
        """Every (region_id, containing_region_id), each pair once, (r, r) included.

        A municipality of COROP area West-Noord-Brabant reaches Nederland through Zuidwest and
        through Noord-Brabant: one pair, so a roll-up over these pairs counts it once.
        """
        return [(r, up) for r, ups in self._containing.items() for up in sorted(ups)]

    def landsdeel(self, region_id: int) -> Region | None:
        """The landsdeel on the main chain (itself, if it is one); otherwise the one landsdeel
        that contains it through ``part_of`` (an arbeidsmarktregio tied to a subregio), if one."""
        for node in [self.regions[region_id], *self.ancestors(region_id)]:
            if node.kind == RegionKind.LANDSDEEL:
                return node
        found = self._landsdelen_containing(region_id)
        return found[0] if len(found) == 1 else None

    def all_landsdelen(self, region_id: int) -> list[Region]:
        """Its own landsdeel, the landsdelen it lies in, then those of the regions it works with."""
        found: list[Region] = []
        candidates = [self.landsdeel(region_id), *self._landsdelen_containing(region_id)]
        candidates += [self.landsdeel(g) for g in self.groupings.get(region_id, [])]
        for landsdeel in candidates:
            if landsdeel is not None and landsdeel not in found:
                found.append(landsdeel)
        return found

    def grouping_ids(self, region_id: int) -> list[int]:
        return list(self.groupings.get(region_id, []))

    def _landsdelen_containing(self, region_id: int) -> list[Region]:
        ids = sorted(self.containing_ids(region_id))
        return [self.regions[i] for i in ids if self.regions[i].kind == RegionKind.LANDSDEEL]

    @cached_property
    def _containing(self) -> dict[int, set[int]]:
        # A walk upwards from every region: a few steps each, and a circle (which the loader
        # refuses, but a hand edit could make) simply ends it.
        found: dict[int, set[int]] = {}
        for region_id in self.regions:
            ups, todo = {region_id}, [region_id]
            while todo:
                for up in self._above(todo.pop()):
                    if up not in ups:
                        ups.add(up)
                        todo.append(up)
            found[region_id] = ups
        return found

    @cached_property
    def _contained(self) -> dict[int, set[int]]:
        below: dict[int, set[int]] = {}
        for region_id, ups in self._containing.items():
            for up in ups - {region_id}:
                below.setdefault(up, set()).add(region_id)
        return below

    def _above(self, region_id: int) -> list[int]:
        parent = self.regions[region_id].parent_id
        ups = [parent] if parent is not None else []
        return [u for u in ups + self.part_of.get(region_id, []) if u in self.regions]


# One tree per request ---------------------------------------------------------------------------

_request_tree: ContextVar[dict | None] = ContextVar("region_tree", default=None)


def region_tree() -> RegionTree:
    """The tree of the current request (loaded on first use), or a fresh one outside requests."""
    scope = _request_tree.get()
    if scope is None:
        return RegionTree.load()
    if "tree" not in scope:
        scope["tree"] = RegionTree.load()
    return scope["tree"]


def forget_region_tree(**kwargs: object) -> None:
    """A region or link changed: the request's tree is reloaded on its next use."""
    scope = _request_tree.get()
    if scope is not None:
        scope.pop("tree", None)


@contextmanager
def one_region_tree() -> Iterator[None]:
    """Inside the block the tree is loaded at most once, as in a request (for commands that ask
    about many users or regions); inside a request it is the request's tree."""
    if _request_tree.get() is not None:
        yield
        return
    token = _request_tree.set({})
    try:
        yield
    finally:
        _request_tree.reset(token)


class RegionTreeMiddleware:
    """Gives each request its own region tree, loaded at most once (and again after a change)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_tree.set({})
        try:
            return self.get_response(request)
        finally:
            _request_tree.reset(token)
