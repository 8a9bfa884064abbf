"""The developers' page in headless Chromium: Swagger UI renders every operation under the
site's Content-Security-Policy and loads nothing from outside the site."""

import pytest

from tests.web.test_browser import (  # noqa: F401  (the fixtures come along)
    RECORD_VIOLATIONS,
    _allow_sync_orm_beside_playwright,
    _violations,
    _watched_tab,
    browser,
)
from tests.web.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, transactional_db):
    build_world()
    return live_server.url


def test_the_viewer_shows_every_operation_without_breaking_the_policy(browser, site):  # noqa: F811
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    tab, console = _watched_tab(context)
    outside: list[str] = []
    tab.on("request", lambda r: None if r.url.startswith(site) else outside.append(r.url))
    tab.goto(site + "/ontwikkelaars/")
    tab.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = tab.locator(".opblock-summary-path").all_inner_texts()
    found = _violations(tab, console)
    context.close()
    assert "/pacts" in paths and "/status-updates" in paths and len(paths) >= 20
    assert found == [] and outside == []
