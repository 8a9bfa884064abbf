"""Links to actions the user may not take are not shown (issue 12, Deliver 8).

Every named user walks the work pages from "Mijn werk": each link and button shown on a work
page must lead somewhere the user is let in (no 403), and a user without a role sees no work
link at all. Buttons are pressed with an empty form inside a transaction that is rolled back,
so the walk changes nothing. The pages each role must see are checked by name below."""

import re
from urllib.parse import urljoin

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from pactmonitor.progress import services
from pactmonitor.progress.models import StatusUpdate
from tests import factory, world

pytestmark = pytest.mark.django_db

WORK = ("/werk/", "/uitwisseling/", "/rapportages/")
# The way out and the second-factor set-up are open to every signed-in user.
ALWAYS = ("/account/",)
LINK = re.compile(r'<a [^>]*href="([^"#]+)"')
FORM = re.compile(r'<form [^>]*method="post"[^>]*action="([^"]+)"')


@pytest.fixture
def w():
    w = world.build()
    campus = factory.initiative(key="campus-groningen", name="Campus Groningen")
    campus.regions.set([w.groningen])
    # Something in every state: a submitted national draft, a submitted Noord draft.
    for update in (world.draft(w, w.n2), world.draft(w, w.nr1)):
        services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.nina)
    return w


def is_work(address: str) -> bool:
    return address.startswith(WORK) and not address.endswith((".pdf", ".docx"))


def walk(client, start: str, depth: int = 2) -> tuple[dict[str, str], set[str]]:
    """The work links (address → the page that showed it) and post buttons seen from start."""
    links: dict[str, str] = {start: start}
    buttons: set[str] = set()
    todo = [(start, 0)]
    seen: set[str] = set()
    while todo:
        page, level = todo.pop(0)
        if page in seen or level > depth:
            continue
        seen.add(page)
        cache.clear()  # the concept preview's per-user limit
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        for found in LINK.findall(text):
            address = urljoin(page, found.replace("&amp;", "&"))
            if is_work(address) and address not in links:
                links[address] = page
                todo.append((address, level + 1))
        buttons.update(
            urljoin(page, action) for action in FORM.findall(text) if is_work(urljoin(page, action))
        )
    return links, buttons


def refused_links(client, links: dict[str, str]) -> list[str]:
    refused = []
    for address, shown_on in links.items():
        cache.clear()
        if client.get(address).status_code == 403:
            refused.append(f"{address} (shown on {shown_on})")
    return refused


def refused_buttons(client, buttons: set[str]) -> list[str]:
    refused = []
    for action in sorted(buttons):
        with transaction.atomic():
            status = client.post(action, {}).status_code
            transaction.set_rollback(True)
        if status == 403:
            refused.append(action)
    return refused


@pytest.mark.parametrize("person", ["alice", "bob", "carol", "dave", "nina", "adam"])
def test_every_work_link_and_button_shown_is_one_the_user_may_use(w, client, person):
    client.force_login(getattr(w, person))
    links, buttons = walk(client, reverse("progress:home"))
    assert refused_links(client, links) == []
    assert refused_buttons(client, buttons) == []


def test_a_user_without_a_role_sees_no_work_link(w, client):
    client.force_login(w.olga)
    links, buttons = walk(client, reverse("progress:home"))
    assert set(links) == {reverse("progress:home")} and buttons == set()


def shown(client, address):
    cache.clear()
    return client.get(address).content.decode()


def test_the_national_coordinator_is_offered_the_round_steps(w, client):
    client.force_login(w.nina)
    home = shown(client, reverse("progress:home"))
    assert "Een nieuwe ronde openen" in home and "in één oogopslag" in home
    round_page = shown(client, reverse("progress:round", args=[w.round.slug]))
    assert "Ronde publiceren" in round_page and "Gekozen updates goedkeuren" in round_page
    assert reverse("progress:review", args=[world.draft(w, w.n2).pk]) in round_page


def test_a_landsdeel_coordinator_is_offered_only_their_own_steps(w, client):
    client.force_login(w.carol)
    home = shown(client, reverse("progress:home"))
    assert "in één oogopslag" in home and "Een nieuwe ronde openen" not in home
    round_page = shown(client, reverse("progress:round", args=[w.round.slug]))
    assert "Ronde publiceren" not in round_page and "Goedkeuren" not in round_page
    assert "/beoordelen/" not in round_page
    assert reverse("progress:profile", args=[w.round.slug, "noord"]) in round_page
    assert reverse("progress:profile", args=[w.round.slug, "oost"]) not in round_page


def test_an_owner_is_offered_editing_their_drafts_only(w, client):
    client.force_login(w.alice)
    home = shown(client, reverse("progress:home"))
    assert "in één oogopslag" not in home and "Pacten en acties bewerken" not in home
    round_page = shown(client, reverse("progress:round", args=[w.round.slug]))
    assert reverse("progress:edit", args=[world.draft(w, w.n1, w.n1a).pk]) in round_page
    assert reverse("progress:edit", args=[world.draft(w, w.or1).pk]) not in round_page
    assert "Gekozen updates indienen" not in round_page and "Terugsturen" not in round_page
    assert "/indienen/" not in round_page
