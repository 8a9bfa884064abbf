"""``pactmonitor export --format json|csv -o PATH``: the open-data dump of what is published."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pactmonitor.exchange.opendata import export_csv, export_json


class Command(BaseCommand):
    help = "Write the open-data dump: JSON to a file, or CSV files (one per table) into a folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], required=True)
        parser.add_argument(
            "-o", "--output", type=Path, required=True, help="a file (json) or a folder (csv)"
        )

    def handle(self, *args, format: str, output: Path, **options) -> None:
        parent = output.resolve().parent
        if not parent.is_dir() or not os.access(parent, os.W_OK):
            raise CommandError(
                f"-o {output}: the folder {parent} does not exist or is not writable"
            )
        # Write next to the target and move into place, so a failure leaves no half-written dump.
        with tempfile.TemporaryDirectory(dir=parent, prefix=".pactmonitor-export-") as work:
            staged = Path(work) / "dump"
            counts = export_json(staged) if format == "json" else export_csv(staged)
            if output.is_dir() and format == "csv":
                shutil.rmtree(output)
            elif output.is_dir():
                raise CommandError(f"-o {output}: is a folder; give a file name for JSON")
            os.replace(staged, output)
        total = sum(counts.values())
        self.stdout.write(f"{total} rows in {len(counts)} tables written to {output}")
