"""Every work page that only shows something is refused to an outsider: the coordinator of the
other landsdeel (dave, for Noord's pages) or an owner (for the national coordinator's pages)
gets 403 without the page, while the insider gets the page; a visitor who is not signed in is
sent to sign in. The writes are the scope matrix's (test_views.py)."""

import pytest
from django.urls import reverse

from pactmonitor.progress import services
from pactmonitor.progress.models import StatusUpdate
from tests import factory, world

pytestmark = pytest.mark.django_db


def noord_draft(w):
    return world.draft(w, w.nr1)


def submitted_noord_draft(w):
    update = noord_draft(w)
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.carol)
    return update


def published_national_update(w):
    return StatusUpdate.objects.public().get(action=w.n2)


def campus_in_groningen(w):
    initiative = factory.initiative(key="campus-groningen", name="Campus Groningen")
    initiative.regions.set([w.groningen])
    return initiative


def proposed_correction(w):
    from pactmonitor.progress import corrections

    approve_and_publish(w)
    update = StatusUpdate.objects.current().published().get(round=w.round, action=w.n2)
    return corrections.propose_correction(update, reason="Kleur", user=w.nina, narrative="Nieuw")


def approve_and_publish(w):
    services.submit_updates(StatusUpdate.objects.filter(round=w.round), user=w.adam)
    for update in StatusUpdate.objects.filter(round=w.round):
        services.approve_update(update, user=w.adam)
    services.publish_round(w.round, user=w.adam)


def submitted_noord_profile(w):
    from pactmonitor.progress import profiles

    profiles.submit_profile(w.round.region_profiles.get(region=w.noord), user=w.carol)
    return reverse("progress:profile_send_back", args=[w.round.slug, "noord"])


def pending_campus(w):
    initiative = factory.initiative(key="campus-assen", name="Campus Assen", review_state="pending")
    initiative.regions.set([w.groningen])
    return initiative


# page → (its address in the world, insider, outsider, what the page shows)
PAGES = {
    "update_edit": (
        lambda w: reverse("progress:edit", args=[noord_draft(w).pk]),
        "carol",
        "dave",
        "Techniekcentra Noord",
    ),
    "update_history": (
        lambda w: reverse("progress:history", args=[noord_draft(w).pk]),
        "carol",
        "dave",
        "Pact Noord 1",
    ),
    "update_send_back": (
        lambda w: reverse("progress:send_back", args=[submitted_noord_draft(w).pk]),
        "nina",
        "dave",
        "Pact Noord 1",
    ),
    "update_correct": (
        lambda w: reverse("progress:correct", args=[published_national_update(w).pk]),
        "nina",
        "carol",
        "Stages",
    ),
    "profile": (
        lambda w: reverse("progress:profile", args=[w.round.slug, "noord"]),
        "carol",
        "dave",
        "Noord",
    ),
    "update_review": (
        lambda w: reverse("progress:review", args=[submitted_noord_draft(w).pk]),
        "nina",
        "carol",
        "Techniekcentra Noord",
    ),
    "concept_report": (
        lambda w: reverse("reports:concept_landsdeel", args=[w.round.slug, "noord", "html"]),
        "carol",
        "dave",
        "Techniekcentra Noord",
    ),
    "round_open": (lambda w: reverse("progress:round_open"), "nina", "carol", 'name="slug"'),
    "overview": (
        lambda w: reverse("progress:overview", args=[w.round.slug]),
        "carol",
        "alice",
        "Per landsdeel",
    ),
    "pact_edit": (
        lambda w: reverse("pacts:pact_edit", args=[w.pact_noord.key]),
        "carol",
        "dave",
        "Pact Noord",
    ),
    "action_create": (
        lambda w: reverse("pacts:action_create", args=[w.pact_noord.key]),
        "carol",
        "dave",
        "Pact Noord",
    ),
    "action_edit": (
        lambda w: reverse("pacts:action_edit", args=[w.nr1.pk]),
        "carol",
        "dave",
        "Techniekcentra Noord",
    ),
    "proposal": (
        lambda w: proposed_correction(w).get_absolute_url(),
        "nina",
        "carol",
        "Reden van de correctie",
    ),
    "review_pending": (
        lambda w: (proposed_correction(w), reverse("progress:review_pending"))[1],
        "nina",
        "carol",
        "Correctievoorstellen",
    ),
    "profile_send_back": (submitted_noord_profile, "nina", "dave", "Landsdeelprofiel Noord"),
    "initiative_review": (
        lambda w: reverse("initiatives:work_review", args=[pending_campus(w).key]),
        "nina",
        "carol",
        "Campus Assen",
    ),
    "initiative_edit": (
        lambda w: reverse("initiatives:work_edit", args=[campus_in_groningen(w).key]),
        "carol",
        "dave",
        "Campus Groningen",
    ),
    "notifications_outbox": (
        lambda w: reverse("notifications:outbox"),
        "carol",
        "alice",
        "Verstuurde meldingen",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_the_insider_gets_the_page(client, page):
    w = world.build()
    address, insider, _, shown = PAGES[page]
    client.force_login(getattr(w, insider))
    response = client.get(address(w))
    assert response.status_code == 200 and shown in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_an_outsider_is_refused_the_page(client, page):
    w = world.build()
    address, _, outsider, shown = PAGES[page]
    client.force_login(getattr(w, outsider))
    response = client.get(address(w))
    assert response.status_code == 403 and shown not in response.content.decode()


WORK_PAGES = {
    **{page: address for page, (address, *_) in PAGES.items()},
    "work_home": lambda w: reverse("progress:home"),
    "selection": lambda w: reverse("progress:selection", args=[w.round.slug]),
    "selection_apply": lambda w: reverse("progress:selection_apply", args=[w.round.slug]),
    "round": lambda w: reverse("progress:round", args=[w.round.slug]),
    "registry": lambda w: reverse("pacts:registry"),
    "initiatives": lambda w: reverse("initiatives:work_list"),
    "initiative_create": lambda w: reverse("initiatives:work_create"),
    "workbook_download": lambda w: reverse("exchange:download", args=[w.round.slug]),
    "workbook_upload": lambda w: reverse("exchange:upload", args=[w.round.slug]),
    "imports": lambda w: reverse("indicators:imports"),
    "import_upload": lambda w: reverse("indicators:import_upload"),
    "notification_preferences": lambda w: reverse("notifications:preferences"),
}


@pytest.mark.parametrize("page", WORK_PAGES)
def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, page):
    w = world.build()
    response = client.get(WORK_PAGES[page](w))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_initiatives_work_list_shows_only_the_users_landsdeel(client):
    w = world.build()
    campus_in_groningen(w)
    factory.initiative(key="campus-oost", name="Campus Oost").regions.set([w.oost])
    client.force_login(w.dave)
    response = client.get(reverse("initiatives:work_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Campus Oost" in page and "Campus Groningen" not in page


def test_the_work_home_counts_only_the_open_drafts_the_user_may_edit(client):
    w = world.build()
    for user, drafts in ((w.carol, "2"), (w.dave, "1")):
        client.force_login(user)
        response = client.get(reverse("progress:home"))
        assert response.status_code == 200, user.username
        row = response.content.decode().split("Ronde 2015</a></td>", 1)[1].split("</tr>", 1)[0]
        assert f'<td class="open-count">{drafts}</td>' in row, (user.username, row)
    # A user without a role works on no round: the page lists none (and counts nothing).
    client.force_login(w.olga)
    page = client.get(reverse("progress:home")).content.decode()
    assert "Ronde 2015" not in page and 'class="open-count"' not in page
