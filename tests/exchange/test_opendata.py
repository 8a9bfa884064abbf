"""The JSON dump is written row by row: its memory does not grow with the data."""

import io
import json
import tracemalloc

import pytest

from pactmonitor.exchange.opendata import TABLES, write_json
from pactmonitor.indicators.models import Observation
from tests import factory

pytestmark = pytest.mark.django_db


class Sink(io.StringIO):
    """A file that keeps only what the test needs: how much was written, in how many writes."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0
        self.size = 0
        self.tail = ""

    def write(self, text: str) -> int:
        self.writes += 1
        self.size += len(text)
        self.tail = (self.tail + text)[-200:]
        return len(text)


def observations(count: int) -> None:
    indicator = factory.indicator()
    Observation.objects.bulk_create(
        Observation(indicator=indicator, year=2000 + n % 20, value=n, note=f"meting {n}")
        for n in range(count)
    )


def peak_while_writing() -> tuple[int, Sink]:
    sink = Sink()
    tracemalloc.start()
    try:
        write_json(sink, TABLES)
        return tracemalloc.get_traced_memory()[1], sink
    finally:
        tracemalloc.stop()


def test_the_json_dump_needs_no_more_memory_for_four_times_the_rows():
    observations(4000)
    small, small_sink = peak_while_writing()
    observations(12000)
    large, large_sink = peak_while_writing()
    assert large_sink.size > 3.5 * small_sink.size  # four times the data was written …
    assert large < 1.5 * small  # … with about the same memory


def test_the_json_dump_is_written_a_row_at_a_time_and_stays_valid_json(tmp_path):
    observations(50)
    sink = Sink()
    counts = write_json(sink, TABLES)
    assert counts["metingen"] == 50 and sink.writes > 50
    path = tmp_path / "dump.json"
    with path.open("w") as handle:
        write_json(handle, TABLES)
    assert len(json.loads(path.read_text())["tabellen"]["metingen"]) == 50
