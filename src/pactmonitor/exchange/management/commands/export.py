"""``pactmonitor export --format json|csv -o PATH``: the open-data dump of what is published."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactmonitor.exchange.opendata import export_csv, export_json
from pactmonitor.exchange.output import OutputRefused, place_csv_folder, place_file


class Command(BaseCommand):
    help = (
        "Write the open-data dump: JSON to a file, or CSV files (one per table) into a folder. "
        "A folder is only replaced if an earlier export wrote it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], required=True)
        parser.add_argument(
            "-o", "--output", type=Path, required=True, help="a file (json) or a folder (csv)"
        )

    def handle(self, *args: str, format: str, output: Path, **options: Any) -> None:
        output = output.absolute()
        parent = output.parent
        if not parent.is_dir() or not os.access(parent, os.W_OK):
            raise CommandError(
                f"-o {output}: the folder {parent} does not exist or is not writable"
            )
        try:
            if format == "json":
                counts = place_file(output, export_json)
            else:
                counts = place_csv_folder(output, export_csv)
        except OutputRefused as refused:
            raise CommandError(str(refused)) from None
        total = sum(counts.values())
        self.stdout.write(f"{total} rows in {len(counts)} tables written to {output}")
