"""The review steps of a landsdeel profile: submit (the landsdeel coordinator), approve and
send back (the national coordinator). Editing is ``views.profile_edit``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import get_for_user

from . import profiles
from .forms import SendBackForm
from .models import RegionProfile
from .services import RoundStepRefused

PROFILES = RegionProfile.objects.select_related("region", "round__pact", "updated_by")


def _profile(request: SignedInRequest, slug: str, key: str, action: str) -> RegionProfile:
    return get_for_user(request.user, PROFILES, action, round__slug=slug, region__key=key)


def _refused(request: SignedInRequest, error: RoundStepRefused) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def profile_submit(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
    profile = _profile(request, slug, key, "edit")
    try:
        profiles.submit_profile(profile, user=request.user)
        messages.success(
            request, _("Ingediend: profiel van %(region)s.") % {"region": profile.region}
        )
    except RoundStepRefused as error:
        _refused(request, error)
    return redirect("progress:round", slug)


@login_required
@require_POST
def profile_approve(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
    profile = _profile(request, slug, key, "review")
    try:
        profiles.approve_profile(profile, user=request.user)
        messages.success(
            request, _("Goedgekeurd: profiel van %(region)s.") % {"region": profile.region}
        )
    except RoundStepRefused as error:
        _refused(request, error)
    return redirect("progress:review_pending")


@login_required
def profile_send_back(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
    profile = _profile(request, slug, key, "review")
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profiles.send_back_profile(
                profile, comment=form.cleaned_data["comment"], user=request.user
            )
            messages.success(
                request, _("Teruggestuurd: profiel van %(region)s.") % {"region": profile.region}
            )
        except RoundStepRefused as error:
            _refused(request, error)
        return redirect("progress:review_pending")
    return render(request, "progress/profile_send_back.html", {"profile": profile, "form": form})
