"""The admin obeys the round cycle: no phase changes around the services, frozen records stay.

The national coordinator here holds every admin permission on rounds, updates and profiles
(more than demo-users gives), so the tests show the rules hold however permissions are set.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from pactmonitor.progress import services
from pactmonitor.progress.models import RegionProfile, ReportingRound, StatusUpdate
from tests import world

pytestmark = pytest.mark.django_db
MODELS = ["reportinground", "statusupdate", "regionprofile", "milestone", "source"]


@pytest.fixture
def w(client):
    w = world.build()
    w.nina.is_staff = True
    w.nina.save()
    w.nina.user_permissions.set(Permission.objects.filter(content_type__model__in=MODELS))
    client.force_login(w.nina)
    return w


def round_form(round: ReportingRound, **changes) -> dict:
    data = {
        "pact": round.pact_id,
        "slug": round.slug,
        "name": round.name,
        "peildatum": round.peildatum.isoformat(),
        "peildatum_text": "",
        "deadline": round.deadline.isoformat() if round.deadline else "",
        "state": round.state,
        "provenance_document": "",
        "provenance_quote": "",
    }
    return data | changes


def states(round: ReportingRound) -> list[str]:
    return sorted(round.updates.values_list("state", flat=True))


def test_the_change_form_cannot_publish_a_round_with_unapproved_updates(client, w):
    url = reverse("admin:progress_reportinground_change", args=[w.round.pk])
    before = states(w.round)
    response = client.post(url, round_form(w.round, state="published", name="Ronde 2015 (b)"))
    w.round.refresh_from_db()
    assert response.status_code == 302  # the other fields were saved …
    assert w.round.name == "Ronde 2015 (b)"
    assert w.round.state == "open" and states(w.round) == before  # … the phase was not


def test_an_open_round_cannot_be_moved_to_another_pact(client, w):
    url = reverse("admin:progress_reportinground_change", args=[w.round.pk])
    client.post(url, round_form(w.round, pact=w.pact_oost.pk))
    w.round.refresh_from_db()
    assert w.round.pact == w.national


def test_the_publish_action_refuses_a_round_with_unapproved_updates_with_the_services_message(
    client, w
):
    response = client.post(
        reverse("admin:progress_reportinground_changelist"),
        {"action": "publish", "_selected_action": [w.round.pk]},
        follow=True,
    )
    w.round.refresh_from_db()
    assert w.round.state == "open"
    assert not w.round.updates.filter(state="published").exists()
    assert "zijn niet goedgekeurd" in response.content.decode()


def test_the_publish_action_publishes_a_round_whose_updates_are_all_approved(client, w):
    services.submit_updates(w.round.updates.all(), user=w.nina)
    services.approve_updates(w.round.updates.all(), user=w.nina)
    client.post(
        reverse("admin:progress_reportinground_changelist"),
        {"action": "publish", "_selected_action": [w.round.pk]},
    )
    w.round.refresh_from_db()
    assert w.round.state == "published"
    assert set(states(w.round)) == {"published"}


def test_a_published_round_cannot_be_unpublished_in_the_change_form(client, w):
    url = reverse("admin:progress_reportinground_change", args=[w.previous.pk])
    response = client.post(url, round_form(w.previous, state="open"))
    w.previous.refresh_from_db()
    assert response.status_code == 403
    assert w.previous.state == "published"


def test_a_published_round_cannot_be_reverted_to_an_earlier_version_from_its_history(client, w):
    for state in ["open", "published"]:  # a history row in which it was still open
        w.previous.state = state
        w.previous.save()
    opened = w.previous.history.filter(state="open").first()
    url = reverse(
        "admin:progress_reportinground_simple_history", args=[w.previous.pk, opened.history_id]
    )
    response = client.post(url, round_form(w.previous, state="open"))
    w.previous.refresh_from_db()
    assert response.status_code == 403
    assert w.previous.state == "published"


def test_the_profile_of_a_published_round_cannot_be_edited(client, w):
    profile = RegionProfile.objects.create(region=w.noord, round=w.previous, priorities="Vast")
    url = reverse("admin:progress_regionprofile_change", args=[profile.pk])
    response = client.post(
        url,
        {
            "region": w.noord.pk,
            "round": w.previous.pk,
            "organisation": "",
            "priorities": "Herschreven",
            "results-TOTAL_FORMS": "0",
            "results-INITIAL_FORMS": "0",
        },
    )
    profile.refresh_from_db()
    assert response.status_code == 403
    assert profile.priorities == "Vast"


def test_the_profile_of_an_open_round_can_still_be_edited_in_the_admin(client, w):
    w.adam.is_staff = True
    w.adam.save()
    w.adam.user_permissions.set(w.nina.user_permissions.all())
    client.force_login(w.adam)  # profiles are in the administrator's scope, not nina's
    profile = RegionProfile.objects.get(region=w.noord, round=w.round)
    url = reverse("admin:progress_regionprofile_change", args=[profile.pk])
    data = {
        "region": w.noord.pk,
        "round": w.round.pk,
        "organisation": "",
        "priorities": "Nieuw",
        "provenance_document": "",
        "provenance_quote": "",
    }
    for inline in client.get(url).context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data[f"{management.prefix}-TOTAL_FORMS"] = "0"
        data[f"{management.prefix}-INITIAL_FORMS"] = "0"
    response = client.post(url, data)
    profile.refresh_from_db()
    assert response.status_code == 302
    assert profile.priorities == "Nieuw"


def test_the_admin_keeps_to_the_scope_of_the_work_pages(client, w):
    regional = world.draft(w, w.nr1)  # Noord's action: not nina's to edit
    profile = RegionProfile.objects.get(region=w.noord, round=w.round)
    for url in [
        reverse("admin:progress_statusupdate_change", args=[regional.pk]),
        reverse("admin:progress_regionprofile_change", args=[profile.pk]),
    ]:
        assert client.post(url, {"narrative": "x", "priorities": "x"}).status_code == 403
    regional.refresh_from_db()
    profile.refresh_from_db()
    assert regional.narrative != "x" and profile.priorities != "x"


def test_a_new_profile_can_only_be_added_for_an_open_round(client, w):
    form = client.get(reverse("admin:progress_regionprofile_add")).context["adminform"].form
    assert list(form.fields["round"].queryset) == [w.round]


def test_a_published_update_cannot_be_deleted_nor_its_milestones_changed(client, w):
    update = w.previous.updates.get()
    milestone = update.milestones.create(text="Vast")
    client.post(reverse("admin:progress_statusupdate_delete", args=[update.pk]), {"post": "yes"})
    client.post(
        reverse("admin:progress_milestone_change", args=[milestone.pk]),
        {"update": update.pk, "text": "Herschreven", "date_text": ""},
    )
    assert StatusUpdate.objects.filter(pk=update.pk).exists()
    milestone.refresh_from_db()
    assert milestone.text == "Vast"


def test_the_superuser_cannot_delete_an_action_with_a_published_update(client, w):
    from pactmonitor.accounts.models import User

    client.force_login(User.objects.create_superuser("root", "r@example.org", "x"))
    client.post(reverse("admin:pacts_action_delete", args=[w.n2.pk]), {"post": "yes"})
    assert StatusUpdate.objects.filter(round=w.previous, action=w.n2).exists()


def test_a_submitted_update_is_read_only_so_its_review_cannot_be_bypassed(client, w):
    update = world.draft(w, w.n2)
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.nina)
    url = reverse("admin:progress_statusupdate_change", args=[update.pk])
    response = client.post(url, {"status": "afgerond", "narrative": "Stilletjes veranderd"})
    update.refresh_from_db()
    assert response.status_code == 403
    assert update.state == "submitted" and update.narrative != "Stilletjes veranderd"


def test_the_approve_action_approves_submitted_updates_through_the_service(client, w):
    update = world.draft(w, w.n2)
    services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=w.nina)
    client.post(
        reverse("admin:progress_statusupdate_changelist"),
        {"action": "approve", "_selected_action": [update.pk]},
    )
    update.refresh_from_db()
    assert update.state == "approved" and update.approved_by == w.nina


def test_rounds_and_updates_are_not_added_in_the_admin(client, w):
    assert client.get(reverse("admin:progress_reportinground_add")).status_code == 403
    assert client.get(reverse("admin:progress_statusupdate_add")).status_code == 403
