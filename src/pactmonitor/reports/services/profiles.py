"""A landsdeel's profile in a round: its organisation, main results and priorities."""

from __future__ import annotations

from django.db.models import Prefetch

from pactmonitor.progress.models import RegionProfile, ReportingRound
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

from ..documents import LandsdeelProfile, ResultGroup
from ..formatting import blocks, plain


def landsdeel_name(region: Region) -> str:
    """ "Landsdeel Noord", as the report calls it, whether or not the name says so."""
    if region.kind == RegionKind.LANDSDEEL and not region.name.lower().startswith("landsdeel"):
        return f"Landsdeel {region.name}"
    return region.name


def _description(region: Region) -> str:
    provinces = sorted(c.name for c in region.children.all() if c.kind == RegionKind.PROVINCIE)
    if not provinces:
        return landsdeel_name(region)
    listed = (
        provinces[0] if len(provinces) == 1 else f"{', '.join(provinces[:-1])} en {provinces[-1]}"
    )
    word = "provincie" if len(provinces) == 1 else "provincies"
    return f"{landsdeel_name(region)} ({word} {listed})"


def _results(profile: RegionProfile) -> list[ResultGroup]:
    groups: dict[object, ResultGroup] = {}
    order: dict[object, tuple] = {}
    for result in profile.results.all():
        line = result.action_line
        key = line.pk if line else None
        if key not in groups:
            heading = f"Actielijn {line.name}" if line else "Algemeen"
            groups[key] = ResultGroup(heading, [])
            order[key] = (line is not None, line.order if line else 0, heading)
        heading = plain(result.heading)
        if line and heading.lower().startswith("actielijn"):
            heading = ""  # the group's heading already names the action line
        place = plain(result.subregion.name) if result.subregion else ""
        # Both the place and the result's own heading ("Kop"), as the web page shows them.
        label = " – ".join(part for part in (place, heading) if part)
        groups[key].parts.append((label, blocks(result.text)))
    return [groups[key] for key in sorted(groups, key=lambda k: order[k])]


def landsdeel_profile(region: Region, round: ReportingRound) -> LandsdeelProfile:
    profiles = RegionProfile.objects.filter(region=region, round=round)
    if round.is_published:
        # Only approved content goes out; a profile nobody updated is no report of this round.
        profiles = profiles.published()
    profile = profiles.prefetch_related(
        Prefetch("results__action_line"), "results__subregion"
    ).first()
    found = LandsdeelProfile(
        landsdeel_name(region), _description(region), reported=profile is not None
    )
    if profile is not None:
        found.organisation = blocks(profile.organisation)
        found.results = _results(profile)
        found.priorities = blocks(profile.priorities)
    return found
