"""Proposed corrections and the reviewers' list of what waits for them: one view per step,
every lookup through get_for_user."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import check_for_user, get_for_user, permitted_ids

from . import corrections
from .forms import RejectForm
from .models import ProposedCorrection, RegionProfile
from .permissions import sole_national_coordinator
from .services import RoundStepRefused

PROPOSALS = ProposedCorrection.objects.select_related(
    "update__round",
    "update__action__pact",
    "update__sub_measure",
    "proposed_by",
    "reviewed_by",
    "correction",
)


def _refused(request: SignedInRequest, error: RoundStepRefused) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def proposal_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """The published version beside the proposed correction, with the review steps."""
    proposal = get_for_user(request.user, PROPOSALS, "view", pk=pk)
    context = {
        "proposal": proposal,
        "update": proposal.update,
        "form": RejectForm(),
        "sole": sole_national_coordinator(),
    }
    return render(request, "progress/proposal_detail.html", context)


@login_required
@require_POST
def proposal_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = get_for_user(request.user, PROPOSALS, "approve", pk=pk)
    try:
        correction = corrections.approve_correction(proposal, user=request.user)
    except RoundStepRefused as error:
        _refused(request, error)
        return redirect(proposal)
    messages.success(
        request,
        _("Correctie gepubliceerd als versie %(version)d.") % {"version": correction.version},
    )
    return redirect("progress:history", correction.pk)


@login_required
def proposal_reject(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = get_for_user(request.user, PROPOSALS, "reject", pk=pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            corrections.reject_correction(
                proposal, comment=form.cleaned_data["comment"], user=request.user
            )
            messages.success(request, _("Correctievoorstel afgewezen."))
        except RoundStepRefused as error:
            _refused(request, error)
        return redirect(proposal)
    context = {"proposal": proposal, "update": proposal.update, "form": form, "sole": False}
    return render(request, "progress/proposal_detail.html", context)


@login_required
def review_pending(request: SignedInRequest) -> HttpResponse:
    """What waits for the national coordinators: proposed corrections and submitted profiles
    (initiatives wait in their own work list)."""
    check_for_user(request.user, "review", ProposedCorrection)
    proposals = PROPOSALS.pending().for_user(request.user, "view")
    profiles = (
        RegionProfile.objects.awaiting_review()
        .for_user(request.user, "review")
        .select_related("region", "round", "updated_by")
        .prefetch_related("results")
        .order_by("round__peildatum", "region__name")
    )
    context = {
        "proposals": proposals,
        "profiles": profiles,
        "permitted": permitted_ids(request.user, ProposedCorrection.objects.pending(), ["approve"]),
        "sole": sole_national_coordinator(),
    }
    return render(request, "progress/review_pending.html", context)
