"""What the public comparison page reads: two published rounds of a pact, chosen or by default,
compared by the one round comparison (``progress.comparison``) that the annex reads too."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from pactmonitor.pacts.choices import PactLevel
from pactmonitor.pacts.models import Pact
from pactmonitor.progress.comparison import (
    RoundComparison,
    compare_rounds,
    earlier_round_with_updates,
    pact_actions,
)
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

NOTHING_EARLIER = _lazy(
    "Er is geen eerdere gepubliceerde ronde waarin over deze acties is gerapporteerd."
)


@dataclass
class ComparisonPage:
    comparison: RoundComparison | None
    chosen: bool  # the reader chose the earlier round (else: the default)
    message: object = ""  # why there is nothing to compare, in words


def _landsdelen(pact: Pact) -> list[Region]:
    """Whose profiles the page compares: every landsdeel for a national pact, else its own."""
    if pact.level == PactLevel.NATIONAL:
        return list(Region.objects.landsdelen().order_by("name"))
    if pact.region is not None and pact.region.kind == RegionKind.LANDSDEEL:
        return [pact.region]
    return []


def _by_slug(rounds: list[ReportingRound], slug: str) -> ReportingRound | None:
    return next((r for r in rounds if r.slug == slug), None)


def comparison_page(
    pact: Pact, rounds: list[ReportingRound], later_slug: str, earlier_slug: str
) -> ComparisonPage:
    """The chosen later round (default: the newest) against the chosen earlier one (default: the
    latest earlier round in which the pact's actions were reported); two rounds chosen in the
    wrong order are compared oldest first."""
    later = _by_slug(rounds, later_slug) or (rounds[-1] if rounds else None)
    if later is None:
        return ComparisonPage(None, False, _("Er is voor dit pact nog geen ronde gepubliceerd."))
    actions = pact_actions(later, pact.pk)
    earlier = _by_slug(rounds, earlier_slug)
    if earlier is None:
        earlier = earlier_round_with_updates(later, actions)
        if earlier is None:
            message = _(
                "Er is geen eerdere gepubliceerde ronde waarin over deze acties is gerapporteerd."
            )
            return ComparisonPage(None, False, message)
    elif earlier == later:
        return ComparisonPage(None, True, _("Kies twee verschillende rondes om te vergelijken."))
    elif earlier.peildatum > later.peildatum:
        earlier, later = later, earlier
    comparison = compare_rounds(later, earlier, actions=actions, regions=_landsdelen(pact))
    return ComparisonPage(comparison, bool(earlier_slug))
