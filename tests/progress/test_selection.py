"""Steps on a selection: a plan that says what will happen, then the step for the items that
may still take it, the others refused one by one with the reason (progress.selection), and the
work page's filters."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pactmonitor.progress import selection, services
from pactmonitor.progress.models import StatusUpdate
from tests import world

pytestmark = pytest.mark.django_db


def items(*updates):
    return {u.pk: StatusUpdate.objects.get(pk=u.pk).revision for u in updates}


def changed(w, action, user):
    """As if ``user`` had changed the draft's content (test_reporting.py covers the save)."""
    update = world.draft(w, action)
    StatusUpdate.objects.filter(pk=update.pk).update(carried_over=False, updated_by=user)
    return world.draft(w, action)


def test_the_plan_says_how_many_go_and_how_many_of_them_are_untouched():
    w = world.build()
    changed(w, w.nr1, w.alice)
    chosen = items(world.draft(w, w.nr1), world.draft(w, w.g1))
    plan = selection.plan(w.round, w.carol, selection.STEPS["submit"], chosen)
    assert plan.summary == "2 indienen, waarvan 1 ongewijzigd (niet gerapporteerd)"
    assert not plan.refused
    assert set(StatusUpdate.objects.filter(round=w.round).values_list("state", flat=True)) == {
        "draft"
    }


def test_an_item_changed_since_the_page_was_loaded_is_refused_and_the_others_go_on():
    w = world.build()
    chosen = items(world.draft(w, w.nr1), world.draft(w, w.g1))
    services.mark_ready(world.draft(w, w.g1), user=w.carol)  # a new revision since loading
    plan = selection.carry_out(w.round, w.carol, selection.STEPS["submit"], chosen)
    assert [u.pk for u, _ in plan.going] == [world.draft(w, w.nr1).pk]
    assert "Gewijzigd sinds u de pagina opende" in plan.refused[0][1]
    assert (world.draft(w, w.nr1).state, world.draft(w, w.g1).state) == ("submitted", "ready")


def test_an_item_in_the_wrong_state_is_refused_with_the_reason():
    w = world.build()
    chosen = items(world.draft(w, w.nr1))
    plan = selection.carry_out(w.round, w.nina, selection.STEPS["approve"], chosen)
    assert not plan.going and "niet (meer) ingediend" in plan.refused[0][1]


def test_an_item_outside_the_users_scope_refuses_the_whole_selection():
    w = world.build()
    chosen = items(world.draft(w, w.nr1), world.draft(w, w.or1))
    with pytest.raises(PermissionDenied):
        selection.carry_out(w.round, w.carol, selection.STEPS["submit"], chosen)
    assert world.draft(w, w.nr1).state == "draft"


def test_sending_back_a_selection_needs_a_comment():
    w = world.build()
    services.submit_updates(StatusUpdate.objects.filter(round=w.round), user=w.adam)
    chosen = items(world.draft(w, w.nr1))
    with pytest.raises(selection.SelectionRefused):
        selection.carry_out(w.round, w.nina, selection.STEPS["send_back"], chosen, comment=" ")
    selection.carry_out(w.round, w.nina, selection.STEPS["send_back"], chosen, comment="Cijfers?")
    assert (world.draft(w, w.nr1).state, world.draft(w, w.nr1).review_comment) == (
        "draft",
        "Cijfers?",
    )


def test_a_malformed_item_is_refused_before_anything_happens():
    with pytest.raises(selection.SelectionRefused):
        selection.parse_items(["12:x"])
    with pytest.raises(selection.SelectionRefused):
        selection.parse_items([])


def post_selection(client, w, name, step, *updates, **extra):
    data = {"step": step, "item": [f"{k}:{v}" for k, v in items(*updates).items()], **extra}
    return client.post(reverse(name, args=[w.round.slug]), data)


