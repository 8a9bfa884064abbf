"""In headless Chromium with JavaScript: "Nog een mijlpaal" and "Nog een vindplaats" add rows
in the page (no reload), and one save keeps them all."""

import pytest
from playwright.sync_api import expect

from tests import world
from tests.support import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright, chromium(playwright) as launched:
        yield launched


def test_an_owner_adds_three_milestones_and_two_sources_and_saves_once(live_server, browser):
    w = world.build()
    update = world.draft(w, w.n2)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    # Script errors, and the console's "Refused to ..." when the CSP blocks something.
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.text.startswith("Refused") else None)
    page.goto("/account/inloggen/")
    page.fill("#id_username", "bob")
    page.fill("#id_password", world.PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/werk/")

    page.goto(f"/werk/updates/{update.pk}/")
    loads: list[str] = []
    page.on("load", lambda _: loads.append(page.url))
    page.fill("#id_narrative", "Drie mijlpalen en twee vindplaatsen")
    page.fill("#id_mijlpalen-0-text", "Stagebank open")
    for number, text in ((1, "Honderd stages"), (2, "Evaluatie")):
        page.click("text=Nog een mijlpaal")
        page.fill(f"#id_mijlpalen-{number}-text", text)
    page.fill("#id_mijlpalen-1-date_text", "eind 2015")
    page.fill("#id_vindplaatsen-0-title", "Jaarverslag")
    page.click("text=Nog een vindplaats")
    page.fill("#id_vindplaatsen-1-title", "Nieuwsbrief")
    page.fill("#id_vindplaatsen-1-url", "https://example.org/nieuws")
    assert loads == []  # the rows came without a reload
    assert page.input_value("#id_mijlpalen-TOTAL_FORMS") == "3"
    page.click("main form.form button.utrecht-button--primary-action")
    page.wait_for_url("**/werk/rondes/2015/")

    expect(page.locator(".messages")).to_contain_text("Opgeslagen")
    assert sorted(m.text for m in update.milestones.all()) == [
        "Evaluatie",
        "Honderd stages",
        "Stagebank open",
    ]
    assert [(s.title, s.url) for s in update.sources.all()] == [
        ("Jaarverslag", ""),
        ("Nieuwsbrief", "https://example.org/nieuws"),
    ]
    assert errors == []  # no script error, no CSP refusal of the script
    context.close()
