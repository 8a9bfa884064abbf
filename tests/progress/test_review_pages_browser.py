"""The review pages of a round, in headless Chromium against the live app, as the people who
use them: the landsdeel coordinator submits their landsdeel's profile and the national
coordinator approves it from /werk/beoordelen/; a national coordinator proposes a correction of
a published update and a second one approves it. Another landsdeel's coordinator, and the
proposer approving their own correction, are refused and nothing changes."""

import pytest
from playwright.sync_api import expect

from pactmonitor.progress.models import ProposedCorrection, RegionProfile, StatusUpdate
from tests import factory, world
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


def noord(w):
    return RegionProfile.objects.get(round=w.round, region=w.noord)


def test_a_landsdeel_profile_is_submitted_by_its_coordinator_and_approved_from_the_review_page(
    live_server, browser
):
    w = world.build()
    carol = as_(browser, live_server, w.carol)
    carol.goto("/werk/rondes/2015/")
    carol.locator("#profiel-noord a", has_text="bewerken").click()
    carol.fill("#id_organisation", "Noord werkt met drie provinciale pacten.")
    carol.fill("#id_priorities", "Meer stageplaatsen in Drenthe.")
    carol.locator("main form.form button.utrecht-button--primary-action").click()
    expect(carol.locator(".messages")).to_contain_text("opgeslagen")
    carol.locator("#profiel-noord button", has_text="Profiel indienen").click()
    expect(carol.locator(".messages")).to_contain_text("Ingediend: profiel van Noord")
    assert noord(w).state == "submitted"

    nina = as_(browser, live_server, w.nina)
    nina.goto("/werk/beoordelen/")
    section = nina.locator("#profiel-noord-2015")
    assert "Noord werkt met drie provinciale pacten." in section.inner_text()
    assert "Ingediend; bijgewerkt door carol" in section.inner_text()
    section.locator("button", has_text="Goedkeuren").click()
    expect(nina.locator(".messages")).to_contain_text("Goedgekeurd: profiel van Noord")
    assert "Geen landsdeelprofielen ter beoordeling." in nina.locator("main").inner_text()
    assert (noord(w).state, noord(w).reviewed_by) == ("approved", w.nina)


def test_another_landsdeels_coordinator_may_not_touch_or_review_the_profile(live_server, browser):
    w = world.build()
    dave = as_(browser, live_server, w.dave)
    assert dave.goto("/werk/rondes/2015/profielen/noord/").status == 403
    assert dave.goto("/werk/beoordelen/").status == 403
    dave.goto("/werk/rondes/2015/")
    assert dave.locator("#profiel-noord").count() == 0  # only Oost's own profile
    assert post_from(dave, "/werk/rondes/2015/profielen/noord/indienen/") == 403
    carol = as_(browser, live_server, w.carol)  # nor does Noord's own coordinator review it
    assert carol.goto("/werk/beoordelen/").status == 403
    assert noord(w).state == "draft"


def published_stages(w):
    return StatusUpdate.objects.get(round=w.previous, action=w.n2, is_current=True)


def propose_correction(page, update, narrative):
    page.goto("/werk/rondes/2014/")
    page.locator(f"#update-{update.pk} a", has_text="Corrigeren").click()
    page.select_option("#id_status", "vertraagd")
    page.fill("#id_narrative", narrative)
    page.fill("#id_reason", "Het verslag van 2014 noemde de vertraging al.")
    page.locator("main form.form button.utrecht-button--primary-action").click()


def test_a_correction_waits_for_a_second_national_coordinator_who_approves_it(live_server, browser):
    w = world.build()
    nora = factory.user(
        username="nora", role="national_coordinator", password=world.PASSWORD, first_name="Nora"
    )
    stages = published_stages(w)
    nina = as_(browser, live_server, w.nina)
    propose_correction(nina, stages, "Stages lopen achter op het plan.")
    proposal = ProposedCorrection.objects.get()
    assert nina.url.endswith(f"/werk/correcties/{proposal.pk}/")
    assert nina.locator("button", has_text="Goedkeuren en publiceren").count() == 0
    assert "Een tweede landelijk coördinator keurt deze correctie goed" in nina.content()
    assert published_stages(w).pk == stages.pk  # nothing published yet

    reviewer = as_(browser, live_server, nora)
    reviewer.goto("/werk/beoordelen/")
    reviewer.locator(f'a[href="/werk/correcties/{proposal.pk}/"]').click()
    table = reviewer.locator("main table").inner_text()
    assert "Stages lopen volgens plan." in table and "Stages lopen achter op het plan." in table
    reviewer.locator("button", has_text="Goedkeuren en publiceren").click()
    corrected = published_stages(w)
    assert (corrected.version, corrected.narrative) == (2, "Stages lopen achter op het plan.")
    assert ProposedCorrection.objects.get().reviewed_by == nora


def test_the_proposer_may_not_approve_their_own_correction(live_server, browser):
    w = world.build()
    factory.user(username="nora", role="national_coordinator", password=world.PASSWORD)
    nina = as_(browser, live_server, w.nina)
    propose_correction(nina, published_stages(w), "Eigen correctie.")
    proposal = ProposedCorrection.objects.get()
    assert post_from(nina, f"/werk/correcties/{proposal.pk}/goedkeuren/") == 403
    assert ProposedCorrection.objects.get().state == "pending"
    assert published_stages(w).version == 1
    dave = as_(browser, live_server, w.dave)  # a landsdeel coordinator does not even see it
    assert dave.goto(f"/werk/correcties/{proposal.pk}/").status == 403
