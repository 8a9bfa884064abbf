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

from .choices import ProfileState
from .models import RegionProfile, ReportingRound
from .permissions import PROFILE_APPROVABLE, PROFILE_EDITABLE, PROFILE_SENDABLE_BACK
from .services import RoundStepRefused

if TYPE_CHECKING:
    from django.forms import BaseInlineFormSet, ModelForm

    from pactmonitor.accounts.models import User


def _lock_in(profile: RegionProfile, condition: Q, message: str) -> RegionProfile:
    locked = RegionProfile.objects.select_for_update().filter(condition, pk=profile.pk).first()
    if locked is None:
        raise RoundStepRefused(message)
    return locked


@transaction.atomic
def save_profile(
    form: ModelForm[RegionProfile],
    results: BaseInlineFormSet[Any, Any, Any],
    *,
    user: User,
) -> RegionProfile:
    """Save the profile and its results; from now on it is this round's report (to review)."""
    _lock_in(
        form.instance,
        PROFILE_EDITABLE,
        _("Dit profiel is ingediend of ligt vast en kan niet worden bewerkt."),
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
    profile = _lock_in(
        profile, PROFILE_EDITABLE, _("Alleen een concept van een open ronde kan worden ingediend.")
    )
    profile.state = ProfileState.SUBMITTED
    profile.review_comment = ""
    if profile.updated_by_id is None:
        profile.updated_by, profile.updated_at = user, timezone.now()
    profile.save()
    return profile


def _review(profile: RegionProfile, state: str, user: User, comment: str = "") -> RegionProfile:
    profile.state = state
    profile.reviewed_by, profile.reviewed_at = user, timezone.now()
    profile.review_comment = comment
    profile.save()
    return profile


@transaction.atomic
def approve_profile(profile: RegionProfile, *, user: User) -> RegionProfile:
    profile = _lock_in(
        profile, PROFILE_APPROVABLE, _("Alleen een ingediend profiel kan worden goedgekeurd.")
    )
    return _review(profile, ProfileState.APPROVED, user)


@transaction.atomic
def send_back_profile(profile: RegionProfile, *, comment: str, user: User) -> RegionProfile:
    if not comment.strip():
        raise RoundStepRefused(_("Zeg bij het terugsturen wat er anders moet."))
    profile = _lock_in(
        profile,
        PROFILE_SENDABLE_BACK,
        _("Alleen een ingediend of goedgekeurd profiel van een open ronde kan terug."),
    )
    return _review(profile, ProfileState.DRAFT, user, comment.strip())


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
