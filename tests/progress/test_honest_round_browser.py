"""The honest round of issue 12, end to end in headless Chromium against the live app: a round of
9 drafts carried over from the previous round, the owners fill in 2 and mark them ready, the
national coordinator submits a selection (with the confirmation that says what will happen),
approves and publishes; the published round page, Bijlage 1 and the comparison page say 2
reported, 7 not, and the notification outbox holds exactly the e-mails the steps owe people."""

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from pactmonitor.notifications.models import Notification
from pactmonitor.progress import services
from pactmonitor.progress.choices import Reporting
from pactmonitor.progress.models import StatusUpdate
from tests import factory
from tests.support import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "eerlijke-ronde-wachtwoord"


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, the ORM's calls
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright, chromium(playwright) as launched:
        yield launched


def build_round():
    """A national pact of 9 actions, each reported in the published 2014 round (as the source
    documents say), and the 2015 round opened from it: 9 carried-over drafts."""
    school = factory.organisation(key="school-a", name="Techniekschool A")
    bedrijf = factory.organisation(key="bedrijf-b", name="Bedrijf B")
    pact = factory.pact(key="nationaal", name="Nationaal pact")
    previous = factory.reporting_round(
        pact=pact, slug="2014", name="Ronde 2014", peildatum=datetime.date(2014, 5, 31)
    )
    for number in range(1, 10):
        lead = school if number <= 3 else bedrijf if number <= 6 else None
        action = factory.action(
            pact=pact, number=str(number), title=f"Actie {number}", leads=[lead] if lead else []
        )
        factory.status_update(
            round=previous,
            action=action,
            state="published",
            status="op_schema",
            basis="reported",
            narrative=f"Stand van actie {number} in 2014.",
        )
    previous.state = "published"
    previous.save()
    round = services.open_round(
        pact=pact, slug="2015", name="Ronde 2015", peildatum=datetime.date(2015, 6, 1)
    )
    people: dict[str, dict[str, Any]] = {
        "alice": {"role": "action_owner", "organisation": school},
        "bob": {"role": "action_owner", "organisation": bedrijf},
        "nina": {"role": "national_coordinator"},
    }
    for username, fields in people.items():
        user = factory.user(username=username, password=PASSWORD, **fields)
        if username == "nina":
            factory.totp_device(user)  # she must pass the second step to sign in
    return round


def sign_in(browser, base_url, username):
    context = browser.new_context(base_url=base_url, locale="nl-NL")
    page = context.new_page()
    page.goto("/account/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")
    if "/account/tweede-stap/" in page.url:
        from pactmonitor.accounts.models import User

        device = factory.totp_device(User.objects.get(username=username))
        page.fill("#id_code", factory.totp_code(device))
        page.click("main form.form button[type=submit]")
    page.wait_for_url("**/werk/")
    return page


def fill_in_and_mark_ready(page, number, narrative):
    update = StatusUpdate.objects.get(round__slug="2015", action__number=str(number))
    page.goto(f"/werk/updates/{update.pk}/")
    assert "niet gerapporteerd" in page.locator(".pm-reporting").inner_text()
    page.select_option("#id_status", "vertraagd")
    page.fill("#id_narrative", narrative)
    page.click("main form.form button.utrecht-button--primary-action")
    expect(page.locator(".messages")).to_contain_text("Opgeslagen")
    page.locator(f"#update-{update.pk} button", has_text="Klaar voor review").click()
    expect(page.locator(".messages")).to_contain_text("Klaar voor review")
    return update


def confirm(page, says):
    heading = page.locator("h1").inner_text()
    assert says in heading, heading
    page.locator("button", has_text="Bevestigen:").click()


