"""The review page of a status update: the national coordinator sees all its evidence beside
the previous round's version with the differences marked, and approves or sends it back from
there; an item that changed since the page was loaded is refused; others are refused the page."""

import pytest
from django.urls import reverse

from pactmonitor.progress import services
from pactmonitor.progress.models import StatusUpdate
from tests import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world.build()


def submitted_n2(w, **values):
    """National action 2, rewritten since 2014 (where it read "Stages lopen volgens plan.")."""
    update = world.draft(w, w.n2)
    values = {"narrative": "Stages lopen achter op plan.", "new": "Twee nieuwe bedrijven."} | values
    StatusUpdate.objects.filter(pk=update.pk).update(
        status="vertraagd", basis="reported", carried_over=False, updated_by=w.bob, **values
    )
    update.milestones.create(date_text="eind 2015", text="Honderd stageplaatsen")
    update.sources.create(title="Jaarverslag", url="https://example.org/jaarverslag")
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.nina)
    return StatusUpdate.objects.get(pk=update.pk)


def page(update):
    return reverse("progress:review", args=[update.pk])


def test_the_reviewer_sees_the_evidence_beside_the_previous_round(w, client):
    update = submitted_n2(w)
    client.force_login(w.nina)
    response = client.get(page(update))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Ronde 2014" in text and "Ronde 2015" in text
    assert '<del><span class="pm-visually-hidden">[verwijderd: </span>volgens' in text
    assert "[toegevoegd: </span>achter op" in text
    assert "Twee nieuwe bedrijven." in text and "Honderd stageplaatsen" in text
    assert "Jaarverslag (https://example.org/jaarverslag)" in text
    assert "vertraagd" in text and "op schema" in text
    assert "bob, " in text  # who wrote it (the last to change it), and when
    assert "Ingediend door" in text and "nina, " in text
    assert "Goedkeuren" in text and "Terugsturen" in text


def test_the_empty_comment_box_is_not_shown_as_invalid_before_the_reviewer_types(w, client):
    client.force_login(w.nina)
    text = client.get(page(submitted_n2(w))).content.decode()
    box = (
        text.split('name="comment"')[0].rsplit("<textarea", 1)[1]
        + text.split('name="comment"')[1].split(">")[0]
    )
    assert 'aria-required="true"' in box and " required" not in box


def test_an_update_without_an_earlier_round_is_all_new(w, client):
    update = world.draft(w, w.nr1)
    client.force_login(w.nina)
    text = client.get(page(update)).content.decode()
    assert "geen eerdere ronde: alles in deze versie is nieuw" in text
    assert "goedkeuren of terugsturen kan nu niet" in text  # a draft is not yet to be judged
    assert "review_approve" not in text and 'name="revision"' not in text


@pytest.mark.parametrize("person", ["carol", "dave", "alice", "bob", "olga"])
def test_others_than_the_reviewers_are_refused_the_page(w, client, person):
    update = submitted_n2(w)
    client.force_login(getattr(w, person))
    response = client.get(page(update))
    assert response.status_code == 403 and "Stages lopen" not in response.content.decode()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(w, client):
    response = client.get(page(submitted_n2(w)))
    assert (
        response.status_code == 302
        and "/account/" in response["Location"]
        or response["Location"].startswith(reverse("accounts:login"))
    )


def test_the_reviewer_approves_from_the_page(w, client):
    update = submitted_n2(w)
    client.force_login(w.nina)
    response = client.post(
        reverse("progress:review_approve", args=[update.pk]), {"revision": update.revision}
    )
    assert response.status_code == 302
    assert StatusUpdate.objects.get(pk=update.pk).state == "approved"


def test_after_a_step_the_next_submitted_update_is_shown(w, client):
    update = submitted_n2(w)
    other = world.draft(w, w.n1, w.n1a)
    services.submit_updates(StatusUpdate.objects.filter(pk=other.pk), user=w.nina)
    client.force_login(w.nina)
    response = client.post(
        reverse("progress:review_approve", args=[update.pk]), {"revision": update.revision}
    )
    assert response["Location"] == page(other)


def test_an_update_changed_since_the_page_was_loaded_is_refused(w, client):
    update = submitted_n2(w)
    client.force_login(w.nina)
    seen = update.revision
    services.send_back_update(update, comment="Bron ontbreekt", user=w.nina)
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.carol)
    response = client.post(
        reverse("progress:review_approve", args=[update.pk]), {"revision": seen}, follow=True
    )
    assert "is gewijzigd nadat u de pagina opende" in response.content.decode()
    assert StatusUpdate.objects.get(pk=update.pk).state == "submitted"


def test_the_reviewer_sends_back_with_a_comment(w, client):
    update = submitted_n2(w)
    client.force_login(w.nina)
    client.post(
        reverse("progress:review_send_back", args=[update.pk]),
        {"revision": update.revision, "comment": "Noem de bron van de honderd plaatsen."},
    )
    sent_back = StatusUpdate.objects.get(pk=update.pk)
    assert sent_back.state == "draft"
    assert sent_back.review_comment == "Noem de bron van de honderd plaatsen."


def test_sending_back_without_a_comment_changes_nothing(w, client):
    update = submitted_n2(w)
    client.force_login(w.nina)
    response = client.post(
        reverse("progress:review_send_back", args=[update.pk]), {"revision": update.revision}
    )
    assert response.status_code == 400 and "Dit veld is verplicht" in response.content.decode()
    assert StatusUpdate.objects.get(pk=update.pk).state == "submitted"


def test_a_stale_send_back_is_refused(w, client):
    update = submitted_n2(w)
    client.force_login(w.nina)
    response = client.post(
        reverse("progress:review_send_back", args=[update.pk]),
        {"revision": update.revision - 1, "comment": "Te laat"},
        follow=True,
    )
    assert "is gewijzigd nadat u de pagina opende" in response.content.decode()
    assert StatusUpdate.objects.get(pk=update.pk).review_comment == ""


@pytest.mark.parametrize("step", ["review_approve", "review_send_back"])
def test_a_landsdeel_coordinator_cannot_take_a_review_step(w, client, step):
    update = submitted_n2(w)
    client.force_login(w.carol)
    data = {"revision": update.revision, "comment": "Nee"}
    assert client.post(reverse(f"progress:{step}", args=[update.pk]), data).status_code == 403
    assert StatusUpdate.objects.get(pk=update.pk).state == "submitted"


def test_a_50000_character_narrative_renders_with_its_change_marked(w, client):
    words = " ".join(f"woord{i}" + ("." if i % 11 == 0 else "") for i in range(6000))[:50_000]
    previous = StatusUpdate.objects.get(round=w.previous, action=w.n2)
    StatusUpdate.objects.filter(pk=previous.pk).update(narrative=words)
    update = submitted_n2(w, narrative=words.replace("woord3000 ", "woord3000 ingevoegd "))
    client.force_login(w.nina)
    response = client.get(page(update))  # the diff's own speed: tests/progress/test_diff.py
    assert response.status_code == 200
    text = response.content.decode()
    assert "[toegevoegd: </span>ingevoegd " in text
    assert "<del>" not in text, text[text.index("<del>") - 300 : text.index("<del>") + 300]
    assert "woord5000" in text


def test_the_round_page_links_the_reviewer_to_the_review_page(w, client):
    update = submitted_n2(w)
    client.force_login(w.nina)
    assert (
        page(update) in client.get(reverse("progress:round", args=[w.round.slug])).content.decode()
    )
    client.force_login(w.carol)
    assert (
        page(update)
        not in client.get(reverse("progress:round", args=[w.round.slug])).content.decode()
    )
