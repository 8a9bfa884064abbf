"""``pactmonitor load-techniekpact``: load or refresh the bundled Techniekpact 2020 dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactmonitor.exchange.dataset import BUNDLED, DatasetError
from pactmonitor.exchange.loader import load_dataset


class Command(BaseCommand):
    help = "Load (or refresh, idempotently) the bundled Techniekpact 2020 dataset."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=BUNDLED,
            help="a folder of dataset YAML files (default: the bundled one)",
        )

    def handle(self, *args: str, path: Path, **options: Any) -> None:
        try:
            report = load_dataset(path)
        except DatasetError as exc:
            raise CommandError(
                f"the dataset in {path} has {len(exc.problems)} problem(s); nothing was loaded:\n"
                + "\n".join(exc.problems)
            ) from None
        if options["verbosity"] > 0:
            self.stdout.write(report.summary())
            self.stdout.write(self.style.SUCCESS("Techniekpact 2020 loaded."))
