"""The scope matrix: every role tries every step on objects inside and outside its scope,
through HTTP. Allowed steps change what they should; refused ones answer 403 (outside the
scope) and change nothing."""

import pytest
from django.urls import reverse

from pactmonitor.initiatives.models import Initiative, InitiativeChange
from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress import services
from pactmonitor.progress.models import (
    Milestone,
    ProposedCorrection,
    RegionProfile,
    ReportingRound,
    Source,
    StatusUpdate,
)
from tests import factory, world

pytestmark = pytest.mark.django_db

TARGETS = {
    "n1a": ("n1", "n1a"),
    "n2": ("n2", None),
    "nr1": ("nr1", None),
    "g1": ("g1", None),
    "or1": ("or1", None),
}


def snapshot():
    return (
        sorted(
            StatusUpdate.objects.values_list(
                "pk", "state", "status", "narrative", "revision", "review_comment", "is_current"
            )
        ),
        sorted(ReportingRound.objects.values_list("pk", "state", "slug")),
        Milestone.objects.count(),
        Source.objects.count(),
        sorted(RegionProfile.objects.values_list("pk", "organisation", "priorities", "state")),
        ProposedCorrection.objects.count(),
        InitiativeChange.objects.count(),
        sorted(Action.objects.values_list("pk", "pact", "number", "title", "ambition")),
        sorted(Pact.objects.values_list("pk", "name", "description")),
        sorted(Initiative.objects.values_list("pk", "name", "kind")),
        sorted(Initiative.regions.through.objects.values_list("initiative", "region")),
    )


def target(w, name):
    action, measure = TARGETS[name]
    return world.draft(w, getattr(w, action), getattr(w, measure) if measure else None)


