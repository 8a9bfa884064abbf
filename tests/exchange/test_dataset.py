"""The dataset checker: problems named by file and path before anything is written."""

import shutil
from pathlib import Path

import pytest

from pactmonitor.exchange.dataset import BUNDLED, DatasetError, read_dataset
from pactmonitor.pacts.choices import ACTION_NUMBER_PATTERN

MINI = Path(__file__).parent / "mini"


def test_an_action_number_outside_the_pattern_is_named_with_file_and_path(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    pact = folder / "pact.yaml"
    pact.write_text(pact.read_text().replace('- number: "1"', '- number: "1/2"', 1))
    with pytest.raises(DatasetError) as error:
        read_dataset(folder)
    assert "pact.yaml: pacts[0].actions[0].number: '1/2' is no action number" in str(error.value)


def test_every_action_number_of_the_bundled_pacts_fits_the_pattern():
    import re

    numbers = [
        str(action["number"])
        for entry in read_dataset(BUNDLED).pacts
        for action in entry.get("actions") or []
    ]
    assert len(numbers) > 22 and all(re.match(ACTION_NUMBER_PATTERN, n) for n in numbers)
