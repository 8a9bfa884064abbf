"""The steps every review shares (core/review.py), on a landsdeel profile: a step takes the
record only while its state allows it, records who reviewed, when and why, and a step that
asks for a comment refuses a blank one, changing nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q

from pactmonitor.core.review import lock_in_state, required_comment, take_step
from pactmonitor.progress.models import RegionProfile
from tests import world

pytestmark = pytest.mark.django_db

SUBMITTED = Q(state="submitted")


def submitted_profile(w):
    profile = RegionProfile.objects.get(round=w.round, region=w.noord)
    profile.state = "submitted"
    profile.save()
    return profile


def test_a_step_records_who_reviewed_when_and_why():
    w = world.build()
    refusal = ValidationError("Alleen een ingediend profiel.")
    profile = submitted_profile(w)
    take_step(profile, allowed=SUBMITTED, refusal=refusal, to="draft", user=w.nina, comment="Meer")
    stored = RegionProfile.objects.get(pk=profile.pk)
    assert (stored.state, stored.reviewed_by, stored.review_comment) == ("draft", w.nina, "Meer")
    assert stored.reviewed_at is not None


def test_a_step_from_a_state_the_record_is_no_longer_in_is_refused_and_changes_nothing():
    w = world.build()
    profile = submitted_profile(w)
    with pytest.raises(ValidationError, match="al goedgekeurd"):
        lock_in_state(profile, Q(state="draft"), ValidationError("Het is al goedgekeurd."))
    assert RegionProfile.objects.get(pk=profile.pk).state == "submitted"


def test_a_refusal_can_name_the_state_the_record_is_in_now():
    w = world.build()
    profile = submitted_profile(w)

    def refused(current):
        return ValidationError(f"Dit profiel is {current.get_state_display()}.")

    with pytest.raises(ValidationError, match="Dit profiel is ingediend."):
        lock_in_state(profile, Q(state="draft"), refused)


def test_a_step_that_asks_for_a_comment_refuses_a_blank_one():
    with pytest.raises(ValidationError, match="waarom"):
        required_comment("  ", ValidationError("Zeg waarom."))
    assert required_comment(" Te vroeg ", ValidationError("Zeg waarom.")) == "Te vroeg"
