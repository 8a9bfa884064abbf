"""``pactmonitor produce-downloads [--missing] [--now]``: ask for new editions of every
published round's reports and of the open-data dump (normally a publication does this)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from pactmonitor.downloads.models import Edition
from pactmonitor.downloads.services import OPEN_DATA, reports_product, request_edition
from pactmonitor.downloads.tasks import produce_edition
from pactmonitor.progress.models import ReportingRound


class Command(BaseCommand):
    help = (
        "Queue new editions of the stored reports and the open-data dump for the worker "
        "(after a release that renders them differently, or to fill a new data directory)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--missing",
            action="store_true",
            help="only products with no edition ready or on its way (for an hour at most)",
        )
        parser.add_argument(
            "--now", action="store_true", help="produce them in this process, not in the worker"
        )

    def handle(self, *args: str, missing: bool, now: bool, **options: Any) -> None:
        slugs = ReportingRound.objects.published().order_by("slug").values_list("slug", flat=True)
        products = [reports_product(slug) for slug in slugs] + [OPEN_DATA]
        if missing:
            products = [p for p in products if not _present(p)]
        with transaction.atomic():
            editions = [request_edition(product) for product in products]
        if now:
            for edition in editions:
                produce_edition.call(edition.pk)
        if options["verbosity"] > 0:
            where = "made" if now else "queued for the worker"
            self.stdout.write(f"{len(editions)} edition(s) {where}")


def _present(product: str) -> bool:
    return Edition.objects.current(product) is not None or Edition.objects.in_the_making(product)
