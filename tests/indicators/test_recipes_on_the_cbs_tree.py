"""The bundled recipes on the real region tree: a DUO file imported through its recipe and
placed by the regions app's own tables (the CBS tree of the bundled open data, no stand-in),
gives a national figure equal to the count made here from the CSV with Python's csv module."""

from __future__ import annotations

import pytest

from pactmonitor.indicators.importer import import_file
from pactmonitor.indicators.models import Indicator
from pactmonitor.indicators.recipes import load
from pactmonitor.indicators.rollup import roll_up
from pactmonitor.regions.models import Region
from tests.indicators.test_recipes import EXPECTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def national(keys: set[str]) -> dict[tuple[str, int], list[float | None]]:
    """(level, year) → [numerator, denominator] of Nederland, over these indicators."""
    nederland = Region.objects.get(kind="land")
    return {
        (r.education_level, r.year): [r.numerator, r.denominator]
        for indicator in Indicator.objects.filter(key__in=keys)
        for r in roll_up(indicator.pk)
        if r.region_id == nederland.pk
    }


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_the_national_figure_on_the_cbs_tree_is_the_count_of_the_csv(bundled, data_dir, key):
    recipe = load(key)
    assert recipe.bundled_file is not None
    batch = import_file(recipe, recipe.bundled_file)
    assert batch.unplaced == {"count": 0, "examples": []}  # every row reaches Nederland
    expected = {k: v for k, v in EXPECTED[key]().items() if v[1]}
    assert national({s.indicator for s in recipe.series}) == expected
