"""Steps inside the user's scope that the state of the round or update does not allow are
refused with a message and change nothing; the edit page keeps work from being lost."""

import pytest
from django.urls import reverse

from pactmonitor.initiatives.models import Initiative
from pactmonitor.progress import services
from pactmonitor.progress.models import ProposedCorrection, ReportingRound, StatusUpdate
from tests import factory, world
from tests.progress.test_views import approve_all, edit_data, snapshot, submit_all

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_a_second_save_from_the_same_revision_is_refused_and_shows_the_others_change(client):
    w = world.build()
    update = world.draft(w, w.nr1)
    client.force_login(w.alice)
    client.post(
        reverse("progress:edit", args=[update.pk]), edit_data(update, narrative="Alice schreef dit")
    )
    client.force_login(w.carol)
    response = client.post(
        reverse("progress:edit", args=[update.pk]), edit_data(update, narrative="Carol schreef dit")
    )
    assert response.status_code == 409
    assert (
        "Alice schreef dit" in response.content.decode()
        and "Carol schreef dit" in response.content.decode()
    )
    assert StatusUpdate.objects.get(pk=update.pk).narrative == "Alice schreef dit"


def test_after_seeing_the_others_change_the_editor_can_save_deliberately(client):
    w = world.build()
    update = world.draft(w, w.nr1)
    client.force_login(w.alice)
    client.post(
        reverse("progress:edit", args=[update.pk]), edit_data(update, narrative="Alice schreef dit")
    )
    client.force_login(w.carol)
    client.post(
        reverse("progress:edit", args=[update.pk]), edit_data(update, narrative="Carol schreef dit")
    )
    current = StatusUpdate.objects.get(pk=update.pk)
    response = client.post(
        reverse("progress:edit", args=[update.pk]), edit_data(current, narrative="Samen")
    )
    assert (
        response.status_code == 302 and StatusUpdate.objects.get(pk=update.pk).narrative == "Samen"
    )


def test_an_edit_records_who_saved_it(client):
    w = world.build()
    update = world.draft(w, w.n2)
    client.force_login(w.bob)
    client.post(reverse("progress:edit", args=[update.pk]), edit_data(update))
    saved = StatusUpdate.objects.get(pk=update.pk)
    assert saved.updated_by == w.bob and saved.history.first().history_user == w.bob
    assert saved.basis == "reported"


def test_milestones_and_sources_are_saved_with_the_draft(client):
    w = world.build()
    update = world.draft(w, w.n2)
    client.force_login(w.bob)
    data = edit_data(update) | {
        "mijlpalen-TOTAL_FORMS": 1,
        "mijlpalen-0-date": "2015-09-01",
        "mijlpalen-0-text": "Stagebank open",
        "vindplaatsen-TOTAL_FORMS": 1,
        "vindplaatsen-0-title": "Jaarverslag",
        "vindplaatsen-0-url": "https://example.org/jv",
    }
    client.post(reverse("progress:edit", args=[update.pk]), data)
    assert [m.text for m in update.milestones.all()] == ["Stagebank open"]
    assert [s.url for s in update.sources.all()] == ["https://example.org/jv"]


def test_a_submitted_update_cannot_be_edited_any_more(client):
    w = world.build()
    update = world.draft(w, w.nr1)
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.carol)
    client.force_login(w.carol)
    before = snapshot()
    response = client.post(
        reverse("progress:edit", args=[update.pk]),
        edit_data(StatusUpdate.objects.get(pk=update.pk)),
    )
    assert response.status_code == 302 and "niet (meer) in concept" in " ".join(
        messages_of(response)
    )
    assert snapshot() == before


def test_a_draft_cannot_be_approved_before_it_is_submitted(client):
    w = world.build()
    client.force_login(w.nina)
    before = snapshot()
    response = client.post(reverse("progress:approve", args=[world.draft(w, w.n2).pk]))
    assert "Alleen een ingediende update" in " ".join(messages_of(response))
    assert snapshot() == before


def test_a_round_with_unapproved_updates_is_not_published(client):
    w = world.build()
    client.force_login(w.nina)
    before = snapshot()
    response = client.post(reverse("progress:round_publish", args=[w.round.slug]))
    assert "niet goedgekeurd" in " ".join(messages_of(response))
    assert snapshot() == before


