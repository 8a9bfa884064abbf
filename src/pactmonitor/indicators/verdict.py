"""Trend, projection to the target year and verdict of one series against its target.

The method (also explained on every indicator page):

- **Trend**: an ordinary least-squares line through the last five observed years of the
  series (fewer if fewer were observed): value = a + b · year. b is the observed change per
  year.
- **Projection**: that line read at the target year.
- **Verdict**:
  - fewer than ``MIN_YEARS`` (3) observed years: "te weinig metingen";
  - the target year already observed: "gehaald" or "niet gehaald" on the figure of that year;
  - the target year lies before the last observed year but was not observed itself:
    "doeljaar niet gemeten";
  - otherwise "op koers" when the projection reaches the target, "niet op koers" when it
    does not, with the gap (target − projection), the change per year still needed (from the
    latest figure to the target by the target year) and the change per year observed (b).
  A target is reached at or above its value: every target of the Techniekpact asks for more
  (more pupils in a science profile, more students in technology), none for less.
- **Which target**: the region's own target for the level; else the region's own target
  without a level; else the national target (Nederland, or a target whose source names no
  region) for the level, where havo and vwo fall back to havo/vwo and hbo and wo to hoger
  onderwijs (ho); else the national target without a level. The verdict always names which
  one it used ("streefwaarde van Oost" or "landelijke streefwaarde"), so a region's figure is
  never compared with another region's target without saying so. Of several targets in the
  chosen place, the first whose year is not before the latest observation counts, else the
  latest one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.utils.translation import gettext as _

from pactmonitor.regions.choices import RegionKind

from .choices import EducationLevel, VerdictKind

if TYPE_CHECKING:
    from pactmonitor.regions.models import Region

    from .models import Target

MIN_YEARS = 3
WINDOW = 5
LEVEL_FALLBACK = {"havo": "havo-vwo", "vwo": "havo-vwo", "hbo": "ho", "wo": "ho"}


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class Trend:
    intercept: float
    slope: float  # change per year
    years: tuple[int, ...]  # the years the line was fitted on

    def at(self, year: int) -> float:
        return self.intercept + self.slope * year


def trend(points: Sequence[Point], window: int = WINDOW) -> Trend | None:
    """Least squares through the last ``window`` observed years; None below two years."""
    recent = sorted(points, key=lambda p: p.year)[-window:]
    if len(recent) < 2:
        return None
    n = len(recent)
    mean_x = sum(p.year for p in recent) / n
    mean_y = sum(p.value for p in recent) / n
    sxx = sum((p.year - mean_x) ** 2 for p in recent)
    sxy = sum((p.year - mean_x) * (p.value - mean_y) for p in recent)
    slope = sxy / sxx
    return Trend(mean_y - slope * mean_x, slope, tuple(p.year for p in recent))


@dataclass(frozen=True)
class ChosenTarget:
    value: float
    year: int
    own: bool  # the region's own target, not the national one
    label: str  # "streefwaarde van Oost", "landelijke streefwaarde"
    education_level: str = ""
    source: str = ""  # the target's provenance, as the page shows it


def _is_national(target: Target) -> bool:
    return target.region is None or target.region.kind == RegionKind.LAND


def choose_target(
    targets: Iterable[Target], region: Region, level: str, latest_year: int | None
) -> ChosenTarget | None:
    """The target a region's series at ``level`` is compared with (see the module text)."""
    dated = [t for t in targets if t.year is not None]
    national_region = region.kind == RegionKind.LAND
    own = [t for t in dated if t.region_id == region.pk or (national_region and _is_national(t))]
    national = [t for t in dated if _is_national(t)]
    fallback = LEVEL_FALLBACK.get(level)
    tiers = [
        (own, level, True),
        (own, "", True),
        (national, level, False),
        (national, fallback, False),
        (national, "", False),
    ]
    for pool, wanted, is_own in tiers:
        if wanted is None:
            continue
        found = [t for t in pool if t.education_level == wanted]
        if found:
            target = _pick(found, latest_year)
            own_flag = is_own and not national_region
            label = (
                _("streefwaarde van %(region)s") % {"region": region.name}
                if own_flag
                else _("landelijke streefwaarde")
            )
            if target.education_level and target.education_level != level:
                # havo measured against the havo/vwo target: the reader must see that.
                label = _("%(target)s voor %(level)s") % {
                    "target": label,
                    "level": EducationLevel(target.education_level).label,
                }
            year = cast(int, target.year)  # a dated target: see ``dated`` above
            return ChosenTarget(
                target.value, year, own_flag, label, target.education_level, _source(target)
            )
    return None


def _source(target: Target) -> str:
    return getattr(target, "provenance", "") or getattr(target, "note", "") or ""