def test_the_confirmation_page_says_what_will_happen_and_changes_nothing(client):
    w = world.build()
    client.force_login(w.carol)
    response = post_selection(
        client, w, "progress:selection", "submit", world.draft(w, w.nr1), world.draft(w, w.g1)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 indienen, waarvan 2 ongewijzigd (niet gerapporteerd)" in page
    assert world.draft(w, w.nr1).state == "draft"


def test_confirming_takes_the_step_and_says_what_was_refused(client):
    w = world.build()
    client.force_login(w.carol)
    nr1, g1 = world.draft(w, w.nr1), world.draft(w, w.g1)
    data = {"step": "submit", "item": [f"{nr1.pk}:{nr1.revision}", f"{g1.pk}:{g1.revision - 1}"]}
    response = client.post(reverse("progress:selection_apply", args=[w.round.slug]), data)
    assert response.status_code == 302
    assert (world.draft(w, w.nr1).state, world.draft(w, w.g1).state) == ("submitted", "draft")
    page = client.get(response["Location"]).content.decode()
    assert "1 updates ingediend, waarvan 1 niet gerapporteerd" in page
    assert "Gewijzigd sinds u de pagina opende" in page


def test_an_outsider_is_refused_the_confirmation_page(client):
    w = world.build()
    client.force_login(w.dave)
    response = post_selection(client, w, "progress:selection", "submit", world.draft(w, w.nr1))
    assert response.status_code == 403 and "Techniekcentra" not in response.content.decode()


def round_page(client, w, user, query=""):
    client.force_login(user)
    response = client.get(reverse("progress:round", args=[w.round.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_round_page_filters_by_pact_owner_state_and_reporting(client):
    w = world.build()
    changed(w, w.nr1, w.carol)
    assert "Groningse campus" not in round_page(client, w, w.carol, "?pact=pact-noord")
    by_owner = round_page(client, w, w.carol, "?organisatie=school-a")
    assert "Techniekcentra Noord" in by_owner and "Groningse campus" not in by_owner
    assert "Techniekcentra" not in round_page(client, w, w.carol, "?organisatie=geen")
    untouched = round_page(client, w, w.carol, "?rapportage=not_reported")
    assert "Groningse campus" in untouched and "Techniekcentra Noord" not in untouched
    assert "Groningse campus" not in round_page(client, w, w.carol, "?fase=submitted")


def test_the_round_page_shows_who_wrote_each_draft_after_it_was_submitted(client):
    w = world.build()
    changed(w, w.nr1, w.alice)
    services.submit_updates(StatusUpdate.objects.filter(action=w.nr1), user=w.carol)
    page = round_page(client, w, w.carol)
    row = page.split(f'id="update-{world.draft(w, w.nr1).pk}"')[1].split("</tr>")[0]
    assert "alice" in row and "ingediend door carol" in row


def test_the_round_page_offers_an_owner_to_mark_ready_and_confirm_but_not_to_submit(client):
    w = world.build()
    page = round_page(client, w, w.bob)
    assert reverse("progress:mark_ready", args=[world.draft(w, w.n2).pk]) in page
    assert reverse("progress:submit", args=[world.draft(w, w.n2).pk]) not in page
    assert 'value="confirm"' in page and 'value="submit"' not in page


def test_the_round_page_offers_to_confirm_only_a_draft_with_an_earlier_report(client):
    w = world.build()
    page = round_page(client, w, w.nina)
    assert reverse("progress:confirm", args=[world.draft(w, w.n2).pk]) in page  # 2014 reported
    lesmateriaal = world.draft(w, w.n1, w.n1a)  # no earlier round: nothing to confirm
    assert reverse("progress:confirm", args=[lesmateriaal.pk]) not in page
    assert page.count("getoonde ongewijzigde concepten bevestigen") == 1
    assert "Alle 1 getoonde ongewijzigde concepten bevestigen" in page
    assert 'value="confirm"' not in round_page(client, w, w.alice)  # none of hers has one


def test_confirming_a_selection_unchanged_reports_each_item_with_who_and_when():
    w = world.build()
    stages = world.draft(w, w.n2)  # reported in 2014, carried over into this round
    plan = selection.carry_out(w.round, w.bob, selection.STEPS["confirm"], items(stages))
    assert plan.summary == "1 ongewijzigd bevestigen" and not plan.refused
    stages = world.draft(w, w.n2)
    assert (stages.reporting, stages.confirmed_by, stages.state) == ("confirmed", w.bob, "draft")


def test_confirming_a_selection_refuses_an_item_changed_since_and_one_without_an_earlier_report():
    w = world.build()
    stages, lesmateriaal = world.draft(w, w.n2), world.draft(w, w.n1, w.n1a)
    chosen = items(stages, lesmateriaal)
    services.mark_ready(world.draft(w, w.n2), user=w.nina)  # a new revision since loading
    plan = selection.carry_out(w.round, w.nina, selection.STEPS["confirm"], chosen)
    reasons = [reason for _update, reason in plan.refused]
    assert not plan.going and len(reasons) == 2
    assert "Gewijzigd sinds u de pagina opende" in reasons[0]
    assert "geen eerdere stand van zaken" in reasons[1]
    assert {u.reporting for u in StatusUpdate.objects.filter(round=w.round)} == {"not_reported"}


def test_planning_to_confirm_many_items_asks_no_more_queries_than_one():
    w = world.build()
    every = list(StatusUpdate.objects.filter(round=w.round).for_user(w.nina, "edit"))
    counts = []
    for chosen in (items(*every[:1]), items(*every)):
        with CaptureQueriesContext(connection) as queries:
            selection.plan(w.round, w.nina, selection.STEPS["confirm"], chosen)
        counts.append(len(queries))
    assert len(every) == 3 and counts[0] == counts[1]


def test_confirming_a_selection_outside_the_users_scope_confirms_nothing():
    w = world.build()
    chosen = items(world.draft(w, w.n2), world.draft(w, w.nr1))
    with pytest.raises(PermissionDenied):
        selection.carry_out(w.round, w.bob, selection.STEPS["confirm"], chosen)
    assert world.draft(w, w.n2).reporting == "not_reported"


def test_the_confirmation_page_for_confirming_says_the_items_will_count_as_reported(client):
    w = world.build()
    client.force_login(w.nina)
    response = post_selection(client, w, "progress:selection", "confirm", world.draft(w, w.n2))
    page = response.content.decode()
    assert "Bevestigen: 1 ongewijzigd bevestigen" in page
    assert "tellen dan als gerapporteerd" in page or "telt dan als gerapporteerd" in page
    assert "blijft “niet gerapporteerd”" not in page
    assert '<caption class="utrecht-table__caption">Deze updates gaan door</caption>' in page
    assert world.draft(w, w.n2).reporting == "not_reported"
    applied = post_selection(client, w, "progress:selection_apply", "confirm", world.draft(w, w.n2))
    assert "1 updates ongewijzigd bevestigd." in client.get(applied["Location"]).content.decode()
    assert world.draft(w, w.n2).confirmed_by == w.nina