def test_sending_back_without_a_comment_is_refused(client):
    w = world.build()
    update = world.draft(w, w.n2)
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.nina)
    client.force_login(w.nina)
    before = snapshot()
    response = client.post(reverse("progress:send_back", args=[update.pk]), {"comment": ""})
    assert response.status_code == 200 and snapshot() == before


def test_a_round_older_than_the_latest_is_not_opened(client):
    w = world.build()
    client.force_login(w.nina)
    data = {
        "pact": w.national.pk,
        "name": "Oud",
        "slug": "oud",
        "peildatum": "2013-06-01",
        "deadline": "2013-06-30",
    }
    response = client.post(reverse("progress:round_open"), data)
    assert response.status_code == 200 and not ReportingRound.objects.filter(slug="oud").exists()


def approve_proposal(client, update):
    """nina is the only national coordinator, so she approves her own proposal."""
    proposal = ProposedCorrection.objects.get(update=update)
    client.post(reverse("progress:proposal_approve", args=[proposal.pk]))


def test_a_correction_keeps_the_published_version_in_the_history(client):
    w = world.build()
    approve_all(w)
    services.publish_round(w.round, user=w.nina)
    update = world.draft(w, w.n2)
    client.force_login(w.nina)
    data = {
        "status": "vertraagd",
        "narrative": "Gecorrigeerd",
        "new": "",
        "reason": "Verkeerde kleur",
    }
    client.post(reverse("progress:correct", args=[update.pk]), data)
    approve_proposal(client, update)
    response = client.get(reverse("progress:history", args=[update.pk]))
    page = response.content.decode()
    assert "Gecorrigeerd" in page and "Verkeerde kleur" in page and "vervangen" in page


def test_a_correction_without_a_reason_is_refused(client):
    w = world.build()
    approve_all(w)
    services.publish_round(w.round, user=w.nina)
    client.force_login(w.nina)
    before = snapshot()
    data = {"status": "vertraagd", "narrative": "Gecorrigeerd", "new": "", "reason": ""}
    response = client.post(reverse("progress:correct", args=[world.draft(w, w.n2).pk]), data)
    assert response.status_code == 200 and snapshot() == before


def test_the_round_page_lists_only_the_updates_in_the_users_scope(client):
    w = world.build()
    client.force_login(w.dave)
    page = client.get(reverse("progress:round", args=[w.round.slug])).content.decode()
    assert "Oost werkt" in page and "Techniekcentra Noord" not in page and "Stages" not in page


@pytest.mark.parametrize("name", ["alice", "bob", "carol", "dave", "nina", "adam"])
def test_the_work_pages_answer_for_every_role(client, name):
    w = world.build()
    client.force_login(getattr(w, name))
    assert client.get(reverse("progress:home")).status_code == 200
    assert client.get(reverse("progress:round", args=[w.round.slug])).status_code == 200


def test_a_user_without_a_role_sees_no_round(client):
    w = world.build()
    client.force_login(w.olga)
    assert client.get(reverse("progress:round", args=[w.round.slug])).status_code == 403


def test_a_landsdeel_coordinator_adds_a_main_result_to_their_profile(client):
    w = world.build()
    client.force_login(w.carol)
    data = {
        "organisation": "Stuurgroep",
        "priorities": "Stages",
        "resultaten-TOTAL_FORMS": 1,
        "resultaten-INITIAL_FORMS": 0,
        "resultaten-0-subregion": w.groningen.pk,
        "resultaten-0-heading": "Campus",
        "resultaten-0-text": "De campus is open.",
        "resultaten-0-order": 1,
    }
    client.post(reverse("progress:profile", args=[w.round.slug, "noord"]), data)
    profile = w.round.region_profiles.get(region=w.noord)
    assert [(r.subregion, r.text) for r in profile.results.all()] == [
        (w.groningen, "De campus is open.")
    ]


def test_the_profile_of_a_published_round_is_frozen(client):
    w = world.build()
    approve_all(w)
    services.publish_round(w.round, user=w.nina)
    client.force_login(w.carol)
    before = snapshot()
    data = {
        "organisation": "Later",
        "priorities": "",
        "resultaten-TOTAL_FORMS": 0,
        "resultaten-INITIAL_FORMS": 0,
    }
    response = client.post(
        reverse("progress:profile", args=[w.round.slug, "noord"]), data, follow=True
    )
    assert snapshot() == before
    assert "ligt vast" in response.content.decode()


