"""End to end in headless Chromium: the things a visitor does, and screenshots at desktop width
and at 360 px in artifacts/screenshots/ for a person to look at (axe on every page type:
test_accessibility.py)."""

import functools
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.support import chromium

from .world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
    "toegankelijkheid": "/toegankelijkheid/",
    "privacy": "/privacy/",
    "contact": "/contact/",
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

    with sync_playwright() as p, chromium(p) as launched:
        yield launched


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
    expect(page.locator("#result-count")).to_contain_text("1 initiatief gevonden")
    assert page.locator("#results").inner_text().strip().startswith("Bètapunt Noord")


def test_a_visitor_filters_the_actions_of_a_pact_by_status(page, site):
    page.goto(site + "/pacten/techniekpact-2020/")
    page.get_by_label("Ronde", exact=True).select_option("2014")
    page.get_by_label("Status", exact=True).select_option("vertraagd")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#actions-table tbody tr")
    expect(rows).to_have_count(1)
    assert "Techniek in het basisonderwijs" in rows.first.inner_text()


def test_a_visitor_opens_the_history_of_an_action(page, site):
    page.goto(site + "/pacten/techniekpact-2020/")
    page.get_by_role("link", name="Doorlopende leerlijnen").click()
    history = page.locator("#geschiedenis ~ section")
    expect(history).to_have_count(2)
    assert "Het plan is in uitvoering." in history.nth(1).inner_text()


def test_a_visitor_switches_to_english_and_back_on_the_same_page(page, site):
    page.goto(site + "/pacten/techniekpact-2020/")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(site + "/en/pacten/techniekpact-2020/")
    expect(page.get_by_role("heading", name="Actions")).to_be_visible()
    page.get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(site + "/pacten/techniekpact-2020/")
    expect(page.get_by_role("heading", name="Acties", exact=True)).to_be_visible()


def test_the_filters_work_with_javascript_switched_off(browser, site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site + "/pacten/techniekpact-2020/?ronde=2014")
    tab.get_by_label("Status", exact=True).select_option("vertraagd")
    tab.get_by_role("button", name="Filter").click()
    expect(tab.locator("#actions-table tbody tr")).to_have_count(1)
    context.close()


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


# --- Content-Security-Policy: no violation on any page type ------------------------------------
# Each tab records what the browser blocks: the securitypolicyviolation events (listened for
# by an init script, which the policy does not govern) and the console's CSP errors.
RECORD_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  (window.__violations = window.__violations || []).push(
    `${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sourceFile}:${e.lineNumber}`);
});
"""
SIGNED_OUT_PAGES = {
    **PAGE_TYPES,
    "inloggen": "/account/inloggen/",
    "beheer-inloggen": "/beheer/login/",
    "rapportage-html": "/rapportages/2014/bijlage1.html",
}
WORK_PAGES = {
    "werk": "/werk/",
    "ronde-werk": "/werk/rondes/2016/",
    "ronde-overzicht": "/werk/rondes/2016/overzicht/",
    "ronde-openen": "/werk/rondes/nieuw/",
    "update-bewerken": "/werk/updates/{draft}/",
    "update-geschiedenis": "/werk/updates/{published}/geschiedenis/",
    "tweede-stap-instellen": "/account/tweede-stap/instellen/",
    "beheer": "/beheer/",
    "beheer-rondes": "/beheer/progress/reportinground/",
    "beheer-ronde": "/beheer/progress/reportinground/{round}/change/",
    "beheer-update": "/beheer/progress/statusupdate/{draft}/change/",
}


def _watched_tab(context):
    tab = context.new_page()
    console: list[str] = []
    tab.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return tab, console


def _violations(tab, console: list[str]) -> list[str]:
    return [*tab.evaluate("window.__violations || []"), *console]


@pytest.mark.parametrize("name", list(SIGNED_OUT_PAGES))
def test_no_page_type_breaks_the_content_security_policy(browser, site, name):
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    tab, console = _watched_tab(context)
    if name == "rapportage-html":  # a stored document, made by the job as after a publication
        from tests import factory

        factory.produced_edition("rapportages/2014")
    response = tab.goto(site + SIGNED_OUT_PAGES[name])
    assert "script-src 'self'" in response.headers["content-security-policy"]
    tab.wait_for_load_state("load")
    found = _violations(tab, console)
    context.close()
    assert found == []


def test_no_work_page_nor_admin_page_breaks_the_content_security_policy(browser, site):
    from django.contrib.auth.models import Permission

    from pactmonitor.progress.models import ReportingRound, StatusUpdate
    from tests import factory

    draft_round = ReportingRound.objects.get(slug="2016")
    draft = factory.status_update(
        action=StatusUpdate.objects.filter(round=draft_round).first().action,
        round=draft_round,
        state="draft",
        version=2,
    )
    ids = {
        "draft": draft.pk,
        "published": StatusUpdate.objects.filter(state="published").first().pk,
        "round": draft_round.pk,
    }
    nina = factory.user(
        username="nina", role="national_coordinator", is_staff=True, password="geheim-wachtwoord"
    )
    nina.user_permissions.set(Permission.objects.all())
    device = factory.totp_device(nina)
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    tab, console = _watched_tab(context)
    tab.goto(site + "/account/inloggen/")
    tab.fill("#id_username", "nina")
    tab.fill("#id_password", "geheim-wachtwoord")
    tab.click("main button[type=submit]")
    tab.wait_for_url("**/account/tweede-stap/**")
    found = {"tweede-stap": _violations(tab, console)}
    tab.fill("#id_code", factory.totp_code(device))
    tab.click("main form.form button[type=submit]")
    tab.wait_for_url("**/werk/")
    for name, path in WORK_PAGES.items():
        console.clear()
        response = tab.goto(site + path.format(**ids))
        assert response.status == 200, name
        found[name] = _violations(tab, console)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}
