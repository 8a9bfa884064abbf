"""One whole round on the bundled dataset, from opening to publication, by the four roles,
in headless Chromium against the live app."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from pactmonitor.pacts.models import Pact
from pactmonitor.progress.models import ReportingRound, StatusUpdate
from tests import factory
from tests.exchange.workbooks import put
from tests.support import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-wachtwoord-e2e"


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop; the test's own ORM calls are still synchronous.
    # Set for this test only: a leaked variable fails other tests' deployment checks.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright, chromium(playwright) as launched:
        yield launched


class Person:
    """A signed-in user in their own browser context."""

    def __init__(self, browser, base_url: str, username: str):
        self.context = browser.new_context(base_url=base_url, locale="nl-NL")
        self.page = self.context.new_page()
        self.page.goto("/account/inloggen/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state("load")
        if "/account/tweede-stap/" in self.page.url:  # the app demo-users set up for them
            device = TOTPDevice.objects.get(user__username=username, confirmed=True)
            self.page.fill("#id_code", factory.totp_code(device))
            self.page.click("main form.form button[type=submit]")
        self.page.wait_for_url("**/werk/")

    def messages(self) -> str:
        return self.page.locator(".messages").inner_text()

    def close(self) -> None:
        self.context.close()


def test_the_four_roles_run_a_round_from_opening_to_publication(
    bundled, live_server, browser, tmp_path
):
    call_command("demo_users", "--password", PASSWORD, stdout=StringIO())
    national_pact = Pact.objects.get(key="techniekpact-2020")

    # The national coordinator opens the round.
    nina = Person(browser, live_server.url, "landelijk")
    nina.page.goto("/werk/rondes/nieuw/")
    nina.page.select_option("#id_pact", str(national_pact.pk))
    nina.page.fill("#id_name", "Voortgangsrapportage 2016")
    nina.page.fill("#id_slug", "2016")
    nina.page.fill("#id_peildatum", "2016-06-01")
    nina.page.fill("#id_deadline", "2016-06-30")
    nina.page.click("main button[type=submit]")
    assert "is geopend" in nina.messages()
    round = ReportingRound.objects.get(slug="2016")
    assert (
        round.updates.count()
        == StatusUpdate.objects.filter(round=round, state="draft").count()
        > 100
    )

    # An owner (Techniekpact Twente) fills in one of their drafts.
    owner = Person(browser, live_server.url, "eigenaar-techniekpact-twente")
    owner.page.goto("/werk/rondes/2016/")
    owner.page.locator("a", has_text="Bewerken").first.click()
    update_pk = int(re.search(r"/updates/(\d+)/", owner.page.url).group(1))
    owner.page.select_option("#id_status", "op_schema")
    owner.page.fill("#id_narrative", "De Twentse techniekcentra draaien; 12 scholen doen mee.")
    owner.page.click("main form.form button.utrecht-button--primary-action")
    assert "Opgeslagen" in owner.messages()

    # Noordvleugel's coordinator fills in their landsdeel offline, in the Excel workbook.
    vleugel = Person(browser, live_server.url, "coordinator-noordvleugel")
    vleugel.page.goto("/werk/rondes/2016/")
    with vleugel.page.expect_download() as download:
        vleugel.page.click("text=Download als Excel-werkmap")
    path = tmp_path / "werkmap.xlsx"
    download.value.save_as(path)
    workbook = load_workbook(path)
    put(workbook, 2, status="vertraagd", narrative="Later gestart door de subsidieronde.")
    workbook.save(path)
    vleugel.page.goto("/uitwisseling/rondes/2016/uploaden/")
    vleugel.page.set_input_files("#id_workbook", str(path))
    vleugel.page.click("main button[type=submit]")
    assert "1 verwerkt" in vleugel.page.locator(".summary").inner_text()
    uploaded = StatusUpdate.objects.get(
        round=round, narrative="Later gestart door de subsidieronde."
    )
    assert (uploaded.status, uploaded.updated_by.username) == (
        "vertraagd",
        "coordinator-noordvleugel",
    )
    vleugel.close()

    # The landsdeel coordinators review and submit their landsdelen; the national
    # coordinator submits the national actions.
    for username in ("coordinator-oost", "coordinator-noordvleugel"):
        coordinator = Person(browser, live_server.url, username)
        coordinator.page.goto("/werk/rondes/2016/")
        coordinator.page.locator("button", has_text="getoonde concepten indienen").click()
        coordinator.page.locator("button", has_text="Bevestigen:").click()
        assert "updates ingediend" in coordinator.messages()
        coordinator.close()
    nina.page.goto("/werk/rondes/2016/")
    nina.page.locator("button", has_text="getoonde concepten indienen").click()
    nina.page.locator("button", has_text="Bevestigen:").click()
    assert not StatusUpdate.objects.filter(round=round, state="draft").exists()

    # The national coordinator sends the owner's update back with a comment.
    nina.page.goto(f"/werk/updates/{update_pk}/terugsturen/")
    nina.page.fill("#id_comment", "Hoeveel leerlingen bereikt het?")
    nina.page.click("main button[type=submit]")
    assert "Teruggestuurd" in nina.messages()

    # The owner sees the comment, adds what was asked, and Oost's coordinator submits again.
    owner.page.goto(f"/werk/updates/{update_pk}/")
    assert "Hoeveel leerlingen bereikt het?" in owner.page.content()
    owner.page.fill(
        "#id_narrative", "De Twentse techniekcentra draaien; 12 scholen en 900 leerlingen doen mee."
    )
    owner.page.click("main form.form button.utrecht-button--primary-action")
    oost = Person(browser, live_server.url, "coordinator-oost")
    oost.page.goto("/werk/rondes/2016/")
    oost.page.locator("button", has_text="getoonde concepten indienen").click()
    oost.page.locator("button", has_text="Bevestigen:").click()

    # The national coordinator approves everything and publishes.
    nina.page.goto("/werk/rondes/2016/")
    nina.page.locator("button", has_text="getoonde ingediende updates goedkeuren").click()
    nina.page.locator("button", has_text="Bevestigen:").click()
    nina.page.locator("button", has_text="Ronde publiceren").click()
    assert "Ronde gepubliceerd" in nina.messages()

    round.refresh_from_db()
    update = StatusUpdate.objects.get(pk=update_pk)
    assert round.state == "published"
    assert (update.state, update.status) == (
        "published",
        "op_schema",
    ) and "900 leerlingen" in update.narrative

    # The published round is public, and the administrator finds who changed what in the admin.
    public = browser.new_page(base_url=live_server.url)
    assert public.goto("/rondes/2016/").status == 200
    admin = Person(browser, live_server.url, "beheerder")
    admin.page.goto(f"/beheer/progress/statusupdate/{update_pk}/history/")
    history = admin.page.content()
    assert "eigenaar-techniekpact-twente" in history and "landelijk" in history
