"""End to end in headless Chromium: the things a visitor does, axe on every page type, and
screenshots at desktop width and at 360 px in artifacts/screenshots/ for a person to look at."""

import functools
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from pactmonitor.reports.render_pdf import CHROMIUM_ARGS  # the same flags the PDFs use

from .world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PAGE_TYPES = {
    "dashboard": "/",
    "pacten": "/pacten/",
    "pact": "/pacten/techniekpact-2020/",
    "actie": "/pacten/techniekpact-2020/acties/2/",
    "landsdelen": "/landsdelen/",
    "landsdeel": "/landsdelen/noord/",
    "regio": "/regios/groningen/",
    "ronde": "/rondes/2014/",
    "indicatoren": "/indicatoren/",
    "indicator": "/indicatoren/havo-nt-profiel/",
    "initiatieven": "/initiatieven/?q=beta",
    "initiatief": "/initiatieven/betapunt-noord/",
    "zoeken": "/zoeken/?q=techniek",
    "english": "/en/",
    "niet-gevonden": "/indicatoren/bestaat-niet/",
}


@pytest.fixture(scope="module", autouse=True)
def _allow_sync_orm_beside_playwright():
    """Playwright's sync API runs an event loop; Django must allow ORM calls beside it. Set only
    for this module, so subprocesses of other tests (check --deploy) never inherit it."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, transactional_db):
    build_world()
    return live_server.url


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_a_visitor_finds_an_initiative_without_typing_the_accent(page, site):
    page.goto(site + "/initiatieven/")
    page.get_by_label("Zoekwoorden").fill("beta")
    page.get_by_role("button", name="Zoek", exact=True).last.click()
    assert page.locator("#results").inner_text().strip().startswith("Bètapunt Noord")
    assert "1 initiatief gevonden" in page.locator("#result-count").inner_text()


def test_a_visitor_filters_the_actions_of_a_pact_by_status(page, site):
    page.goto(site + "/pacten/techniekpact-2020/")
    page.get_by_label("Ronde", exact=True).select_option("2014")
    page.get_by_label("Status", exact=True).select_option("vertraagd")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#actions-table tbody tr")
    assert rows.count() == 1
    assert "Techniek in het basisonderwijs" in rows.first.inner_text()


def test_a_visitor_opens_the_history_of_an_action(page, site):
    page.goto(site + "/pacten/techniekpact-2020/")
    page.get_by_role("link", name="Doorlopende leerlijnen").click()
    history = page.locator("#geschiedenis ~ section")
    assert history.count() == 2
    assert "Het plan is in uitvoering." in history.nth(1).inner_text()


def test_a_visitor_switches_to_english_and_back_on_the_same_page(page, site):
    page.goto(site + "/pacten/techniekpact-2020/")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/pacten/techniekpact-2020/")
    assert page.get_by_role("heading", name="Actions").is_visible()
    page.get_by_role("link", name="Nederlands").click()
    assert page.get_by_role("heading", name="Acties", exact=True).is_visible()


def test_the_filters_work_with_javascript_switched_off(browser, site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site + "/pacten/techniekpact-2020/?ronde=2014")
    tab.get_by_label("Status", exact=True).select_option("vertraagd")
    tab.get_by_role("button", name="Filter").click()
    assert tab.locator("#actions-table tbody tr").count() == 1
    context.close()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_serious_or_critical_violation(page, site, name):
    page.goto(site + PAGE_TYPES[name])
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, "
        "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def _record_outside(host: str, outside: list[str], request) -> None:
    if urlparse(request.url).netloc != host:
        outside.append(request.url)


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_fits_a_360_pixel_screen_and_loads_nothing_from_outside(browser, site, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    host = urlparse(site).netloc
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 800})
        tab = context.new_page()
        outside: list[str] = []
        tab.on("request", functools.partial(_record_outside, host, outside))
        tab.goto(site + PAGE_TYPES[name])
        label = "desktop" if width == 1280 else "360"
        tab.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        context.close()
        assert scroll_width <= width, f"{name} is {scroll_width}px wide at {width}px"
        assert outside == []
