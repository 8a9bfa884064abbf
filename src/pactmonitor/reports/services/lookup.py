"""Looking up what the user asked for: a round, a pact, a landsdeel, or a one-line refusal."""

from __future__ import annotations

from pactmonitor.pacts.models import Pact
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.models import Region


class ReportInputError(ValueError):
    """Bad input from the user (unknown round or landsdeel): one line that says what is valid."""


def find_round(slug: str, *, published_only: bool = False) -> ReportingRound:
    rounds = ReportingRound.objects.select_related("pact").order_by("peildatum", "slug")
    if published_only:
        rounds = rounds.published()
    found = next((r for r in rounds if r.slug == slug), None)
    if found is None:
        valid = ", ".join(r.slug for r in rounds) or "geen"
        raise ReportInputError(f"onbekende ronde {slug!r}; geldige rondes: {valid}")
    return found


def find_pact(key: str | None) -> Pact:
    pacts = list(Pact.objects.order_by("key"))
    valid = ", ".join(p.key for p in pacts) or "geen"
    if not key:
        raise ReportInputError(f"geef --pact; geldige pacten: {valid}")
    found = next((p for p in pacts if p.key == key.strip()), None)
    if found is None:
        raise ReportInputError(f"onbekend pact {key!r}; geldige pacten: {valid}")
    return found


def find_landsdeel(name: str | None) -> Region:
    landsdelen = list(Region.objects.landsdelen().order_by("name"))
    valid = ", ".join(r.key for r in landsdelen) or "geen"
    if not name:
        raise ReportInputError(f"geef --landsdeel; geldige landsdelen: {valid}")
    wanted = name.strip().lower()
    for region in landsdelen:
        names = {
            region.key.lower(),
            region.name.lower(),
            region.name.lower().removeprefix("landsdeel "),
        }
        if wanted in names or wanted.removeprefix("landsdeel ") in names:
            return region
    raise ReportInputError(f"onbekend landsdeel {name!r}; geldige landsdelen: {valid}")
