"""On a phone (360 px) and a desktop (1280 px) in headless Chromium: charts that fit their
column with the target in view, tables that are stacked or scroll in a labelled region with a
cue, the HTML annex and the work pages no wider than the screen. Screenshots of each go to
artifacts/screenshots/ for a person to look at."""

import pytest

from tests import duo, factory

from .test_browser import SCREENSHOTS, _allow_sync_orm_beside_playwright, browser  # noqa: F401
from .world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"360": 360, "desktop": 1280}
CHART_PAGES = {
    "dashboard": "/",
    "ronde": "/rondes/2014/",
    "indicator-duo": "/indicatoren/nt-ng-profiel/",
}
# Pages with tables in a scroll region (the chart's figures opened); the others stack their rows.
TABLE_PAGES = {
    "pacten": "/pacten/",
    "ronde-cijfers": "/rondes/2014/",
    "indicator-tabellen": "/indicatoren/nt-ng-profiel/",
}
ANNEXES = {
    "bijlage1-html": "/rapportages/2014/bijlage1.html",
    "bijlage2-html": "/rapportages/2014/bijlage2.html",
}
WORK_PAGES = {
    "werk": "/werk/",
    "ronde-werk": "/werk/rondes/2016/",
    "ronde-overzicht": "/werk/rondes/2016/overzicht/",
    "update-bewerken": "/werk/updates/{draft}/",
    "update-beoordelen": "/werk/updates/{draft}/beoordelen/",
    "update-geschiedenis": "/werk/updates/{published}/geschiedenis/",
}

# Every chart drawing the reader can see: its box, its column's and the viewport's width.
VISIBLE_CHARTS = """() => [...document.querySelectorAll('.pm-chart__image svg')]
  .filter((svg) => svg.getBoundingClientRect().width > 0)
  .map((svg) => ({
    right: svg.getBoundingClientRect().right,
    width: svg.getBoundingClientRect().width,
    column: svg.closest('.pm-chart').clientWidth,
  }))"""
# The target marks (diamonds) of the visible indicator chart, as boxes in the viewport.
TARGETS = """() => [...document.querySelectorAll('.pm-chart__image svg .streefwaarden_marks path')]
  .map((mark) => mark.getBoundingClientRect())
  .filter((box) => box.width > 0)
  .map((box) => ({left: box.left, right: box.right}))"""
# Every table box: whether it scrolls sideways, whether a keyboard can reach it, what it is
# called, and whether its hint ("Schuif de tabel opzij …") shows.
TABLE_BOXES = """() => [...document.querySelectorAll('table')]
  .map((table) => table.closest('.utrecht-table-container'))
  .filter((box) => box)
  .map((box) => ({
    scrolls: box.scrollWidth > box.clientWidth + 1,
    focusable: box.tabIndex === 0,
    role: box.getAttribute('role'),
    name: box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'),
    hint: [...box.querySelectorAll('.pm-scroll-hint')]
      .some((hint) => hint.getBoundingClientRect().height > 0),
  }))"""


def _unmarked(boxes: list[dict]) -> list[dict]:
    """A box that scrolls must be a named, focusable region with its hint in view; a box that
    does not scroll shows no hint."""
    return [
        box
        for box in boxes
        if box["scrolls"]
        and not (box["focusable"] and box["role"] == "region" and box["name"])
        or box["scrolls"] != box["hint"]
    ]


@pytest.fixture
def site(live_server, transactional_db):
    w = build_world()
    duo.build(w.noord, w.oost, w.nl)
    return live_server.url


def _look(browser, site, name: str, path: str, width: int, label: str, *, signed_in=None):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 800})
    if signed_in is not None:
        context.add_cookies(signed_in)
    tab = context.new_page()
    response = tab.goto(site + path)
    assert response.status == 200, name
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    return context, tab


