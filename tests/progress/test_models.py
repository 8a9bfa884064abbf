import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pactmonitor.progress.models import PublishedUpdateIsFrozen, StatusUpdate
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
