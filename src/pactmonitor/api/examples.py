"""The examples of the developers' page, built from the data that is there.

Each example names real records (the pact of the latest published round, its first action, a
landsdeel with a published profile, …), so every curl line answers with data, whatever
dataset is loaded; where a record is missing (an empty database) the example falls back to
the plain list, or is left out when it needs one record.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from pactmonitor.indicators.models import Finding, Indicator, Observation, Target
from pactmonitor.pacts.choices import Sector
from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress.choices import Status
from pactmonitor.progress.models import RegionProfile, ReportingRound
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

Example = tuple[str, str]


def _path(path: str, **query: object) -> str:
    """``path`` with the query of the given values; a value that is not there drops the query
    (the plain list)."""
    if any(value in (None, "") for value in query.values()):
        return path
    return f"{path}?{urlencode(query)}"


def examples() -> list[Example]:
    """(title, path below /api/v1) for each resource, in the order the page lists them."""
    round = ReportingRound.objects.published().select_related("pact").order_by("-peildatum").first()
    pact = round.pact if round else Pact.objects.order_by("pk").first()
    action = (
        Action.objects.filter(pact=pact).select_related("action_line").first() if pact else None
    )
    line = action.action_line if action else None
    profile = RegionProfile.objects.published().select_related("region").first()
    landsdeel = profile.region if profile else Region.objects.landsdelen().first()
    level = Target.objects.exclude(education_level="").values_list("education_level", flat=True)
    year = Observation.objects.filter(year__isnull=False).values_list("year", flat=True)
    indicator = Indicator.objects.order_by("-is_headline", "name").values_list("key", flat=True)
    found_indicator = indicator.first()
    finding = Finding.objects.order_by("pk").values_list("region__key", flat=True).first()
    found: list[tuple[str, str | None]] = [
        (_("Alle pacten"), "/pacts"),
        (
            _("De acties van een actielijn"),
            _path("/actions", pact=pact and pact.key, actionLine=line and line.key),
        ),
        (
            _("Eén actie"),
            f"/pacts/{pact.key}/actions/{action.number}" if pact and action else None,
        ),
        (_("Organisaties"), _path("/organisations", sector=Sector.ONDERWIJS.value)),
        (_("Gepubliceerde rondes"), "/rounds"),
        (
            _("Vertraagde acties in een ronde"),
            _path("/status-updates", round=round and round.slug, status=Status.VERTRAAGD.value),
        ),
        (
            _("Statuswijzigingen sinds de vorige ronde"),
            f"/rounds/{round.slug}/status-changes" if round else None,
        ),
        (_("Landsdelen met hun CBS-code"), _path("/regions", kind=RegionKind.LANDSDEEL.value)),
        (
            _("Landsdeelprofielen"),
            _path("/landsdeel-profiles", landsdeel=landsdeel and landsdeel.key),
        ),
        (_("Indicatoren"), "/indicators"),
        (_("Streefwaarden"), _path("/targets", level=level.first())),
        (_("Metingen van een jaar"), _path("/observations", year=year.first())),
        (
            _("Bevindingen in woorden over een regio"),
            _path("/findings", region=finding),
        ),
        (
            _("Ingelezen open data van een indicator"),
            f"/indicators/{found_indicator}/series" if found_indicator else None,
        ),
        (
            _("Initiatieven in een regio"),
            _path("/initiatives", region=landsdeel and landsdeel.key, pageSize=50),
        ),
    ]
    return [(title, path) for title, path in found if path is not None]
