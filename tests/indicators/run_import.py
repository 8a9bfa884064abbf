"""Run ``import-observations`` in a fresh process on its own SQLite data directory.

The regions app's placement tables are not loaded here, so every location is placed in one
municipality made for the run. Used by the kill -9 test: ``python -m tests.indicators.run_import
RECIPE FILE`` with PACTMONITOR_DATA_DIR set.
"""

from __future__ import annotations

import os
import sys

import django


def main(recipe: str, path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactmonitor.settings")
    django.setup()
    from django.core.management import call_command

    from pactmonitor.indicators import importer
    from pactmonitor.regions.models import Region
    from tests.indicators.conftest import Everywhere

    call_command("migrate", verbosity=0)
    Region.objects.get_or_create(
        key="gemeente-run", defaults={"name": "Gemeente", "kind": "gemeente", "code": "GM9999"}
    )
    importer.placements = lambda key: Everywhere(["GM9999"])
    importer.normalise = lambda value: value
    call_command("import_observations", recipe, path)


if __name__ == "__main__":
    main(*sys.argv[1:3])
