"""A published round's documents as stored files: every report in every format, made once per
publication or correction by the background job (``pactmonitor.downloads``), never per request.

The file names are the addresses below ``/rapportages/<round>/``: ``bijlage1.pdf``,
``landsdelen/oost.docx``, ``pacten/techniekpact-oost-2020.html``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pactmonitor.pacts.choices import PactLevel
from pactmonitor.pacts.models import Pact
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.models import Region

from . import services
from .choices import ReportFormat, ReportKind
from .output import render


def subjects() -> Iterator[tuple[str, str, Region | None, Pact | None]]:
    """(file stem, kind, landsdeel, pact) of every document a round has."""
    yield ReportKind.BIJLAGE1.value, ReportKind.BIJLAGE1, None, None
    yield ReportKind.BIJLAGE2.value, ReportKind.BIJLAGE2, None, None
    for region in Region.objects.landsdelen().order_by("key"):
        yield f"landsdelen/{region.key}", ReportKind.LANDSDEEL, region, None
    for pact in Pact.objects.exclude(level=PactLevel.NATIONAL).order_by("key"):
        yield f"pacten/{pact.key}", ReportKind.PACT, None, pact


def file_name(stem: str, format: str) -> str:
    return f"{stem}.{format}"


def write_round_documents(slug: str, folder: Path) -> None:
    """Write every document of the published round ``slug`` into ``folder``."""
    round = ReportingRound.objects.published().select_related("pact").get(slug=slug)
    for stem, kind, region, pact in subjects():
        report = services.build(kind, round, region, pact)
        for format in ReportFormat:
            target = folder / file_name(stem, format.value)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render(report, format.value))