def _pick(targets: list[Target], latest_year: int | None) -> Target:
    """``targets`` are dated ones (``year`` set)."""
    ordered = sorted(targets, key=lambda t: (t.year or 0, t.pk or 0))
    if latest_year is not None:
        ahead = [t for t in ordered if (t.year or 0) >= latest_year]
        if ahead:
            return ahead[0]
    return ordered[-1]


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    target: ChosenTarget | None
    trend: Trend | None
    latest: Point | None
    projection: float | None = None  # the trend line at the target year
    gap: float | None = None  # target − projection (or − the target year's figure)
    needed_per_year: float | None = None
    observed_per_year: float | None = None

    @property
    def label(self) -> str:
        return str(self.kind.label)


def assess(points: Sequence[Point], target: ChosenTarget | None) -> Verdict:
    ordered = sorted(points, key=lambda p: p.year)
    latest = ordered[-1] if ordered else None
    line = trend(ordered)
    if target is None:
        return Verdict(VerdictKind.NO_TARGET, None, line, latest)
    at_target = next((p for p in ordered if p.year == target.year), None)
    if at_target is not None:
        kind = VerdictKind.REACHED if at_target.value >= target.value else VerdictKind.NOT_REACHED
        return Verdict(kind, target, line, latest, gap=target.value - at_target.value)
    if len(ordered) < MIN_YEARS or line is None or latest is None:
        return Verdict(VerdictKind.TOO_FEW, target, line, latest)
    if target.year < latest.year:
        return Verdict(VerdictKind.TARGET_YEAR_UNMEASURED, target, line, latest)
    projection = line.at(target.year)
    return Verdict(
        VerdictKind.ON_COURSE if projection >= target.value else VerdictKind.OFF_COURSE,
        target,
        line,
        latest,
        projection=projection,
        gap=target.value - projection,
        needed_per_year=(target.value - latest.value) / (target.year - latest.year),
        observed_per_year=line.slope,
    )


# --- in words ------------------------------------------------------------------------------


def number(value: float, decimals: int = 0) -> str:
    """Dutch: 51.998 and 39,6 (a thousands dot, a decimal comma), rounded.

    Written out here rather than through Django's ``number_format`` under
    ``translation.override("nl")``: a page formats a thousand numbers, and switching the
    language for each one cost most of the page's time (and number_format cuts decimals off
    instead of rounding)."""
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0,0 is 0,0
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def in_words(verdict: Verdict, share: bool = True) -> str:
    """The verdict as one Dutch sentence, with the target it compared against."""
    unit = "%" if share else ""
    step = _("procentpunt") if share else ""
    if verdict.target is None:
        return _("Geen streefwaarde om mee te vergelijken.")
    goal = _("%(label)s: %(value)s%(unit)s in %(year)s") % {
        "label": verdict.target.label[:1].upper() + verdict.target.label[1:],
        "value": number(verdict.target.value, 1 if share else 0),
        "unit": unit,
        "year": verdict.target.year,
    }
    # An off-course or on-course verdict always has its projection (see assess).
    if (
        verdict.kind == VerdictKind.OFF_COURSE
        and verdict.projection is not None
        and verdict.gap is not None
    ):
        detail = _(
            "de trend komt in %(year)s uit op %(projection)s%(unit)s, %(gap)s %(step)s te weinig; "
            "nodig is %(needed)s %(step)s per jaar, gemeten %(observed)s %(step)s per jaar"
        ) % {
            "year": verdict.target.year,
            "projection": number(verdict.projection, 1),
            "unit": unit,
            "gap": number(abs(verdict.gap), 1),
            "step": step,
            "needed": signed(verdict.needed_per_year),
            "observed": signed(verdict.observed_per_year),
        }
    elif verdict.kind == VerdictKind.ON_COURSE and verdict.projection is not None:
        detail = _("de trend komt in %(year)s uit op %(projection)s%(unit)s") % {
            "year": verdict.target.year,
            "projection": number(verdict.projection, 1),
            "unit": unit,
        }
    elif verdict.kind == VerdictKind.TOO_FEW:
        detail = _("minder dan %(n)d gemeten jaren; geen trend te bepalen") % {"n": MIN_YEARS}
    elif verdict.kind in (VerdictKind.REACHED, VerdictKind.NOT_REACHED):
        detail = _("gemeten in %(year)s") % {"year": verdict.target.year}
    else:
        detail = _("het doeljaar zelf is niet gemeten")
    return f"{verdict.label[:1].upper()}{verdict.label[1:]}: {detail}. {goal}."


def signed(value: float | None) -> str:
    if value is None:
        return ""
    text = number(value, 1)
    return text if text.startswith("-") else f"+{text}"
