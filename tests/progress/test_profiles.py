"""A landsdeel profile's review cycle: edited and submitted by the landsdeel coordinator,
approved or sent back by the national coordinator; publishing publishes approved profiles,
marks untouched ones "niet bijgewerkt" and refuses while an edited one waits."""

import pytest

from pactmonitor.progress import profiles, services
from pactmonitor.progress.forms import ProfileForm, ResultFormSet
from pactmonitor.progress.models import RegionProfile
from tests import world
from tests.progress.test_views import approve_all

pytestmark = pytest.mark.django_db

NO_RESULTS = {"resultaten-TOTAL_FORMS": 0, "resultaten-INITIAL_FORMS": 0}


def profile_of(w, region):
    return RegionProfile.objects.get(round=w.round, region=region)


def edit(w, region, user, organisation="Stuurgroep Noord"):
    profile = profile_of(w, region)
    data = {"organisation": organisation, "priorities": "Stages"} | NO_RESULTS
    form = ProfileForm(data, instance=profile)
    results = ResultFormSet(data, instance=profile, prefix="resultaten")
    assert form.is_valid() and results.is_valid()
    return profiles.save_profile(form, results, user=user)


def test_an_edit_records_who_and_stays_a_concept():
    w = world.build()
    profile = edit(w, w.noord, w.carol)
    assert (profile.state, profile.updated_by, profile.is_touched) == ("draft", w.carol, True)
    assert not profile_of(w, w.oost).is_touched


def test_submit_then_approve():
    w = world.build()
    profiles.submit_profile(edit(w, w.noord, w.carol), user=w.carol)
    approved = profiles.approve_profile(profile_of(w, w.noord), user=w.nina)
    assert (approved.state, approved.reviewed_by) == ("approved", w.nina)


def test_a_submitted_profile_cannot_be_edited_until_sent_back():
    w = world.build()
    profiles.submit_profile(edit(w, w.noord, w.carol), user=w.carol)
    with pytest.raises(services.RoundStepRefused):
        edit(w, w.noord, w.carol, organisation="Later")
    profiles.send_back_profile(profile_of(w, w.noord), comment="Graag resultaten", user=w.nina)
    profile = edit(w, w.noord, w.carol, organisation="Later")
    assert (profile.state, profile.review_comment, profile.organisation) == (
        "draft",
        "Graag resultaten",
        "Later",
    )


def test_sending_back_needs_a_comment():
    w = world.build()
    profiles.submit_profile(edit(w, w.noord, w.carol), user=w.carol)
    with pytest.raises(services.RoundStepRefused, match="wat er anders moet"):
        profiles.send_back_profile(profile_of(w, w.noord), comment=" ", user=w.nina)
    assert profile_of(w, w.noord).state == "submitted"


def test_publishing_refuses_while_an_edited_profile_is_not_approved_and_names_it():
    w = world.build()
    edit(w, w.noord, w.carol)
    approve_all(w)
    with pytest.raises(services.RoundStepRefused, match="Noord"):
        services.publish_round(w.round, user=w.nina)
    assert w.round.__class__.objects.get(pk=w.round.pk).state == "open"


def test_publishing_publishes_approved_profiles_and_marks_untouched_ones_not_updated():
    w = world.build()
    profiles.submit_profile(edit(w, w.noord, w.carol), user=w.carol)
    profiles.approve_profile(profile_of(w, w.noord), user=w.nina)
    approve_all(w)
    services.publish_round(w.round, user=w.nina)
    assert profile_of(w, w.noord).state == "published"
    assert profile_of(w, w.oost).state == "not_updated"
    assert list(RegionProfile.objects.published()) == [profile_of(w, w.noord)]


def test_submitting_an_untouched_profile_confirms_it_as_this_rounds_report():
    w = world.build()
    profiles.submit_profile(profile_of(w, w.oost), user=w.dave)
    profiles.approve_profile(profile_of(w, w.oost), user=w.nina)
    approve_all(w)
    services.publish_round(w.round, user=w.nina)
    profile = profile_of(w, w.oost)
    assert (profile.state, profile.updated_by) == ("published", w.dave)
