"""The progress report of a round, written to a file.

``pactmonitor report bijlage1|bijlage2|landsdeel|pact --round SLUG [--landsdeel NAME]
[--pact KEY] --format html|pdf|docx -o PATH``
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactmonitor.reports import services
from pactmonitor.reports.choices import ReportFormat, ReportKind
from pactmonitor.reports.output import ReportOutputError, check_writable, render, write_atomically


class Command(BaseCommand):
    help = (
        "Schrijf de voortgangsrapportage (Bijlage 1, Bijlage 2, per landsdeel of per pact) "
        "van een ronde."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=ReportKind.values, help="welke rapportage")
        parser.add_argument(
            "--round", required=True, dest="round_slug", help="de code van de ronde, bv. 2014"
        )
        parser.add_argument("--landsdeel", help="het landsdeel (voor 'landsdeel'), bv. oost")
        parser.add_argument("--pact", help="het pact (voor 'pact'), bv. techniekpact-oost-2020")
        parser.add_argument("--format", required=True, choices=ReportFormat.values)
        parser.add_argument(
            "-o", "--output", required=True, type=Path, help="het bestand om te schrijven"
        )

    def handle(
        self,
        kind: str,
        round_slug: str,
        landsdeel: str | None,
        pact: str | None,
        format: str,
        output: Path,
        **options: Any,
    ) -> None:
        try:
            round = services.find_round(round_slug)
            region = services.find_landsdeel(landsdeel) if kind == ReportKind.LANDSDEEL else None
            chosen = services.find_pact(pact) if kind == ReportKind.PACT else None
            check_writable(output)
            report = services.build(kind, round, region, chosen)
            write_atomically(output, render(report, format))
        except (services.ReportInputError, ReportOutputError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{output}: {report.title}, {round.name} ({format})")
