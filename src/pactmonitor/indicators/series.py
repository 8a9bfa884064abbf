"""An indicator's series per region and level, from the roll-up, with trend and verdict.

``IndicatorFigures.load(indicator)`` reads everything an indicator page, the home page or a
report needs in a fixed number of queries: one DuckDB query for the roll-up of every region,
year and level, one for the targets, one for the seed observations, one for the regions and
one for the active batches (the sources). The imported series (DUO) and the seed figures stay
apart: a seed figure is its own series, with its own region named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.utils.translation import gettext as _

from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

from .choices import EducationLevel, Measure
from .models import ImportBatch, Indicator, Observation, Target
from .rollup import RolledUp, roll_up, snapshot
from .verdict import (
    ChosenTarget,
    Point,
    Verdict,
    assess,
    choose_target,
    in_words,
    number,
    signed,
    trend,
)

# The order levels are shown in, the headline levels of the 40% goal last.
LEVEL_ORDER = ["vmbo", "havo", "vwo", "havo-vwo", "mbo", "hbo", "wo", "ho", "vo", "po", ""]


def level_label(level: str) -> str:
    return str(EducationLevel(level).label) if level else ""


@dataclass(frozen=True)
class LevelSeries:
    """One region's imported series at one level, with its verdict."""

    indicator: Indicator
    region: Region
    level: str
    points: list[Point]
    verdict: Verdict

    @property
    def level_label(self) -> str:
        return level_label(self.level)

    @property
    def is_share(self) -> bool:
        return self.indicator.measure == Measure.SHARE

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    def value_text(self, point: Point) -> str:
        return f"{number(point.value, 1)}%" if self.is_share else number(point.value)

    def counts_text(self, point: Point) -> str:
        """ "20.617 van 51.998" for a share; "" for a count."""
        if not self.is_share or point.denominator is None:
            return ""
        return f"{number(point.numerator or 0)} van {number(point.denominator)}"

    @property
    def latest_text(self) -> str:
        return self.value_text(self.latest) if self.latest else ""

    @property
    def latest_counts(self) -> str:
        return self.counts_text(self.latest) if self.latest else ""

    @property
    def trend_text(self) -> str:
        """ "+0,5 procentpunt per jaar (2015–2019)"; "" below two years."""
        line = self.verdict.trend
        if line is None:
            return ""
        step = signed(line.slope)
        unit = _("procentpunt per jaar") if self.is_share else _("per jaar")
        return f"{step} {unit} ({line.years[0]}–{line.years[-1]})"

    @property
    def verdict_text(self) -> str:
        return in_words(self.verdict, self.is_share)

    @property
    def target_text(self) -> str:
        target = self.verdict.target
        if target is None:
            return ""
        value = f"{number(target.value, 1)}%" if self.is_share else number(target.value)
        return f"{target.label}: {value} in {target.year}"

    @property
    def projection_points(self) -> list[Point]:
        """The dashed line: the trend from the latest year to the target year."""
        line, target = self.verdict.trend, self.verdict.target
        if line is None or target is None or self.latest is None:
            return []
        if target.year <= self.latest.year or self.verdict.projection is None:
            return []
        return [
            Point(self.latest.year, line.at(self.latest.year)),
            Point(target.year, line.at(target.year)),
        ]


@dataclass(frozen=True)
class SeedSeries:
    """Figures a document gives (a seed), for one region and level: never mixed with DUO."""

    region_name: str
    level: str
    points: list[Point]
    source: str
    caveat: str = ""  # the record's own note: an unclear level, a wider definition

    @property
    def level_label(self) -> str:
        return level_label(self.level)


