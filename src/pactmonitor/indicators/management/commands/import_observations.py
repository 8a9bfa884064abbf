"""``pactmonitor import-observations RECIPE FILE``: a source table through its recipe.

``--bundled`` imports every bundled open-data file through its own recipe (``scripts/demo``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactmonitor.indicators import recipes
from pactmonitor.indicators.importer import ImportRefused, import_file
from pactmonitor.indicators.models import ImportBatch


class Command(BaseCommand):
    help = "Import a source table (e.g. a DUO CSV) through its recipe, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("recipe", nargs="?", help="a bundled recipe key or a recipe file")
        parser.add_argument("file", nargs="?", type=Path, help="the source file")
        parser.add_argument(
            "--bundled", action="store_true", help="import every bundled file through its recipe"
        )

    def handle(
        self, *args: str, recipe: str | None, file: Path | None, bundled: bool, **options: Any
    ) -> None:
        if bundled and not (recipe or file):
            jobs = self._bundled()
        elif recipe and file and not bundled:
            jobs = [(recipe, file)]
        else:  # also a FILE without a RECIPE (possible through call_command)
            raise CommandError("give RECIPE and FILE, or --bundled")
        refused = []
        for key, path in jobs:
            try:
                batch = import_file(key, path)
            except ImportRefused as error:
                refused.append(
                    f"{path}: refused, nothing was written:\n" + "\n".join(error.messages)
                )
                continue
            self.stdout.write(summary(batch))
        if refused:
            raise CommandError("\n".join(refused))

    def _bundled(self) -> list[tuple[str, Path]]:
        jobs = []
        for key, path in recipes.bundled().items():
            recipe = recipes.load(path)
            if recipe.bundled_file:
                jobs.append((key, recipe.bundled_file))
        return jobs


def summary(batch: ImportBatch) -> str:
    """The batch in a few lines: what was read, used, skipped and why, and what was not placed."""
    head = "unchanged (this file is already imported)" if batch.unchanged else "imported"
    lines = [
        f"{batch.recipe}: {batch.file_name} {head} as batch {batch.pk} "
        f"(sha256 {batch.sha256[:12]}…)",
        f"  rows read {batch.rows_read}, used {batch.rows_used}, skipped {batch.rows_skipped}",
    ]
    lines += [f"    {count} {reason}" for reason, count in batch.skip_reasons.items()]
    unplaced = batch.unplaced or {}
    if unplaced.get("count"):
        lines.append(
            f"  not placed in a region: {unplaced['count']} (e.g. "
            + "; ".join(unplaced.get("examples", []))
            + ")"
        )
    if batch.supersedes_id and not batch.unchanged:
        lines.append(f"  supersedes batch {batch.supersedes_id}")
    lines.append(f"  {batch.figures.count()} figures")
    return "\n".join(lines)
