"""The query budgets of tests/query_counts.json (after NetBox's dcim/tests/query_counts.json)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

BUDGETS = json.loads((Path(__file__).parent / "query_counts.json").read_text())


def page_types(section: str) -> list[str]:
    return sorted(BUDGETS[section])


def queries_for(client, url: str) -> int:
    """How many queries a fresh render of ``url`` asks (the page cache emptied first).

    A report (``/rapportages/<round>/<document>.html``) is a stored file that the background
    job makes once per publication: its budget is what making that document asks. A concept
    (``/rapportages/<round>/concept/...``) is rendered per request, so it is a page like others."""
    if url.startswith("/rapportages/") and "/concept/" not in url:
        return _report_queries(url)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def assert_within_budget(section: str, page: str, counts: dict[str, int]) -> None:
    budget = BUDGETS[section][page]
    assert max(counts.values()) <= budget["max"], f"{page}: {counts} > {budget['max']}"
    spread = max(counts.values()) - min(counts.values())
    assert spread <= budget.get("spread", spread), (
        f"{page}: {counts} differ by more than its spread"
    )


def _report_queries(url: str) -> int:
    from pactmonitor.pacts.models import Pact
    from pactmonitor.progress.models import ReportingRound
    from pactmonitor.regions.models import Region
    from pactmonitor.reports import services
    from pactmonitor.reports.output import render

    slug, document = url.removeprefix("/rapportages/").removesuffix(".html").split("/", 1)
    round = ReportingRound.objects.published().get(slug=slug)
    kind, _, key = document.partition("/")
    with CaptureQueriesContext(connection) as captured:
        if kind == "landsdelen":
            report = services.build("landsdeel", round, region=Region.objects.get(key=key))
        elif kind == "pacten":
            report = services.build("pact", round, pact=Pact.objects.get(key=key))
        else:
            report = services.build(kind, round)
        render(report, "html")
    return len(captured)
