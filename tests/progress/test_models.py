import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from pactmonitor.progress.models import (
    PublishedUpdateIsFrozen,
    RegionProfile,
    RegionResult,
    StatusUpdate,
)
from pactmonitor.progress.services import correct_update
from tests import factory

pytestmark = pytest.mark.django_db


def test_an_action_has_one_update_per_round():
    update = factory.status_update()
    with pytest.raises(IntegrityError), transaction.atomic():
        factory.status_update(action=update.action, round=update.round)


def test_a_sub_measure_has_one_update_per_round():
    measure = factory.sub_measure()
    update = factory.status_update(action=measure.action, sub_measure=measure)
    with pytest.raises(IntegrityError), transaction.atomic():
        factory.status_update(action=measure.action, sub_measure=measure, round=update.round)


def test_an_action_and_its_sub_measures_each_have_their_own_update_in_a_round():
    measure = factory.sub_measure()
    update = factory.status_update(action=measure.action)
    factory.status_update(action=measure.action, sub_measure=measure, round=update.round)
    assert StatusUpdate.objects.filter(round=update.round).count() == 2


def test_a_published_update_cannot_be_overwritten():
    update = factory.status_update(state="published", narrative="Zo stond het.")
    update.narrative = "Anders opgeschreven"
    with pytest.raises(PublishedUpdateIsFrozen):
        update.save()
    assert StatusUpdate.objects.get(pk=update.pk).narrative == "Zo stond het."


def test_a_correction_is_a_new_version_and_the_old_one_stays():
    update = factory.status_update(state="published", status="op_schema")
    correction = correct_update(update, reason="Verkeerde kleur", status="vertraagd")
    update.refresh_from_db()
    assert (correction.version, correction.status, correction.supersedes) == (
        2,
        "vertraagd",
        update,
    )
    assert update.status == "op_schema" and not update.is_current
    assert list(StatusUpdate.objects.current()) == [correction]


def test_a_correction_needs_a_reason():
    update = factory.status_update(state="published")
    with pytest.raises(ValueError):
        correct_update(update, reason=" ", status="vertraagd")


def test_an_assessed_status_needs_the_quote_that_shows_it():
    update = factory.status_update(status="afgerond", basis="assessed")
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "basis_quote" in error.value.message_dict


def test_a_change_to_an_update_is_kept_with_who_made_it():
    user = factory_user()
    update = factory.status_update(narrative="Eerste versie")
    update.narrative = "Tweede versie"
    update._history_user = user  # type: ignore[attr-defined]  # simple-history's way, untyped
    update.save()
    latest = update.history.latest("history_date")
    assert (latest.narrative, latest.history_user) == ("Tweede versie", user)


def factory_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("noor", password="x")


def _profiles_of_two_landsdelen_in_two_rounds() -> list[RegionProfile]:
    pact = factory.pact()
    later = factory.reporting_round(pact=pact, peildatum=datetime.date(2015, 5, 31))
    earlier = factory.reporting_round(pact=pact, peildatum=datetime.date(2014, 5, 31))
    zuid, noord = factory.region(name="Zuid"), factory.region(name="Noord")
    profiles = [
        RegionProfile.objects.create(region=region, round=round)
        for region in (zuid, noord)
        for round in (later, earlier)
    ]
    for profile in profiles:
        RegionResult.objects.create(profile=profile, text="Een resultaat", order=1)
    return profiles


def test_a_plain_profile_or_result_query_joins_no_other_table():
    _profiles_of_two_landsdelen_in_two_rounds()
    with CaptureQueriesContext(connection) as queries:
        assert len(list(RegionProfile.objects.all())) == 4
        assert len(list(RegionResult.objects.all())) == 4
    assert [q["sql"] for q in queries if "JOIN" in q["sql"]] == []


def test_profiles_and_results_list_by_landsdeel_name_then_oldest_round_first():
    zuid_later, zuid_earlier, noord_later, noord_earlier = (
        _profiles_of_two_landsdelen_in_two_rounds()
    )
    expected = [noord_earlier, noord_later, zuid_earlier, zuid_later]
    assert list(RegionProfile.objects.in_landsdeel_order()) == expected
    results = RegionResult.objects.in_landsdeel_order()
    assert [result.profile for result in results] == expected


def test_an_update_has_an_earlier_one_per_action_or_per_sub_measure_as_previous_update_says():
    from pactmonitor.progress.services import previous_update
    from tests import world

    w = world.build()
    factory.status_update(round=w.previous, action=w.n1, sub_measure=w.n1a, state="published")
    drafts = StatusUpdate.objects.filter(round=w.round)
    found = set(drafts.with_earlier_update().values_list("action__number", "sub_measure__letter"))
    assert found == {("1", "a"), ("2", None)}  # 1b and the regional ones have none
    assert found == {
        (u.action.number, u.sub_measure.letter if u.sub_measure else None)
        for u in drafts
        if previous_update(u) is not None
    }
