"""A landsdeel profile's review cycle in a round: the landsdeel coordinator edits and submits
it, the national coordinator approves it or sends it back with a comment, and publishing the
round publishes only approved profiles. A profile prefilled from the previous round that
nobody touched goes out as "niet bijgewerkt" (not as a new report); an edited profile that is
not approved holds the publication back, naming its landsdeel.

Scope is the caller's (``RegionProfile.policy``); the states are checked here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pactmonitor.core.review import lock_in_state, required_comment, take_step

from .choices import ProfileState
from .models import RegionProfile, ReportingRound
from .permissions import PROFILE_APPROVABLE, PROFILE_EDITABLE, PROFILE_SENDABLE_BACK
from .services import RoundStepRefused

if TYPE_CHECKING:
    from django.forms import BaseInlineFormSet, ModelForm

    from pactmonitor.accounts.models import User


@transaction.atomic
def save_profile(
    form: ModelForm[RegionProfile],
    results: BaseInlineFormSet[Any, Any, Any],
    *,
    user: User,
) -> RegionProfile:
    """Save the profile and its results; from now on it is this round's report (to review)."""
    lock_in_state(
        form.instance,
        PROFILE_EDITABLE,
        RoundStepRefused(_("Dit profiel is ingediend of ligt vast en kan niet worden bewerkt.")),
    )
    profile = form.save(commit=False)
    profile.updated_by = user
    profile.updated_at = timezone.now()
    profile.save()
    results.save()
    return profile


@transaction.atomic
def submit_profile(profile: RegionProfile, *, user: User) -> RegionProfile:
    """Hand the profile to the national coordinator. Submitting an untouched profile says it
    still holds: it then counts as updated (by who submitted it)."""
    profile = lock_in_state(
        profile,
        PROFILE_EDITABLE,
        RoundStepRefused(_("Alleen een concept van een open ronde kan worden ingediend.")),
    )
    profile.state = ProfileState.SUBMITTED
    profile.review_comment = ""
    if profile.updated_by_id is None:
        profile.updated_by, profile.updated_at = user, timezone.now()
    profile.save()
    return profile


@transaction.atomic
def approve_profile(profile: RegionProfile, *, user: User) -> RegionProfile:
    return take_step(
        profile,
        allowed=PROFILE_APPROVABLE,
        refusal=RoundStepRefused(_("Alleen een ingediend profiel kan worden goedgekeurd.")),
        to=ProfileState.APPROVED,
        user=user,
    )


@transaction.atomic
def send_back_profile(profile: RegionProfile, *, comment: str, user: User) -> RegionProfile:
    comment = required_comment(
        comment, RoundStepRefused(_("Zeg bij het terugsturen wat er anders moet."))
    )
    return take_step(
        profile,
        allowed=PROFILE_SENDABLE_BACK,
        refusal=RoundStepRefused(
            _("Alleen een ingediend of goedgekeurd profiel van een open ronde kan terug.")
        ),
        to=ProfileState.DRAFT,
        user=user,
        comment=comment,
    )


def refuse_unreviewed_profiles(round: ReportingRound) -> None:
    """Publishing waits for every profile someone worked on: name the landsdelen that wait."""
    waiting = (
        RegionProfile.objects.filter(round=round)
        .exclude(state=ProfileState.APPROVED)
        .filter(Q(state=ProfileState.SUBMITTED) | Q(updated_by__isnull=False))
        .select_related("region")
        .order_by("region__name")
    )
    names = [str(profile.region) for profile in waiting]
    if names:
        raise RoundStepRefused(
            _(
                "Het landsdeelprofiel van %(regions)s is bewerkt maar niet goedgekeurd; "
                "publiceren kan als het is goedgekeurd."
            )
            % {"regions": ", ".join(names)}
        )


def publish_profiles(round: ReportingRound) -> None:
    """Approved profiles go public; untouched ones are marked "niet bijgewerkt"."""
    profiles = RegionProfile.objects.filter(round=round)
    for profile in profiles.select_for_update().order_by("pk"):
        profile.state = (
            ProfileState.PUBLISHED
            if profile.state == ProfileState.APPROVED
            else ProfileState.NOT_UPDATED
        )
        profile.save()
