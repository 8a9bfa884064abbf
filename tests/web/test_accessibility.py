"""axe-core (tests/web/vendor/axe.min.js) with the WCAG 2.1 A and AA rules finds no violation of
any impact on any page type: every public page type signed out, and the work, account and
report pages signed in as each role, in Dutch and in English, on the bundled dataset with a
round open.

The pages only a failure shows are visited too: a sign-in locked out, a reset link or a concept
asked too often, a form without its token, an import refused, a workbook refused, the server's
error page. STEPS sends the forms as the visitor would; BEFORE arranges what would have happened
earlier (the previews already used) or cannot be had on purpose (the error page).

One database load, one live server and one browser for the whole module; a browser context per
role and language, signed in by its session cookie."""

from __future__ import annotations

import datetime
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import budgets, factory
from tests.support import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# What each run found, per rule, written at the end of the module for a person to read.
FINDINGS = Path(__file__).resolve().parents[2] / "artifacts" / "accessibility.json"
LANGUAGES = ("nl", "en")

# The signed-in people: a user of each role (tests/world.py names them the same way).
ROLES = {
    "alice": "action_owner",
    "dirk": "landsdeel_coordinator",
    "nina": "national_coordinator",
    "adam": "administrator",
}


@dataclass(frozen=True)
class Visit:
    """One page type as one person sees it: ``who`` is a user name or "" (signed out)."""

    who: str
    name: str
    path: str
    status: int = 200

    @property
    def id(self) -> str:
        return f"{self.who or 'bezoeker'}:{self.name}"


def _public_visits() -> list[Visit]:
    """Every public page type with a query budget (the API's JSON aside), signed out; the
    reports of the round whose edition the module makes."""
    visits = [
        Visit("", name, page["urls"][0].replace("/rapportages/2014/", "/rapportages/2015/"))
        for name, page in sorted(budgets.BUDGETS["public"].items())
        if not page["urls"][0].startswith("/api/") and name != "national pact report"
    ]
    return [
        *visits,
        Visit("", "not found", "/indicatoren/bestaat-niet/", 404),
        # The national pact has no stored document of its own (its budget is what making the
        # report asks): the page that says a document is not there yet.
        Visit("", "report not made", "/rapportages/2015/pacten/techniekpact-2020.html", 503),
        Visit("", "password reset done", "/account/wachtwoord-vergeten/verzonden/"),
        Visit("", "password reset link", "/account/wachtwoord-herstellen/{uid}/{token}/"),
        Visit("", "password reset link expired", "/account/wachtwoord-herstellen/x/y-z/"),
        Visit("", "password reset complete", "/account/wachtwoord-herstellen/klaar/"),
        Visit("", "admin sign-in", "/beheer/login/"),
        Visit("", "locked out", "/account/inloggen/", 429),  # then wrong passwords
        Visit("", "password reset limited", "/account/wachtwoord-vergeten/", 429),  # then asks
        Visit("", "form expired", "/account/wachtwoord-vergeten/", 403),  # then a stale form
        Visit("", "server error", "/storing/", 500),  # Django's own 500 page, see _server_error
    ]


