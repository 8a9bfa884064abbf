"""The review page of one status update, and the reviewer's two steps taken from it.

One view per step, like ``views.py``; the comparison and the revision check live in
``review.py``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import can, get_for_user

from . import review, services
from .forms import ReviewSendBackForm, ReviewStepForm
from .models import StatusUpdate


def _page(
    request: SignedInRequest,
    update: StatusUpdate,
    send_back: ReviewSendBackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    initial = {"revision": update.revision}
    context = {
        "review": review.review_of(update),
        "update": update,
        "approve": ReviewStepForm(initial=initial),
        "send_back": send_back or ReviewSendBackForm(initial=initial),
        "may_approve": can(request.user, "approve", update),
        "may_send_back": can(request.user, "send_back", update),
    }
    return render(request, "progress/update_review.html", context, status=status)


def _after_step(request: SignedInRequest, update: StatusUpdate) -> HttpResponse:
    following = review.next_to_review(update, request.user)
    if following is not None:
        return redirect("progress:review", following.pk)
    return redirect("progress:round", update.round.slug)


@login_required
def update_review(request: SignedInRequest, pk: int) -> HttpResponse:
    """Everything a reviewer needs to judge the update, beside the previous round's version."""
    return _page(request, get_for_user(request.user, review.REVIEWED, "review", pk=pk))


@login_required
@require_POST
def review_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    update = get_for_user(request.user, review.REVIEWED, "review", pk=pk)
    form = ReviewStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Laad de pagina opnieuw en kies dan opnieuw."))
        return redirect("progress:review", update.pk)
    try:
        review.approve_reviewed(update, revision=form.cleaned_data["revision"], user=request.user)
    except services.RoundStepRefused as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("progress:review", update.pk)
    messages.success(request, _("Goedgekeurd: %(subject)s.") % {"subject": update})
    return _after_step(request, update)


@login_required
@require_POST
def review_send_back(request: SignedInRequest, pk: int) -> HttpResponse:
    update = get_for_user(request.user, review.REVIEWED, "review", pk=pk)
    form = ReviewSendBackForm(request.POST)
    if not form.is_valid():
        return _page(request, update, send_back=form, status=400)
    try:
        review.send_back_reviewed(
            update,
            revision=form.cleaned_data["revision"],
            comment=form.cleaned_data["comment"],
            user=request.user,
        )
    except services.RoundStepRefused as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("progress:review", update.pk)
    messages.success(request, _("Teruggestuurd: %(subject)s.") % {"subject": update})
    return _after_step(request, update)
