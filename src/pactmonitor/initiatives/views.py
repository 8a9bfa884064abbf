"""Initiatives in the work pages: a landsdeel coordinator keeps those of their landsdeel, the
national coordinator reviews what they add or change (initiatives/services.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import check_for_user, get_for_user

from . import services
from .forms import InitiativeForm, RejectForm
from .models import Initiative, InitiativeChange

CHANGES = InitiativeChange.objects.select_related("initiative", "proposed_by")


def _refused(request: SignedInRequest, error: services.ReviewRefused) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def initiative_list(request: SignedInRequest) -> HttpResponse:
    mine = Initiative.objects.for_user(request.user, "edit")
    context = {
        "initiatives": mine,
        "pending": Initiative.objects.awaiting_review()
        .for_user(request.user, "approve")
        .select_related("proposed_by"),
        "changes": CHANGES.pending().for_user(request.user, "approve"),
        "waiting": set(InitiativeChange.objects.pending().values_list("initiative_id", flat=True)),
    }
    return render(request, "initiatives/work_list.html", context)


def _saved(request: SignedInRequest, form: InitiativeForm) -> HttpResponse:
    change = services.save_initiative(form, user=request.user)
    initiative = form.instance
    if change is not None:
        message = _("Wijziging van %(name)s voorgesteld; zij wordt openbaar na beoordeling.")
    elif initiative.is_public:
        message = _("Initiatief %(name)s opgeslagen.")
    else:
        message = _("Initiatief %(name)s opgeslagen; het wordt openbaar na beoordeling.")
    messages.success(request, message % {"name": initiative.name})
    return redirect("initiatives:work_list")


@login_required
def initiative_create(request: SignedInRequest) -> HttpResponse:
    check_for_user(request.user, "add", Initiative)
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        return _saved(request, form)
    return render(request, "initiatives/work_edit.html", {"form": form})


@login_required
def initiative_edit(request: SignedInRequest, key: str) -> HttpResponse:
    initiative = get_for_user(request.user, Initiative.objects.all(), "edit", key=key)
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    if request.method == "POST" and form.is_valid():
        return _saved(request, form)
    context = {
        "form": form,
        "initiative": initiative,
        "change": initiative.changes.pending().first(),
    }
    return render(request, "initiatives/work_edit.html", context)


@login_required
def initiative_review(request: SignedInRequest, key: str) -> HttpResponse:
    """A new initiative, or the proposed change to a public one, with the review steps."""
    initiative = get_for_user(
        request.user, Initiative.objects.select_related("proposed_by"), "review", key=key
    )
    change = CHANGES.pending().filter(initiative=initiative).first()
    proposed = None
    fields: list[services.ChangedField] = []
    if change is not None:
        proposed = services.change_form(change)
        proposed.is_valid()
        fields = services.change_fields(proposed)
    context = {
        "initiative": initiative,
        "change": change,
        "proposed": proposed,
        "fields": fields,
        "form": RejectForm(),
    }
    return render(request, "initiatives/work_review.html", context)


@login_required
@require_POST
def initiative_approve(request: SignedInRequest, key: str) -> HttpResponse:
    initiative = get_for_user(request.user, Initiative.objects.all(), "review", key=key)
    try:
        services.approve_initiative(initiative, user=request.user)
        messages.success(request, _("Goedgekeurd: %(name)s.") % {"name": initiative.name})
    except services.ReviewRefused as error:
        _refused(request, error)
    return redirect("initiatives:work_list")


@login_required
@require_POST
def initiative_reject(request: SignedInRequest, key: str) -> HttpResponse:
    initiative = get_for_user(request.user, Initiative.objects.all(), "review", key=key)
    form = RejectForm(request.POST)
    try:
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        services.reject_initiative(initiative, comment=comment, user=request.user)
        messages.success(request, _("Afgewezen: %(name)s.") % {"name": initiative.name})
    except services.ReviewRefused as error:
        _refused(request, error)
        return redirect("initiatives:work_review", initiative.key)
    return redirect("initiatives:work_list")


@login_required
@require_POST
def change_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    change = get_for_user(request.user, CHANGES, "review", pk=pk)
    try:
        services.approve_change(change, user=request.user)
        messages.success(
            request, _("Wijziging goedgekeurd: %(name)s.") % {"name": change.initiative.name}
        )
    except services.ReviewRefused as error:
        _refused(request, error)
        return redirect("initiatives:work_review", change.initiative.key)
    return redirect("initiatives:work_list")


@login_required
@require_POST
def change_reject(request: SignedInRequest, pk: int) -> HttpResponse:
    change = get_for_user(request.user, CHANGES, "review", pk=pk)
    form = RejectForm(request.POST)
    try:
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        services.reject_change(change, comment=comment, user=request.user)
        messages.success(
            request, _("Wijziging afgewezen: %(name)s.") % {"name": change.initiative.name}
        )
    except services.ReviewRefused as error:
        _refused(request, error)
        return redirect("initiatives:work_review", change.initiative.key)
    return redirect("initiatives:work_list")
