"""The review of initiatives, in headless Chromium against the live app: a landsdeel
coordinator adds an initiative and later changes it; the national coordinator finds both from
/werk/beoordelen/, sees the change field by field in words (labels, not codes) and approves;
the public sees each only once approved. Another landsdeel's coordinator, and the coordinator
who entered it, may not review it."""

import pytest

from pactmonitor.initiatives.models import Initiative, InitiativeChange
from tests import world
from tests.support import chromium, post_from, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, the ORM's calls
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright, chromium(playwright) as launched:
        yield launched


def as_(browser, live_server, user):
    return signed_in_page(browser, live_server.url, user.username, world.PASSWORD)


def add_campus(page, w):
    page.goto("/werk/initiatieven/nieuw/")
    page.fill("#id_name", "Campus Emmen")
    page.select_option("#id_kind", "campus")
    page.select_option("#id_regions", str(w.groningen.pk))
    page.check("input[name=levels][value=mbo]")
    page.locator("main form.form button.utrecht-button--primary-action").click()
    return Initiative.objects.get(name="Campus Emmen")


def review_from_the_review_page(page, name):
    page.goto("/werk/beoordelen/")
    page.locator("a", has_text="Nieuwe en gewijzigde initiatieven ter beoordeling").click()
    page.locator("#ter-beoordeling + ul a", has_text=name).click()


def test_a_new_initiative_and_a_change_to_it_are_public_only_once_approved(live_server, browser):
    w = world.build()
    carol = as_(browser, live_server, w.carol)
    campus = add_campus(carol, w)
    public = browser.new_page(base_url=live_server.url)
    assert public.goto(campus.get_absolute_url()).status == 404

    nina = as_(browser, live_server, w.nina)
    review_from_the_review_page(nina, "Campus Emmen")
    facts = nina.locator(".pm-facts").inner_text()
    assert "campus" in facts and "mbo" in facts and "Groningen" in facts
    nina.locator("main button", has_text="Goedkeuren").click()
    assert public.goto(campus.get_absolute_url()).status == 200

    # Carol makes it a CIV and adds hbo; the public keeps the approved version meanwhile.
    carol.goto(f"/werk/initiatieven/{campus.key}/")
    carol.select_option("#id_kind", "civ")
    carol.check("input[name=levels][value=hbo]")
    carol.locator("main form.form button.utrecht-button--primary-action").click()
    assert Initiative.objects.get(pk=campus.pk).kind == "campus"

    review_from_the_review_page(nina, "Campus Emmen")
    kind = nina.locator("#veld-kind").inner_text()
    assert "(gewijzigd)" in kind and "Centrum voor Innovatief Vakmanschap" in kind
    assert "civ" not in kind.split()
    assert "mbo, hbo" in nina.locator("#veld-levels").inner_text()
    assert "(gewijzigd)" not in nina.locator("#veld-name").inner_text()
    nina.locator("button", has_text="Wijziging goedkeuren").click()
    changed = Initiative.objects.get(pk=campus.pk)
    assert (changed.kind, changed.education_levels.split()) == ("civ", ["mbo", "hbo"])
    visitor = browser.new_page(base_url=live_server.url)  # the public browser may keep a copy
    visitor.goto(campus.get_absolute_url())
    assert "Centrum voor Innovatief Vakmanschap" in visitor.locator("main").inner_text()


def test_neither_another_landsdeels_coordinator_nor_its_own_may_review_it(live_server, browser):
    w = world.build()
    carol = as_(browser, live_server, w.carol)
    campus = add_campus(carol, w)
    assert carol.goto(f"/werk/initiatieven/{campus.key}/beoordelen/").status == 403
    carol.goto("/werk/initiatieven/")
    assert post_from(carol, f"/werk/initiatieven/{campus.key}/goedkeuren/") == 403
    dave = as_(browser, live_server, w.dave)
    assert dave.goto(f"/werk/initiatieven/{campus.key}/beoordelen/").status == 403
    assert dave.goto(f"/werk/initiatieven/{campus.key}/").status == 403
    assert dave.goto("/werk/beoordelen/").status == 403
    dave.goto("/werk/initiatieven/")
    assert post_from(dave, f"/werk/initiatieven/{campus.key}/goedkeuren/") == 403
    assert Initiative.objects.get(pk=campus.pk).review_state == "pending"
    assert not InitiativeChange.objects.exists()
