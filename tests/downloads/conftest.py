import pytest


@pytest.fixture
def quick_reports(monkeypatch):
    """Reports rendered as one line naming the report and format: the job, the storage and the
    serving are under test here; the documents themselves are tested in tests/reports."""
    from pactmonitor.reports import storage

    def render(report, format):
        return f"{report.title} ({report.round.name}) als {format}".encode()

    monkeypatch.setattr(storage, "render", render)