def test_the_edit_page_shows_the_previous_rounds_status_beside_the_draft(client):
    w = world.build()
    client.force_login(w.bob)
    page = client.get(reverse("progress:edit", args=[world.draft(w, w.n2).pk])).content.decode()
    assert "Stand in Ronde 2014" in page and "Stages lopen volgens plan." in page


def test_a_correction_of_an_unknown_status_is_reported_by_the_corrector(client):
    w = world.build()
    approve_all(w)
    services.publish_round(w.round, user=w.nina)
    update = world.draft(w, w.or1)
    client.force_login(w.nina)
    data = {"status": "afgerond", "narrative": "Klaar", "new": "", "reason": "Bericht van Oost"}
    client.post(reverse("progress:correct", args=[update.pk]), data)
    approve_proposal(client, update)
    correction = StatusUpdate.objects.get(supersedes=update)
    assert (correction.status, correction.basis, correction.updated_by) == (
        "afgerond",
        "reported",
        w.nina,
    )


def test_an_action_number_already_in_the_pact_is_refused(client):
    w = world.build()
    client.force_login(w.carol)
    before = snapshot()
    data = {"number": "1", "title": "Dubbel"}
    response = client.post(reverse("pacts:action_create", args=["pact-noord"]), data)
    assert (
        response.status_code == 200 and "al een actie met dit nummer" in response.content.decode()
    )
    assert snapshot() == before


def test_the_registry_lists_only_the_pacts_in_the_users_scope(client):
    w = world.build()
    client.force_login(w.dave)
    page = client.get(reverse("pacts:registry")).content.decode()
    assert "Pact Oost" in page and "Pact Noord" not in page and "Nationaal pact" not in page


def test_a_coordinator_cannot_place_an_initiative_in_another_landsdeel(client):
    w = world.build()
    client.force_login(w.carol)
    data = {"name": "Elders", "kind": "campus", "regions": [w.oost.pk]}
    response = client.post(reverse("initiatives:work_create"), data)
    assert response.status_code == 200 and not Initiative.objects.filter(name="Elders").exists()


def test_editing_an_initiative_keeps_its_regions_in_other_landsdelen(client):
    w = world.build()
    shared = factory.initiative(name="Gedeeld")
    shared.regions.set([w.groningen, w.oost])
    client.force_login(w.carol)
    data = {"name": "Gedeeld", "kind": "campus", "regions": [w.groningen.pk], "levels": ["mbo"]}
    client.post(reverse("initiatives:work_edit", args=[shared.key]), data)
    # A change to a public initiative waits for the national coordinator's approval.
    client.force_login(w.nina)
    change = shared.changes.get()
    client.post(reverse("initiatives:change_approve", args=[change.pk]))
    shared.refresh_from_db()
    assert set(shared.regions.all()) == {w.groningen, w.oost}
    assert (shared.kind, shared.education_levels) == ("campus", " mbo ")


def approve_shown(client, w):
    updates = StatusUpdate.objects.filter(round=w.round)
    data = {"step": "approve", "item": [f"{u.pk}:{u.revision}" for u in updates]}
    return client.post(reverse("progress:selection_apply", args=[w.round.slug]), data)


def test_the_national_coordinator_approves_every_submitted_update_at_once(client):
    w = world.build()
    submit_all(w)
    client.force_login(w.nina)
    approve_shown(client, w)
    states = set(StatusUpdate.objects.filter(round=w.round).values_list("state", flat=True))
    assert states == {"approved"}


def test_a_landsdeel_coordinator_cannot_approve_the_round(client):
    w = world.build()
    submit_all(w)
    client.force_login(w.carol)
    before = snapshot()
    response = approve_shown(client, w)
    assert response.status_code == 403
    assert snapshot() == before


def test_the_drafts_page_offers_editing_only_where_the_user_may_edit(client):
    w = world.build()
    oost_draft = StatusUpdate.objects.get(round=w.round, action=w.or1, sub_measure=None)
    edit_url = f'href="{reverse("progress:edit", args=[oost_draft.pk])}"'
    client.force_login(w.nina)  # sees every draft, edits only the national ones
    assert (
        edit_url not in client.get(reverse("progress:round", args=[w.round.slug])).content.decode()
    )
    client.force_login(w.dave)  # coordinator of Oost
    assert edit_url in client.get(reverse("progress:round", args=[w.round.slug])).content.decode()
