"""The profile review steps through HTTP: the landsdeel coordinator submits their own
landsdeel's profile, the national coordinator approves or sends back; everyone else is
refused and nothing changes. The round page and the public pages say what is what."""

import pytest
from django.urls import reverse

from pactmonitor.progress import profiles, services
from pactmonitor.progress.models import RegionProfile
from tests import world
from tests.progress.test_profiles import edit, profile_of
from tests.progress.test_views import approve_all

pytestmark = pytest.mark.django_db


def state():
    return sorted(
        RegionProfile.objects.values_list(
            "pk", "state", "organisation", "updated_by", "reviewed_by", "review_comment"
        )
    )


def submitted_noord(w):
    profiles.submit_profile(edit(w, w.noord, w.carol), user=w.carol)


def do_submit(client, w):
    return client.post(reverse("progress:profile_submit", args=[w.round.slug, "noord"]))


def do_approve(client, w):
    return client.post(reverse("progress:profile_approve", args=[w.round.slug, "noord"]))


def do_send_back(client, w):
    address = reverse("progress:profile_send_back", args=[w.round.slug, "noord"])
    return client.post(address, {"comment": "Graag resultaten"})


STEPS = {
    "submit": (None, do_submit, "submitted"),
    "approve": (submitted_noord, do_approve, "approved"),
    "send_back": (submitted_noord, do_send_back, "draft"),
}

# (user, step, allowed) on Noord's profile
MATRIX = [
    ("carol", "submit", True),
    ("adam", "submit", True),
    ("dave", "submit", False),
    ("nina", "submit", False),
    ("alice", "submit", False),
    ("olga", "submit", False),
    ("nina", "approve", True),
    ("carol", "approve", False),
    ("dave", "approve", False),
    ("alice", "approve", False),
    ("nina", "send_back", True),
    ("carol", "send_back", False),
    ("dave", "send_back", False),
]


@pytest.mark.parametrize(
    ("who", "step", "allowed"),
    MATRIX,
    ids=[f"{u}-{s}-{'ok' if a else 'refused'}" for u, s, a in MATRIX],
)
def test_profile_scope_matrix(client, who, step, allowed):
    w = world.build()
    prepare, act, result = STEPS[step]
    if prepare:
        prepare(w)
    client.force_login(getattr(w, who))
    before = state()
    response = act(client, w)
    if allowed:
        assert response.status_code == 302
        assert profile_of(w, w.noord).state == result
    else:
        assert response.status_code == 403
        assert state() == before


@pytest.mark.parametrize("step", sorted(STEPS))
def test_a_visitor_who_is_not_signed_in_changes_no_profile(client, step):
    w = world.build()
    prepare, act, _ = STEPS[step]
    if prepare:
        prepare(w)
    before = state()
    response = act(client, w)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert state() == before


def test_the_round_page_says_an_untouched_profile_is_not_updated(client):
    w = world.build()
    client.force_login(w.carol)
    page = client.get(reverse("progress:round", args=[w.round.slug])).content.decode()
    assert "niet bijgewerkt" in page and "Ongewijzigd indienen" in page


def test_a_submitted_profile_is_offered_for_review_and_not_for_editing(client):
    w = world.build()
    submitted_noord(w)
    client.force_login(w.carol)
    page = client.get(reverse("progress:round", args=[w.round.slug])).content.decode()
    assert reverse("progress:profile", args=[w.round.slug, "noord"]) not in page
    client.force_login(w.nina)
    page = client.get(reverse("progress:review_pending")).content.decode()
    assert "Stuurgroep Noord" in page
    assert reverse("progress:profile_approve", args=[w.round.slug, "noord"]) in page


def test_the_public_landsdeel_page_shows_approved_content_and_says_not_updated(client):
    w = world.build()
    profiles.submit_profile(edit(w, w.noord, w.carol), user=w.carol)
    profiles.approve_profile(profile_of(w, w.noord), user=w.nina)
    approve_all(w)
    services.publish_round(w.round, user=w.nina)
    client.logout()
    noord = client.get(reverse("web:landsdeel", args=["noord"])).content.decode()
    oost = client.get(reverse("web:landsdeel", args=["oost"])).content.decode()
    assert "Stuurgroep Noord" in noord and "Niet bijgewerkt" not in noord
    assert "Niet bijgewerkt in deze ronde" in oost