# Per person: the work pages of their role (what their work home links to).
WORK_PAGES = {
    "alice": [
        ("work home", "/werk/"),
        ("dashboard signed in", "/"),
        ("round drafts", "/werk/rondes/{round}/"),
        ("update edit", "/werk/updates/{owner_draft}/"),
        ("registry", "/werk/register/"),
        ("initiative list", "/werk/initiatieven/"),
        ("notification preferences", "/werk/meldingen/voorkeur/"),
        ("second factor setup", "/account/tweede-stap/instellen/"),
    ],
    "dirk": [
        ("work home", "/werk/"),
        ("dashboard signed in", "/"),
        ("round drafts", "/werk/rondes/{round}/"),
        ("round overview", "/werk/rondes/{round}/overzicht/"),
        ("update edit", "/werk/updates/{draft}/"),
        ("profile edit", "/werk/rondes/{round}/profielen/oost/"),
        ("notification outbox", "/werk/meldingen/"),
        ("registry", "/werk/register/"),
        ("initiative list", "/werk/initiatieven/"),
        ("initiative create", "/werk/initiatieven/nieuw/"),
        ("initiative edit", "/werk/initiatieven/{initiative}/"),
        ("workbook upload form", "/uitwisseling/rondes/{round}/uploaden/"),
        ("workbook uploaded", "/uitwisseling/rondes/{round}/uploaden/"),  # then its own workbook
        ("concept landsdeel report", "/rapportages/{round}/concept/landsdelen/oost.html"),
    ],
    "nina": [
        ("work home", "/werk/"),
        ("round drafts", "/werk/rondes/{round}/"),
        ("selection confirmation", "/werk/rondes/{round}/"),  # then the step's button
        ("round overview", "/werk/rondes/{round}/overzicht/"),
        ("round open form", "/werk/rondes/nieuw/"),
        ("update edit", "/werk/updates/{nina_draft}/"),
        ("update review", "/werk/updates/{submitted}/beoordelen/"),
        ("update send back form", "/werk/updates/{submitted}/terugsturen/"),
        ("update correction form", "/werk/updates/{published}/corrigeren/"),
        ("update history", "/werk/updates/{published}/geschiedenis/"),
        ("review pending", "/werk/beoordelen/"),
        ("profile send back form", "/werk/rondes/{round}/profielen/oost/terugsturen/"),
        ("proposal", "/werk/correcties/{proposal}/"),
        ("initiative list", "/werk/initiatieven/"),
        ("initiative review", "/werk/initiatieven/{pending_initiative}/beoordelen/"),
        ("notification outbox", "/werk/meldingen/"),
        ("pact edit", "/werk/register/pacten/techniekpact-2020/"),
        ("action create", "/werk/register/pacten/techniekpact-2020/acties/nieuw/"),
        ("action edit", "/werk/register/acties/{action}/"),
        ("imports", "/werk/indicatoren/import/"),
        ("concept report", "/rapportages/{round}/concept/bijlage1.html"),
    ],
    "adam": [
        ("work home", "/werk/"),
        ("dashboard signed in", "/"),
        ("registry", "/werk/register/"),
        ("admin", "/beheer/"),
        ("admin list", "/beheer/progress/reportinground/"),
        ("admin change form", "/beheer/progress/reportinground/{round_pk}/change/"),
    ],
    "unverified": [("second factor", "/account/tweede-stap/")],
}


def _work_visits() -> list[Visit]:
    return [
        *[Visit(who, name, path) for who, pages in WORK_PAGES.items() for name, path in pages],
        Visit("alice", "refused", "/werk/rondes/nieuw/", 403),
        # Who previewed the concept six times in these minutes (_use_up_the_previews).
        Visit("adam", "concept report limited", "/rapportages/{round}/concept/bijlage1.html", 429),
        # A draft longer than a cell holds (_cells_hold_a_hundred_characters).
        Visit("dirk", "workbook refused", "/uitwisseling/rondes/{round}/werkmap.xlsx", 409),
        # An account without a role (yet) asking a round's workbook.
        Visit(
            "rolf", "workbook download refused", "/uitwisseling/rondes/{round}/werkmap.xlsx", 403
        ),
        Visit("nina", "import refused", "/werk/indicatoren/import/", 400),  # then a bad file
        Visit("leaver", "signed out", "/werk/"),  # then the sign-out button
        Visit("rita", "recovery codes", "/account/tweede-stap/instellen/"),  # then the app's code
    ]


VISITS = _public_visits() + _work_visits()