@dataclass
class IndicatorFigures:
    indicator: Indicator
    rows: list[RolledUp]
    targets: list[Target]
    all_observations: list[Observation]  # seed figures, with and without a year
    regions: dict[int, Region]
    batches: list[ImportBatch]
    _by_region: dict[int, list[RolledUp]] = field(default_factory=dict, repr=False)

    @property
    def publishers(self) -> list[str]:
        """Each publisher with its licence once ("DUO, CC0 1.0"), however many tables it gave."""
        named = (", ".join(filter(None, (b.publisher, b.licence))) for b in self.batches)
        return list(dict.fromkeys(named))

    @classmethod
    def load(cls, indicator: Indicator) -> IndicatorFigures:
        return cls.load_many([indicator])[0]

    @classmethod
    def load_many(cls, indicators: list[Indicator]) -> list[IndicatorFigures]:
        """Several indicators in the same five queries (plus one DuckDB query each)."""
        snap = snapshot()
        rows = {i.pk: roll_up(i.pk, snap) for i in indicators}
        observations = list(
            Observation.objects.filter(indicator__in=indicators)
            # The page names each seed figure's document: read with it, not once per figure.
            .select_related("region", "provenance_document")
            .order_by("year", "id")
        )
        targets = list(
            Target.objects.filter(indicator__in=indicators).select_related(
                "region", "provenance_document"
            )
        )
        ids = {r.region_id for found in rows.values() for r in found}
        ids |= {o.region_id for o in observations if o.region_id}
        ids |= {t.region_id for t in targets if t.region_id}
        regions = {r.pk: r for r in Region.objects.filter(Q(id__in=ids) | Q(kind=RegionKind.LAND))}
        # The snapshot knows which batches hold an indicator: no scan of the figures table.
        wanted = {b for i in indicators for b in snap.batches_of(i.pk)}
        batches = list(ImportBatch.objects.filter(pk__in=wanted).order_by("imported_at"))
        loaded = []
        for indicator in indicators:
            mine = set(snap.batches_of(indicator.pk))
            found = cls(
                indicator,
                rows[indicator.pk],
                [t for t in targets if t.indicator_id == indicator.pk],
                [o for o in observations if o.indicator_id == indicator.pk],
                regions,
                [b for b in batches if b.pk in mine],
            )
            for row in found.rows:
                found._by_region.setdefault(row.region_id, []).append(row)
            loaded.append(found)
        return loaded

    @cached_property
    def observations(self) -> list[Observation]:
        """The seed figures with a year and one exact value (the others are no point in time)."""
        return [o for o in self.all_observations if o.year is not None and o.is_point]

    @cached_property
    def ranges(self) -> list[Observation]:
        """Seed figures with a year that the source gives as a range or bound ("minder dan 20%")."""
        return [o for o in self.all_observations if o.year is not None and o.is_range]

    @cached_property
    def national(self) -> Region | None:
        return next((r for r in self.regions.values() if r.kind == RegionKind.LAND), None)

    def regions_with_figures(self) -> list[Region]:
        """Every region that has imported figures, seed figures or a target of its own, in
        tree order: each region's own figures are shown on its own page."""
        kinds = [k.value for k in RegionKind]
        own = {o.region_id for o in self.all_observations} | {t.region_id for t in self.targets}
        found = [r for r in self.regions.values() if r.pk in self._by_region or r.pk in own]
        return sorted(found, key=lambda r: (kinds.index(r.kind), r.name))

    def in_scope(self, region_id: int | None, place: Region | None, unnamed: bool = True) -> bool:
        """Does a seed figure or target of ``region_id`` measure ``place`` itself?

        Nederland's scope holds Nederland's own and, with ``unnamed``, those whose source
        names no region (a target without a region is the national one; a seed figure
        without one is shown, so labelled, only where no region was chosen); a region's
        holds only its own. A region's figure is never shown as if it measured another
        region, or the country."""
        national = place is None or place.kind == RegionKind.LAND
        if region_id is None:
            return national and unnamed
        return place is not None and region_id == place.pk

    def elsewhere(self, place: Region | None) -> list[Region]:
        """Regions other than ``place`` with seed figures or targets of their own."""
        own = {o.region_id for o in self.all_observations} | {t.region_id for t in self.targets}
        return [
            r for r in self.regions_with_figures() if r.pk in own and not self.in_scope(r.pk, place)
        ]

    def series(self, region: Region) -> list[LevelSeries]:
        """The region's imported series, one per level, each with its verdict."""
        by_level: dict[str, list[Point]] = defaultdict(list)
        for row in self._by_region.get(region.pk, []):
            value = row.share if self.indicator.measure == Measure.SHARE else row.numerator
            if value is not None:
                by_level[row.education_level].append(
                    Point(row.year, value, row.numerator, row.denominator)
                )
        found = []
        for level in sorted(by_level, key=_level_key):
            points = sorted(by_level[level], key=lambda p: p.year)
            chosen = choose_target(self.targets, region, level, points[-1].year)
            found.append(LevelSeries(self.indicator, region, level, points, assess(points, chosen)))
        return found

    def seed_series(self, place: Region | None, unnamed: bool = True) -> list[SeedSeries]:
        """The seed figures of ``place``'s own scope (``in_scope``), per region and level."""
        grouped: dict[tuple, list[Observation]] = defaultdict(list)
        for o in self.observations:
            if self.in_scope(o.region_id, place, unnamed):
                grouped[(o.region_id, o.education_level, o.dimensions_text)].append(o)
        found = []
        for (_region, level, _dims), items in grouped.items():
            first = items[0]
            name = first.region.name if first.region else _("regio niet genoemd")
            if first.dimensions:
                name = f"{name}, {first.dimensions_text}"
            points = [
                Point(o.year, o.value, o.numerator, o.denominator)
                for o in items
                # always: self.observations are the dated points, each with its value
                if o.year is not None and o.value is not None
            ]
            source = "; ".join(
                dict.fromkeys(o.provenance or o.note for o in items if o.provenance or o.note)
            )
            # Without a source document the note is the source already.
            caveat = " ".join(dict.fromkeys(o.note for o in items if o.note and o.provenance))
            found.append(SeedSeries(name, level, points, source, caveat))
        return found

    def landsdelen(self) -> list[tuple[Region, list[LevelSeries]]]:
        landsdelen = sorted(
            (r for r in self.regions.values() if r.kind == RegionKind.LANDSDEEL),
            key=lambda r: r.name,
        )
        return [(r, self.series(r)) for r in landsdelen]

    def target_for(self, region: Region, level: str) -> ChosenTarget | None:
        return choose_target(self.targets, region, level, None)


def _level_key(level: str) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


__all__ = ["IndicatorFigures", "LevelSeries", "SeedSeries", "level_label", "trend"]
