"""Until the regions app ships its real placement tables, tests place source values themselves.

``placed`` swaps the importer's placement lookups for a table the test controls: every value it
maps lands in one of the municipalities made here (CBS codes GM9001...).
"""

from __future__ import annotations

import pytest
from django.test import override_settings

from pactmonitor.indicators import importer
from tests import factory


class Everywhere(dict):
    """A placement table that places every value, spread over the given municipality codes."""

    def __init__(self, codes, refused=()):
        super().__init__()
        self.codes, self.refused = list(codes), set(refused)

    def get(self, value, default=None):
        if value in self.refused:
            return default
        return self.codes[sum(map(ord, value)) % len(self.codes)]


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path):
        yield


@pytest.fixture
def municipalities(db):
    land = factory.region(key="nederland", name="Nederland", kind="land")
    return [
        factory.region(
            key=f"gemeente-{n}",
            name=f"Gemeente {n}",
            kind="gemeente",
            parent=land,
            code=f"GM900{n}",
        )
        for n in (1, 2, 3)
    ]


@pytest.fixture
def placed(monkeypatch, municipalities):
    """Every source value placed; ``placed.refused`` holds values that must stay unplaced."""
    table = Everywhere([m.code for m in municipalities])
    monkeypatch.setattr(importer, "placements", lambda key: table)
    monkeypatch.setattr(importer, "normalise", lambda value: value.strip().upper())
    return table