def edit_data(update, **values):
    data = {
        "status": "vertraagd",
        "narrative": "Bijgewerkt",
        "new": "Iets nieuws",
        "revision": update.revision,
    }
    for prefix in ("mijlpalen", "vindplaatsen"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data | values


def submit_all(w):
    services.submit_updates(StatusUpdate.objects.filter(round=w.round), user=w.adam)


def approve_all(w):
    submit_all(w)
    for update in StatusUpdate.objects.filter(round=w.round):
        services.approve_update(update, user=w.adam)


def publish(w):
    approve_all(w)
    services.publish_round(w.round, user=w.adam)


# verb → (prepare the world, the request, whether it took effect)
def do_edit(client, w, update):
    return client.post(reverse("progress:edit", args=[update.pk]), edit_data(update))


def did_edit(w, update):
    return StatusUpdate.objects.get(pk=update.pk).narrative == "Bijgewerkt"


def do_submit(client, w, update):
    return client.post(reverse("progress:submit", args=[update.pk]))


def did_submit(w, update):
    return StatusUpdate.objects.get(pk=update.pk).state == "submitted"


def do_approve(client, w, update):
    return client.post(reverse("progress:approve", args=[update.pk]))


def did_approve(w, update):
    return StatusUpdate.objects.get(pk=update.pk).state == "approved"


def do_send_back(client, w, update):
    return client.post(
        reverse("progress:send_back", args=[update.pk]), {"comment": "Graag cijfers"}
    )


def did_send_back(w, update):
    return StatusUpdate.objects.get(pk=update.pk).review_comment == "Graag cijfers"


def do_create(client, w, update):
    data = {
        "pact": w.national.pk,
        "name": "Ronde 2016",
        "slug": "2016",
        "peildatum": "2016-06-01",
        "deadline": "2016-06-30",
    }
    return client.post(reverse("progress:round_open"), data)


def did_create(w, update):
    return ReportingRound.objects.filter(slug="2016", state="open").exists()


def do_publish(client, w, update):
    return client.post(reverse("progress:round_publish", args=[w.round.slug]))


def did_publish(w, update):
    return ReportingRound.objects.get(pk=w.round.pk).state == "published"


def do_correct(client, w, update):
    data = {
        "status": "vertraagd",
        "narrative": "Gecorrigeerd",
        "new": "",
        "reason": "Verkeerde kleur",
    }
    return client.post(reverse("progress:correct", args=[update.pk]), data)


def did_correct(w, update):
    """A correction is proposed, not yet published: a second national coordinator approves it
    (tests/progress/test_correction_views.py)."""
    proposed = ProposedCorrection.objects.filter(update=update, narrative="Gecorrigeerd").exists()
    return proposed and not StatusUpdate.objects.filter(supersedes=update).exists()


def do_edit_profile(client, w, update):
    key = update.action.pact.region.key if update.action.pact.region else "noord"
    data: dict[str, object] = {"organisation": "Nieuwe stuurgroep", "priorities": "Meer stages"}
    data |= {"resultaten-TOTAL_FORMS": 0, "resultaten-INITIAL_FORMS": 0}
    return client.post(reverse("progress:profile", args=[w.round.slug, key]), data)


def did_edit_profile(w, update):
    return RegionProfile.objects.filter(round=w.round, organisation="Nieuwe stuurgroep").exists()


def do_edit_action(client, w, update):
    data = {"number": update.action.number, "title": "Nieuwe titel", "ambition": "Meer"}
    return client.post(reverse("pacts:action_edit", args=[update.action.pk]), data)


def did_edit_action(w, update):
    return Action.objects.get(pk=update.action.pk).title == "Nieuwe titel"


def do_create_action(client, w, update):
    data = {"number": "77", "title": "Een nieuwe actie"}
    return client.post(reverse("pacts:action_create", args=[update.action.pact.key]), data)


def did_create_action(w, update):
    action = Action.objects.filter(pact=update.action.pact, number="77").first()
    return action is not None and action.updates.filter(round=w.round, state="draft").exists()


def do_edit_pact(client, w, update):
    data = {"name": "Hernoemd pact", "description": "Nieuw"}
    return client.post(reverse("pacts:pact_edit", args=[update.action.pact.key]), data)


def did_edit_pact(w, update):
    return Pact.objects.get(pk=update.action.pact_id).name == "Hernoemd pact"


def make_initiatives(w):
    for region in (w.groningen, w.oost):
        factory.initiative(name=f"Campus {region.name}").regions.set([region])


def initiative_in(w, update):
    """The initiative in the landsdeel of the target's pact (Groningen for Noord's pacts)."""
    region = w.groningen if update.action.pact.region_id == w.noord.pk else w.oost
    return Initiative.objects.get(regions=region)


def do_edit_initiative(client, w, update):
    initiative = initiative_in(w, update)
    data = {
        "name": "Hernoemd",
        "kind": "campus",
        "regions": [r.pk for r in initiative.regions.all()],
    }
    return client.post(reverse("initiatives:work_edit", args=[initiative.key]), data)


def did_edit_initiative(w, update):
    """Saved (the administrator), or proposed for review (a landsdeel coordinator's change to a
    public initiative: tests/initiatives/test_views.py)."""
    proposed = any(c.data.get("name") == ["Hernoemd"] for c in InitiativeChange.objects.all())
    return proposed or Initiative.objects.filter(name="Hernoemd").exists()


def do_create_initiative(client, w, update):
    region = w.groningen if update.action.pact.region_id == w.noord.pk else w.oost
    data = {"name": "Nieuwe campus", "kind": "campus", "regions": [region.pk]}
    return client.post(reverse("initiatives:work_create"), data)


def did_create_initiative(w, update):
    return Initiative.objects.filter(name="Nieuwe campus").exists()


def do_mark_ready(client, w, update):
    return client.post(reverse("progress:mark_ready", args=[update.pk]))


def did_mark_ready(w, update):
    return StatusUpdate.objects.get(pk=update.pk).state == "ready"


def mark_all_ready(w):
    for update in StatusUpdate.objects.filter(round=w.round):
        services.mark_ready(update, user=w.adam)


def do_take_back(client, w, update):
    return client.post(reverse("progress:take_back", args=[update.pk]))


def did_take_back(w, update):
    return StatusUpdate.objects.get(pk=update.pk).state == "draft"


def do_confirm(client, w, update):
    return client.post(reverse("progress:confirm", args=[update.pk]))


def did_confirm(w, update):
    return StatusUpdate.objects.get(pk=update.pk).confirmed_at is not None


def selection_step(step, **extra):
    def do(client, w, update):
        data = {"step": step, "item": [f"{update.pk}:{update.revision}"], **extra}
        return client.post(reverse("progress:selection_apply", args=[w.round.slug]), data)

    return do


VERBS = {
    "mark_ready": (None, do_mark_ready, did_mark_ready),
    "take_back": (mark_all_ready, do_take_back, did_take_back),
    "confirm": (None, do_confirm, did_confirm),
    "select_submit": (None, selection_step("submit"), did_submit),
    "select_approve": (submit_all, selection_step("approve"), did_approve),
    "select_send_back": (
        submit_all,
        selection_step("send_back", comment="Graag cijfers"),
        did_send_back,
    ),
    "edit": (None, do_edit, did_edit),
    "submit": (None, do_submit, did_submit),
    "approve": (submit_all, do_approve, did_approve),
    "send_back": (submit_all, do_send_back, did_send_back),
    "create_round": (None, do_create, did_create),
    "publish": (approve_all, do_publish, did_publish),
    "correct": (publish, do_correct, did_correct),
    "edit_profile": (None, do_edit_profile, did_edit_profile),
    "edit_action": (None, do_edit_action, did_edit_action),
    "create_action": (None, do_create_action, did_create_action),
    "edit_pact": (None, do_edit_pact, did_edit_pact),
    "edit_initiative": (make_initiatives, do_edit_initiative, did_edit_initiative),
    "create_initiative": (None, do_create_initiative, did_create_initiative),
}

# (user, verb, target, allowed)
MATRIX = [
    # the owner says a draft is done, and may take it back; only their own actions' drafts
    ("alice", "mark_ready", "nr1", True),
    ("carol", "mark_ready", "nr1", True),
    ("bob", "mark_ready", "nr1", False),
    ("dave", "mark_ready", "nr1", False),
    ("olga", "mark_ready", "n2", False),
    ("alice", "take_back", "nr1", True),
    ("bob", "take_back", "nr1", False),
    ("dave", "take_back", "nr1", False),
    # "ongewijzigd bevestigen": n2 has a previous round's update to confirm
    ("bob", "confirm", "n2", True),
    ("nina", "confirm", "n2", True),
    ("alice", "confirm", "n2", False),
    ("carol", "confirm", "n2", False),
    ("olga", "confirm", "n2", False),
    # the selection steps ask the same policy, per item
    ("carol", "select_submit", "nr1", True),
    ("nina", "select_submit", "n2", True),
    ("alice", "select_submit", "nr1", False),
    ("dave", "select_submit", "nr1", False),
    ("nina", "select_approve", "nr1", True),
    ("carol", "select_approve", "nr1", False),
    ("alice", "select_approve", "n1a", False),
    ("nina", "select_send_back", "nr1", True),
    ("dave", "select_send_back", "or1", False),
    ("bob", "select_send_back", "n2", False),
    ("alice", "edit", "n1a", True),
    ("alice", "edit", "n2", False),
    ("alice", "edit", "or1", False),
    ("bob", "edit", "n2", True),
    ("bob", "edit", "n1a", False),
    ("bob", "edit", "nr1", False),
    ("carol", "edit", "nr1", True),
    ("carol", "edit", "g1", True),
    ("carol", "edit", "or1", False),
    ("carol", "edit", "n2", False),
    ("dave", "edit", "or1", True),
    ("dave", "edit", "nr1", False),
    ("dave", "edit", "g1", False),
    ("nina", "edit", "n2", True),
    ("nina", "edit", "nr1", False),
    ("adam", "edit", "or1", True),
    ("olga", "edit", "n2", False),
    ("alice", "submit", "n1a", False),
    ("bob", "submit", "n2", False),
    ("carol", "submit", "nr1", True),
    ("carol", "submit", "g1", True),
    ("carol", "submit", "or1", False),
    ("dave", "submit", "or1", True),
    ("dave", "submit", "g1", False),
    ("nina", "submit", "n2", True),
    ("nina", "submit", "nr1", False),
    ("adam", "submit", "nr1", True),
    ("olga", "submit", "n2", False),
    ("alice", "approve", "n1a", False),
    ("carol", "approve", "nr1", False),
    ("dave", "approve", "or1", False),
    ("nina", "approve", "nr1", True),
    ("nina", "approve", "or1", True),
    ("adam", "approve", "or1", True),
    ("bob", "send_back", "n2", False),
    ("carol", "send_back", "nr1", False),
    ("nina", "send_back", "nr1", True),
    ("alice", "create_round", "n2", False),
    ("carol", "create_round", "n2", False),
    ("dave", "create_round", "n2", False),
    ("olga", "create_round", "n2", False),
    ("nina", "create_round", "n2", True),
    ("adam", "create_round", "n2", True),
    ("alice", "publish", "n2", False),
    ("carol", "publish", "n2", False),
    ("dave", "publish", "n2", False),
    ("nina", "publish", "n2", True),
    ("adam", "publish", "n2", True),
    ("alice", "correct", "n1a", False),
    ("carol", "correct", "nr1", False),
    ("nina", "correct", "nr1", True),
    # edit_profile: the landsdeel of the target's pact (nr1 → Noord, or1 → Oost)
    ("carol", "edit_profile", "nr1", True),
    ("carol", "edit_profile", "or1", False),
    ("dave", "edit_profile", "nr1", False),
    ("alice", "edit_profile", "nr1", False),
    ("nina", "edit_profile", "nr1", False),
    ("adam", "edit_profile", "or1", True),
    # the registry: the target's action, or (create_action, edit_pact) the target's pact
    ("alice", "edit_action", "n1a", False),
    ("carol", "edit_action", "nr1", True),
    ("carol", "edit_action", "g1", True),
    ("carol", "edit_action", "or1", False),
    ("dave", "edit_action", "or1", True),
    ("dave", "edit_action", "g1", False),
    ("nina", "edit_action", "n2", True),
    ("nina", "edit_action", "nr1", False),
    ("adam", "edit_action", "or1", True),
    ("alice", "create_action", "n2", False),
    ("carol", "create_action", "nr1", True),
    ("carol", "create_action", "or1", False),
    ("nina", "create_action", "n2", True),
    ("nina", "create_action", "or1", False),
    ("alice", "edit_pact", "nr1", False),
    ("carol", "edit_pact", "nr1", True),
    ("carol", "edit_pact", "n2", False),
    ("dave", "edit_pact", "nr1", False),
    ("nina", "edit_pact", "n2", True),
    ("nina", "edit_pact", "nr1", False),
    ("adam", "edit_pact", "or1", True),
    # initiatives: one in the landsdeel of the target's pact (nr1 → Noord, or1 → Oost)
    ("carol", "edit_initiative", "nr1", True),
    ("carol", "edit_initiative", "or1", False),
    ("dave", "edit_initiative", "or1", True),
    ("dave", "edit_initiative", "nr1", False),
    ("alice", "edit_initiative", "nr1", False),
    ("nina", "edit_initiative", "nr1", False),
    ("adam", "edit_initiative", "nr1", True),
    ("carol", "create_initiative", "nr1", True),
    ("alice", "create_initiative", "nr1", False),
    ("nina", "create_initiative", "nr1", False),
]


@pytest.mark.parametrize(
    ("who", "verb", "name", "allowed"),
    MATRIX,
    ids=[f"{u}-{v}-{t}-{'ok' if a else 'refused'}" for u, v, t, a in MATRIX],
)
def test_scope_matrix(client, who, verb, name, allowed):
    w = world.build()
    prepare, act, took_effect = VERBS[verb]
    if prepare:
        prepare(w)
    update = StatusUpdate.objects.get(pk=target(w, name).pk)
    client.force_login(getattr(w, who))
    before = snapshot()
    response = act(client, w, update)
    if allowed:
        assert response.status_code == 302, response.content[:500]
        assert took_effect(w, update)
    else:
        assert response.status_code == 403
        assert snapshot() == before


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in_and_changes_nothing(client, verb):
    w = world.build()
    prepare, act, _ = VERBS[verb]
    if prepare:
        prepare(w)
    before = snapshot()
    response = act(client, w, target(w, "n2"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
    assert snapshot() == before


def round_page(client, w, user) -> str:
    client.force_login(user)
    response = client.get(reverse("progress:round", args=[w.round.slug]))
    assert response.status_code == 200
    return response.content.decode()


def row_of(page: str, update) -> str:
    return page.split(f'id="update-{update.pk}"')[1].split("</tr>")[0]


def test_the_round_page_offers_sending_back_an_approved_update_as_the_service_allows(client):
    w = world.build()
    update = target(w, "nr1")
    StatusUpdate.objects.filter(pk=update.pk).update(state="approved")
    row = row_of(round_page(client, w, w.nina), update)
    assert reverse("progress:send_back", args=[update.pk]) in row
    assert reverse("progress:approve", args=[update.pk]) not in row


def test_the_round_page_offers_approving_a_submitted_update_to_the_national_coordinator(client):
    w = world.build()
    update = target(w, "nr1")
    StatusUpdate.objects.filter(pk=update.pk).update(state="submitted")
    row = row_of(round_page(client, w, w.nina), update)
    assert reverse("progress:approve", args=[update.pk]) in row
    assert reverse("progress:send_back", args=[update.pk]) in row


def test_the_round_page_offers_a_landsdeel_coordinator_no_review_step(client):
    w = world.build()
    update = target(w, "nr1")
    StatusUpdate.objects.filter(pk=update.pk).update(state="submitted")
    row = row_of(round_page(client, w, w.carol), update)
    assert reverse("progress:history", args=[update.pk]) in row
    assert reverse("progress:approve", args=[update.pk]) not in row
    assert reverse("progress:send_back", args=[update.pk]) not in row


def test_the_work_home_offers_adding_initiatives_only_to_who_may_add_them(client):
    w = world.build()
    link = reverse("initiatives:work_list")
    for user, offered in ((w.carol, True), (w.adam, True), (w.nina, False), (w.alice, False)):
        client.force_login(user)
        page = client.get(reverse("progress:home")).content.decode()
        assert (link in page) is offered, user.username