@pytest.fixture(scope="module", autouse=True)
def _allow_sync_orm_beside_playwright():
    """Playwright's sync API runs an event loop; Django must allow ORM calls beside it."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _produce_the_visited_reports() -> None:
    """The stored 2015 reports that the visits open, made as the background job makes them
    (the others are the same templates with other data)."""
    from pactmonitor.reports import storage

    prefix = "/rapportages/2015/"
    visited = {v.path[len(prefix) : -len(".html")] for v in VISITS if v.path.startswith(prefix)}
    every = storage.subjects
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "subjects", lambda: (s for s in every() if s[0] in visited))
        factory.produced_edition("rapportages/2015")


@pytest.fixture(scope="module")
def world(bundled, django_db_blocker):
    """The bundled dataset with a 2016 round open, a user per role with a signed-in session,
    and an item waiting in each review queue (removed with the bundled data after the module).

    Returns the places the addresses name and each user's session cookie."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.test import Client
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from pactmonitor.initiatives.choices import ReviewState
    from pactmonitor.initiatives.models import Initiative
    from pactmonitor.pacts.models import Action, Organisation
    from pactmonitor.progress import services
    from pactmonitor.progress.choices import ProfileState, UpdateState
    from pactmonitor.progress.models import ProposedCorrection, RegionProfile, StatusUpdate
    from pactmonitor.regions.models import Region

    with django_db_blocker.unblock():
        pact = Action.objects.get(pact__key="techniekpact-2020", number="1").pact
        round = services.open_round(
            pact=pact,
            slug="2016",
            name="Ronde 2016",
            peildatum=datetime.date(2016, 6, 1),
            deadline=datetime.date(2016, 6, 30),
        )
        oost = Region.objects.get(key="oost")
        lead = Organisation.objects.filter(led_actions__pact=pact).first()
        users = {
            "alice": factory.user(username="alice", role="action_owner", organisation=lead),
            "dirk": factory.user(username="dirk", role="landsdeel_coordinator", landsdeel=oost),
            "nina": factory.user(username="nina", role="national_coordinator"),
            "adam": factory.user(username="adam", role="administrator", is_staff=True),
            "nico": factory.user(username="nico", role="national_coordinator"),
            "rolf": factory.user(username="rolf"),  # an account that has no role yet
            # Who take a step once per language: sign out, set up an app (a session each).
            "leaver": factory.user(username="leaver", role="action_owner", organisation=lead),
            **{
                f"rita-{language}": factory.user(
                    username=f"rita-{language}", role="action_owner", organisation=lead
                )
                for language in LANGUAGES
            },
        }
        users["adam"].is_superuser = True
        users["adam"].save()
        drafts = StatusUpdate.objects.filter(round=round, is_current=True)
        submitted = drafts.filter(action__pact=pact).exclude(action__leads=lead)[0]
        submitted.state = UpdateState.SUBMITTED
        submitted.save()
        published = StatusUpdate.objects.public()[0]
        proposal = ProposedCorrection.objects.create(
            update=published,
            status=published.status,
            basis=published.basis,
            reason="Verkeerde kleur",
            proposed_by=users["nico"],
        )
        RegionProfile.objects.filter(round=round, region=oost).update(state=ProfileState.SUBMITTED)
        pending = Initiative.objects.for_user(users["dirk"], "edit")[1]
        pending.review_state = ReviewState.PENDING
        pending.proposed_by = users["dirk"]
        pending.save()
        places = {
            "round": round.slug,
            "round_pk": round.pk,
            "draft": StatusUpdate.objects.editable_by(users["dirk"]).filter(round=round)[0].pk,
            "nina_draft": StatusUpdate.objects.editable_by(users["nina"])
            .filter(round=round, state=UpdateState.DRAFT)[0]
            .pk,
            "owner_draft": StatusUpdate.objects.editable_by(users["alice"])
            .filter(round=round)[0]
            .pk,
            "submitted": submitted.pk,
            "published": published.pk,
            "proposal": proposal.pk,
            "action": Action.objects.filter(pact=pact)[0].pk,
            "initiative": Initiative.objects.for_user(users["dirk"], "edit")[0].key,
            "pending_initiative": pending.key,
            "uid": urlsafe_base64_encode(force_bytes(users["nina"].pk)),
            "token": default_token_generator.make_token(users["nina"]),
        }
        cookies = {}
        for name in [*ROLES, "rolf"]:
            client = Client()
            factory.sign_in(client, users[name])
            cookies[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
        for language in LANGUAGES:
            for name, user in (("leaver", users["leaver"]), ("rita", users[f"rita-{language}"])):
                client = Client()
                factory.sign_in(client, user)
                cookies[f"{name}:{language}"] = client.cookies[settings.SESSION_COOKIE_NAME].value
        factory.totp_device(users["nico"])
        client = Client()
        factory.sign_in(client, users["nico"], verified=False)
        cookies["unverified"] = client.cookies[settings.SESSION_COOKIE_NAME].value
        _produce_the_visited_reports()
    return places, cookies


@pytest.fixture(scope="module")
def server(world, django_db_blocker):
    """A live server for the module (pytest-django's own would empty the database per test)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        live = LiveServer("localhost")
        live._live_server_modified_settings.enable()
    yield live.url
    live._live_server_modified_settings.disable()
    live.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, chromium(p) as launched:
        yield launched


@pytest.fixture(scope="module")
def contexts(browser, server, world):
    """A browser context per person and language, made when first asked for."""
    from django.conf import settings

    _, cookies = world
    made: dict[tuple[str, str], Any] = {}

    def context_for(who: str, language: str):
        if (who, language) not in made:
            # axe is injected as an inline script: only this test tool goes around the CSP.
            context = browser.new_context(
                base_url=server, bypass_csp=True, locale="en-GB" if language == "en" else "nl-NL"
            )
            jar = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": server}]
            if who:
                jar.append(
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": cookies.get(f"{who}:{language}") or cookies[who],
                        "url": server,
                    }
                )
            context.add_cookies(jar)
            made[(who, language)] = context
        return made[(who, language)]

    yield context_for
    for context in made.values():
        context.close()


@pytest.fixture(scope="module")
def findings():
    found: Counter[str] = Counter()
    yield found
    FINDINGS.parent.mkdir(parents=True, exist_ok=True)
    FINDINGS.write_text(json.dumps(dict(sorted(found.items())), indent=2) + "\n")


def _address(visit: Visit, language: str, places: dict) -> str:
    path = visit.path.format(**places)
    outside_language_prefix = ("/werk/", "/account/", "/beheer/", "/rapportages/", "/uitwisseling/")
    if language == "en" and not path.startswith(outside_language_prefix):
        return "/en" + path
    return path


def _choose_a_selection_and_ask_to_confirm(tab, language: str) -> None:
    """The round's drafts page: two updates ticked, then the first step's button."""
    boxes = tab.locator("input[form=selectie][name=item]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    with tab.expect_navigation():
        tab.locator("form#selectie button[name=step]").first.click()
    assert "/selectie/" in tab.url


def _upload_the_downloaded_workbook(tab, language: str) -> None:
    """The upload form, given the round's workbook as downloaded: the page after the upload."""
    workbook = tab.request.get(tab.url.replace("uploaden/", "werkmap.xlsx")).body()
    tab.locator("input[type=file]").set_input_files(
        files=[{"name": "werkmap.xlsx", "mimeType": "application/octet-stream", "buffer": workbook}]
    )
    with tab.expect_navigation():
        tab.locator("main form button[type=submit]").click()
    assert tab.locator("input[type=file]").count() == 0  # the summary, not the form again


def _set_up_the_app(tab, language: str) -> None:
    """The app's set-up page, given the code the new app shows: the recovery codes."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(confirmed=False, user__username=f"rita-{language}")
    # The code is read here, not saved (factory.totp_code saves the device, and this test's
    # transaction would then hold the row the server's confirmation writes).
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    tab.fill("#id_code", str(token).zfill(device.digits))
    with tab.expect_navigation():
        tab.locator("main form button[type=submit]").click()
    assert tab.get_by_role("heading", level=1).count() == 1


def _sign_in_wrongly_until_locked_out(tab, language: str):
    """The sign-in form, sent with a wrong password until django-axes locks the name out
    (PACTMONITOR_USERNAME_FAILURE_LIMIT; fewer when an earlier visit's failures still count)."""
    from django.conf import settings

    for _ in range(settings.PACTMONITOR_USERNAME_FAILURE_LIMIT):
        tab.fill("#id_username", "iemand")
        tab.fill("#id_password", "niet-het-wachtwoord")
        with tab.expect_navigation() as sent:
            tab.locator("main form button[type=submit]").click()
        if sent.value.status != 200:
            return sent.value
    return sent.value


def _ask_for_links_until_limited(tab, language: str):
    """The reset form, sent for one address until it may not ask again this hour."""
    from pactmonitor.accounts.views import RESETS_PER_ADDRESS

    for _ in range(RESETS_PER_ADDRESS + 1):
        tab.fill("#id_email", "iemand@example.org")
        with tab.expect_navigation() as sent:
            tab.locator("main form button[type=submit]").click()
        if sent.value.status != 200:
            return sent.value
        tab.go_back()
    return sent.value


def _send_the_form_without_its_token(tab, language: str):
    """The reset form sent without its CSRF token, as a form from elsewhere would be."""
    tab.locator("main form input[name=csrfmiddlewaretoken]").evaluate("(input) => input.remove()")
    tab.fill("#id_email", "iemand@example.org")
    with tab.expect_navigation() as sent:
        tab.locator("main form button[type=submit]").click()
    return sent.value


def _upload_a_file_the_importer_refuses(tab, language: str):
    """The import form, given a source table with a count that is no number: the import's
    page, refused. The import runs in the request (the same code as its background thread)."""
    from django.test import override_settings

    from tests.indicators import files

    text = "\r\n".join(";".join(line) for line in [files.header(), files.row(counts=("?", "1"))])
    tab.select_option("#id_recipe", "duo-examenkandidaten-vo")
    tab.locator("#id_file").set_input_files(
        files=[{"name": "examens.csv", "mimeType": "text/csv", "buffer": text.encode("latin-1")}]
    )
    with override_settings(PACTMONITOR_IMPORT_IN_BACKGROUND=False):
        with tab.expect_navigation() as sent:
            tab.locator("main form[enctype] button[type=submit]").click()
    assert "/voortgang/" in tab.url
    return sent.value


STEPS = {
    "selection confirmation": _choose_a_selection_and_ask_to_confirm,
    "workbook uploaded": _upload_the_downloaded_workbook,
    "recovery codes": _set_up_the_app,
    "locked out": _sign_in_wrongly_until_locked_out,
    "password reset limited": _ask_for_links_until_limited,
    "form expired": _send_the_form_without_its_token,
    "import refused": _upload_a_file_the_importer_refuses,
}


def _use_up_the_previews(tab, monkeypatch) -> None:
    """The previews of this window taken, as six earlier previews would have (each renders a
    whole report, which is what the limit spares)."""
    from pactmonitor.accounts.models import User
    from pactmonitor.reports.preview import take_preview_turn

    adam = User.objects.get(username="adam").pk
    while take_preview_turn(adam) is None:
        pass


def _cells_hold_a_hundred_characters(tab, monkeypatch) -> None:
    """A cell that holds a hundred characters: texts of the drafts are longer than the workbook
    takes (a real cell holds 32,767; a draft that long would sit in every other visit)."""
    from pactmonitor.exchange import workbook

    monkeypatch.setattr(workbook, "TEXT_LIMIT", 100)


def _server_error(tab, monkeypatch) -> None:
    """No address of the site fails on purpose, so the page Django shows on an error (its
    handler500, django.views.defaults.server_error, with the project's 500.html) is rendered
    here and handed to the browser as the live server's answer to the visit's address: the
    page's own style sheet comes from the live server."""
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/storing/"))
    tab.route(
        "**/storing/",
        lambda route: route.fulfill(
            status=response.status_code,
            content_type=response["Content-Type"],
            body=response.content,
        ),
    )


# What is arranged before the visit's address is opened.
BEFORE = {
    "concept report limited": _use_up_the_previews,
    "workbook refused": _cells_hold_a_hundred_characters,
    "server error": _server_error,
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("visit", VISITS, ids=lambda v: v.id)
def test_axe_finds_no_violation_on_the_page(
    contexts, world, findings, monkeypatch, visit, language
):
    places, _ = world
    tab = contexts(visit.who, language).new_page()
    try:
        if visit.name in BEFORE:
            BEFORE[visit.name](tab, monkeypatch)
        response = tab.goto(_address(visit, language, places))
        if visit.name in STEPS:  # the status is the last step's
            assert response.ok, (tab.url, response.status)
            response = STEPS[visit.name](tab, language) or response
        assert response.status == visit.status, (
            tab.url,
            response.status,
            tab.inner_text("body")[:300],
        )
        if visit.name == "developers":  # the API viewer draws itself after the page loads
            tab.wait_for_selector("#pm-api-viewer .opblock-summary-method")
        if visit.name == "signed out":
            with tab.expect_navigation():
                tab.locator(".account-nav__logout button").first.click()
            assert "/account/uitloggen/" in tab.url
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate(
            "async (tags) => await axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            RULES,
        )
        page = f"{visit.id} ({language}) {tab.url}"
        violations = [
            f"{v['id']} ({v['impact']}) {node['target']} on {page}: {v['help']}"
            for v in result["violations"]
            for node in v["nodes"]
        ]
        for v in result["violations"]:
            findings[v["id"]] += len(v["nodes"])
    finally:
        tab.close()
    assert violations == [], "\n".join(violations)


CHART_PAGES = ["/", "/indicatoren/uwv-vacatures-techniek/", "/rondes/2015/"]
# Each chart's image and the words a screen reader says for it (empty when it has none).
CHART_LABELS = """() => [...document.querySelectorAll('.pm-chart')].map((chart) => {
  const image = chart.querySelector('svg[role=img]');
  return image ? image.getAttribute('aria-label').trim() : '';
})"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_keeps_its_text_alternative(contexts, language, path):
    tab = contexts("", language).new_page()
    try:
        tab.goto(_address(Visit("", "chart", path), language, {}))
        labels = tab.evaluate(CHART_LABELS)
    finally:
        tab.close()
    assert labels, "no chart on the page"
    assert all(labels), labels
