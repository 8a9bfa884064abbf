"""Initiatives under review through the work pages: what a landsdeel coordinator adds or
changes waits for the national coordinator; the public sees only approved initiatives (the
approved version while a change waits); who may not review is refused and nothing changes."""

import pytest
from django.urls import reverse

from pactmonitor.initiatives.models import Initiative, InitiativeChange
from tests import factory, world

pytestmark = pytest.mark.django_db


def state():
    return (
        sorted(Initiative.objects.values_list("pk", "name", "review_state", "review_comment")),
        sorted(InitiativeChange.objects.values_list("pk", "state", "review_comment")),
    )


def add_campus(client, w, name="Nieuwe campus"):
    client.force_login(w.carol)
    data = {"name": name, "kind": "campus", "regions": [w.groningen.pk]}
    client.post(reverse("initiatives:work_create"), data)
    return Initiative.objects.get(name=name)


def public_campus(w):
    initiative = factory.initiative(key="campus-groningen", name="Campus Groningen")
    initiative.regions.set([w.groningen])
    return initiative


def propose_rename(client, w):
    initiative = public_campus(w)
    client.force_login(w.carol)
    data = {"name": "Campus Stad", "kind": "campus", "regions": [w.groningen.pk]}
    client.post(reverse("initiatives:work_edit", args=[initiative.key]), data)
    return initiative


def test_a_new_initiative_of_a_landsdeel_coordinator_waits_and_is_not_public(client):
    w = world.build()
    initiative = add_campus(client, w)
    assert (initiative.review_state, initiative.proposed_by) == ("pending", w.carol)
    client.logout()
    assert client.get(initiative.get_absolute_url()).status_code == 404
    finder = client.get(reverse("web:initiatives"), {"q": "campus"}).content.decode()
    assert "Nieuwe campus" not in finder


def test_the_national_coordinator_approves_it_and_it_is_public(client):
    w = world.build()
    initiative = add_campus(client, w)
    client.force_login(w.nina)
    assert "Nieuwe campus" in client.get(reverse("initiatives:work_list")).content.decode()
    client.post(reverse("initiatives:work_approve", args=[initiative.key]))
    client.logout()
    page = client.get(initiative.get_absolute_url())
    assert page.status_code == 200 and "Nieuwe campus" in page.content.decode()


def test_a_rejection_says_why_to_the_coordinator_and_stays_hidden(client):
    w = world.build()
    initiative = add_campus(client, w)
    client.force_login(w.nina)
    client.post(
        reverse("initiatives:work_reject", args=[initiative.key]), {"comment": "Bestaat al"}
    )
    client.force_login(w.carol)
    page = client.get(reverse("initiatives:work_list")).content.decode()
    assert "afgewezen" in page and "Bestaat al" in page
    client.logout()
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_a_rejection_without_a_reason_is_refused(client):
    w = world.build()
    initiative = add_campus(client, w)
    client.force_login(w.nina)
    before = state()
    client.post(reverse("initiatives:work_reject", args=[initiative.key]), {"comment": ""})
    assert state() == before


def test_a_change_to_a_public_initiative_waits_while_the_public_sees_the_approved_one(client):
    w = world.build()
    initiative = propose_rename(client, w)
    assert Initiative.objects.get(pk=initiative.pk).name == "Campus Groningen"
    client.logout()
    assert "Campus Groningen" in client.get(initiative.get_absolute_url()).content.decode()
    client.force_login(w.nina)
    page = client.get(reverse("initiatives:work_review", args=[initiative.key])).content.decode()
    assert "Campus Stad" in page
    client.post(reverse("initiatives:change_approve", args=[InitiativeChange.objects.get().pk]))
    assert Initiative.objects.get(pk=initiative.pk).name == "Campus Stad"


def test_a_rejected_change_leaves_the_initiative_as_it_was(client):
    w = world.build()
    initiative = propose_rename(client, w)
    client.force_login(w.nina)
    change = InitiativeChange.objects.get()
    client.post(reverse("initiatives:change_reject", args=[change.pk]), {"comment": "Nee"})
    assert InitiativeChange.objects.get().state == "rejected"
    assert Initiative.objects.get(pk=initiative.pk).name == "Campus Groningen"


@pytest.mark.parametrize("who", ["carol", "dave", "alice", "olga"])
def test_who_may_not_review_an_initiative_is_refused_and_nothing_changes(client, who):
    w = world.build()
    initiative = add_campus(client, w)
    client.force_login(getattr(w, who))
    before = state()
    approve = client.post(reverse("initiatives:work_approve", args=[initiative.key]))
    reject = client.post(
        reverse("initiatives:work_reject", args=[initiative.key]), {"comment": "Nee"}
    )
    review = client.get(reverse("initiatives:work_review", args=[initiative.key]))
    assert (approve.status_code, reject.status_code, review.status_code) == (403, 403, 403)
    assert state() == before


@pytest.mark.parametrize("who", ["carol", "dave", "alice", "olga"])
def test_who_may_not_review_a_change_is_refused_and_nothing_changes(client, who):
    w = world.build()
    propose_rename(client, w)
    change = InitiativeChange.objects.get()
    client.force_login(getattr(w, who))
    before = state()
    approve = client.post(reverse("initiatives:change_approve", args=[change.pk]))
    reject = client.post(reverse("initiatives:change_reject", args=[change.pk]), {"comment": "x"})
    assert (approve.status_code, reject.status_code) == (403, 403)
    assert state() == before


def test_the_administrators_own_initiative_needs_no_review(client):
    w = world.build()
    client.force_login(w.adam)
    data = {"name": "Campus Adam", "kind": "campus", "regions": [w.oost.pk]}
    client.post(reverse("initiatives:work_create"), data)
    assert Initiative.objects.get(name="Campus Adam").review_state == "approved"


def test_the_review_of_a_change_shows_every_choice_by_its_dutch_label_and_marks_what_changed(
    client,
):
    w = world.build()
    initiative = public_campus(w)
    client.force_login(w.carol)
    data = {
        "name": "Campus Groningen",
        "kind": "civ",
        "regions": [w.groningen.pk],
        "levels": ["mbo", "havo-vwo"],
    }
    client.post(reverse("initiatives:work_edit", args=[initiative.key]), data)
    client.force_login(w.nina)
    page = client.get(reverse("initiatives:work_review", args=[initiative.key])).content.decode()
    kind = page.split('id="veld-kind"')[1].split("</tr>")[0]
    assert "(gewijzigd)" in kind and ">civ<" not in kind
    assert "<td>overig</td><td>Centrum voor Innovatief Vakmanschap</td>" in kind
    levels = page.split('id="veld-levels"')[1].split("</tr>")[0]
    assert "(gewijzigd)" in levels and "havo/vwo, mbo" in levels
    name = page.split('id="veld-name"')[1].split("</tr>")[0]
    assert "(gewijzigd)" not in name and "Campus Groningen" in name


def test_the_review_does_not_show_another_landsdeels_region_as_removed(client):
    w = world.build()
    initiative = public_campus(w)
    initiative.regions.add(w.oost)  # also Oost's, which Noord's coordinator may not change
    client.force_login(w.carol)
    data = {"name": "Campus Stad", "kind": "campus", "regions": [w.groningen.pk]}
    client.post(reverse("initiatives:work_edit", args=[initiative.key]), data)
    client.force_login(w.nina)
    page = client.get(reverse("initiatives:work_review", args=[initiative.key])).content.decode()
    regions = page.split('id="veld-regions"')[1].split("</tr>")[0]
    assert "(gewijzigd)" not in regions
    assert regions.count("Groningen") == 2 and regions.count(w.oost.name) == 2