@pytest.mark.parametrize("name", list(CHART_PAGES))
def test_a_chart_fits_its_column_with_its_target_in_view(browser, site, name):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        context, tab = _look(browser, site, name, CHART_PAGES[name], width, label)
        charts = tab.evaluate(VISIBLE_CHARTS)
        targets = tab.evaluate(TARGETS)
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        context.close()
        assert len(charts) == 1, f"{name} at {width}px shows {len(charts)} drawings of its chart"
        assert charts[0]["width"] <= charts[0]["column"], f"{name} at {width}px: {charts}"
        assert charts[0]["right"] <= width, f"{name} at {width}px: {charts}"
        assert scroll_width <= width, f"{name} is {scroll_width}px wide at {width}px"
        if name == "indicator-duo":
            # The national havo/vwo target of 55% in 2020, a diamond inside the screen.
            assert targets, f"no target mark at {width}px"
            assert all(0 <= t["left"] and t["right"] <= width for t in targets), targets


def test_a_public_table_that_scrolls_says_so(browser, site):  # noqa: F811
    unmarked = {}
    for name, path in TABLE_PAGES.items():
        for label, width in WIDTHS.items():
            context, tab = _look(browser, site, name, path, width, label)
            tab.locator("details.pm-chart__data > summary").evaluate_all(
                "(summaries) => summaries.forEach((s) => s.click())"
            )
            # An opened table's container query settles a frame or two after the click.
            tab.wait_for_timeout(300)
            bad = _unmarked(tab.evaluate(TABLE_BOXES))
            context.close()
            if bad:
                unmarked[f"{name} at {width}px"] = bad
    assert unmarked == {}


@pytest.mark.parametrize("name", list(ANNEXES))
def test_the_html_annex_fits_a_phone(browser, site, name):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    factory.produced_edition("rapportages/2014")
    for label, width in WIDTHS.items():
        context, tab = _look(browser, site, name, ANNEXES[name], width, label)
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        bare_labels = tab.evaluate(BARE_LABELS)
        context.close()
        assert scroll_width <= width, f"{name} is {scroll_width}px wide at {width}px"
        assert bare_labels == [], f"{name} at {width}px shows a label with nothing after it"


# The column names a stacked row shows before cells that hold nothing ("Vindplaats:" alone).
BARE_LABELS = """() => [...document.querySelectorAll('td[data-label]')]
  .filter((cell) => cell.offsetParent !== null && !cell.textContent.trim())
  .map((cell) => cell.dataset.label)"""


def test_the_work_pages_fit_a_phone_and_a_table_that_scrolls_says_so(browser, site):  # noqa: F811
    from pactmonitor.progress.models import ReportingRound, StatusUpdate

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
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
    }
    nina = factory.user(
        username="nina", role="national_coordinator", is_staff=True, password="geheim-wachtwoord"
    )
    device = factory.totp_device(nina)
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(site + "/account/inloggen/")
    tab.fill("#id_username", "nina")
    tab.fill("#id_password", "geheim-wachtwoord")
    tab.click("main button[type=submit]")
    tab.wait_for_url("**/account/tweede-stap/**")
    tab.fill("#id_code", factory.totp_code(device))
    tab.click("main form.form button[type=submit]")
    tab.wait_for_url("**/werk/")
    cookies = context.cookies()
    context.close()
    too_wide, unmarked = {}, {}
    for name, path in WORK_PAGES.items():
        for label, width in WIDTHS.items():
            context, tab = _look(
                browser, site, name, path.format(**ids), width, label, signed_in=cookies
            )
            scroll_width = tab.evaluate("document.documentElement.scrollWidth")
            boxes = tab.evaluate(TABLE_BOXES)
            context.close()
            if scroll_width > width:
                too_wide[f"{name} at {width}px"] = scroll_width
            bad = _unmarked(boxes)
            if bad:
                unmarked[f"{name} at {width}px"] = bad
    assert too_wide == {}
    assert unmarked == {}