def test_a_round_where_the_owners_fill_in_2_of_9_drafts_is_published_as_2_reported_7_not(
    live_server, browser
):
    round = build_round()
    assert round.updates.not_reported().count() == 9

    # Two owners fill in one draft each and say they are done.
    alice = sign_in(browser, live_server.url, "alice")
    first = fill_in_and_mark_ready(alice, 1, "Vertraagd: de lesmethode komt pas in 2016.")
    bob = sign_in(browser, live_server.url, "bob")
    second = fill_in_and_mark_ready(bob, 4, "Vertraagd: minder stageplaatsen dan gepland.")
    bob.goto("/werk/")
    assert bob.locator(".open-count").inner_text() == "2"  # 3 of Bedrijf B's, 1 ready
    assert bob.locator(".ready-count").inner_text() == "1"

    # The national coordinator submits the two ready ones, chosen by their checkboxes.
    nina = sign_in(browser, live_server.url, "nina")
    nina.goto("/werk/rondes/2015/")
    nina.check(f"#kies-{first.pk}")
    nina.check(f"#kies-{second.pk}")
    nina.locator("button", has_text="Gekozen updates indienen").click()
    confirm(nina, "2 indienen, waarvan 0 ongewijzigd")
    expect(nina.locator(".messages")).to_contain_text("2 updates ingediend")

    # Then the seven nobody touched, found with the filter: the page says they stay unreported.
    nina.select_option("#filter-rapportage", "not_reported")
    nina.locator("button", has_text="Filteren").click()
    nina.locator("button", has_text="getoonde concepten indienen").click()
    assert "blijven “niet gerapporteerd”" in nina.content()
    confirm(nina, "7 indienen, waarvan 7 ongewijzigd")

    # Approve everything shown, and publish.
    nina.goto("/werk/rondes/2015/")
    nina.locator("button", has_text="getoonde ingediende updates goedkeuren").click()
    confirm(nina, "9 goedkeuren, waarvan 7 ongewijzigd")
    nina.locator("button", has_text="Ronde publiceren").click()
    expect(nina.locator(".messages")).to_contain_text("Ronde gepubliceerd")

    # Who wrote each draft stays visible after the steps; the data says the same.
    round.refresh_from_db()
    assert round.state == "published"
    first.refresh_from_db()
    assert (first.updated_by.username, first.submitted_by.username) == ("alice", "nina")
    assert {u.reporting for u in round.updates.all()} == {
        Reporting.CHANGED,
        Reporting.NOT_REPORTED,
    }

    # The public round page: 2 of 9 reported, 7 not.
    public = browser.new_page(base_url=live_server.url)
    assert public.goto("/rondes/2015/").status == 200
    reporting = public.locator(".pm-reporting").inner_text()
    assert "Over 2 van de 9 acties is in deze ronde gerapporteerd." in reporting
    assert public.locator("#rapportage-not_reported").inner_text() == "niet gerapporteerd: 7"
    assert public.locator("#rapportage-changed").inner_text() == "gewijzigd: 2"

    # Bijlage 1, as the background job makes it after the publication.
    factory.produced_edition("rapportages/2015")
    assert public.goto("/rapportages/2015/bijlage1.html").status == 200
    annex = public.locator("main, body").first.inner_text()
    assert "Niet gerapporteerd in deze ronde (7)" in annex
    assert "Gerapporteerd in deze ronde: 2 acties, waarvan 2 gewijzigd" in annex
    assert "Over alle acties is gerapporteerd" not in annex

    # The comparison with 2014: the two filled-in actions moved, the seven were not reported.
    assert public.goto("/vergelijken/?pact=nationaal&ronde=2015&met=2014").status == 200
    moved = public.locator("#van-status-veranderd").inner_text()
    assert moved == "Van status veranderd (2)"
    assert public.locator("#niet-gerapporteerd").inner_text() == "Niet gerapporteerd (7)"
    assert public.locator("#nieuw-gerapporteerd").inner_text() == "Nieuw gerapporteerd (0)"

    # The outbox: the authors hear their update was approved, everyone with a role in the pact
    # that the round was published; nina took every step herself and is told nothing; the
    # seven untouched drafts have no author to tell.
    sent = sorted((n.event, n.recipient.username) for n in Notification.objects.all())
    assert sent == [
        ("approved", "alice"),
        ("approved", "bob"),
        ("published", "alice"),
        ("published", "bob"),
    ]
