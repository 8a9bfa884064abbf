"""Initiatives in the work pages: a landsdeel coordinator keeps those of their landsdeel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import check_for_user, get_for_user

from .forms import InitiativeForm
from .models import Initiative


@login_required
def initiative_list(request: SignedInRequest) -> HttpResponse:
    mine = Initiative.objects.for_user(request.user, "edit")
    return render(request, "initiatives/work_list.html", {"initiatives": mine})


@login_required
def initiative_create(request: SignedInRequest) -> HttpResponse:
    check_for_user(request.user, "add", Initiative)
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        initiative = form.save()
        messages.success(request, _("Initiatief %(name)s toegevoegd.") % {"name": initiative.name})
        return redirect("initiatives:work_list")
    return render(request, "initiatives/work_edit.html", {"form": form})


@login_required
def initiative_edit(request: SignedInRequest, key: str) -> HttpResponse:
    initiative = get_for_user(request.user, Initiative.objects.all(), "edit", key=key)
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Initiatief %(name)s opgeslagen.") % {"name": initiative.name})
        return redirect("initiatives:work_list")
    return render(request, "initiatives/work_edit.html", {"form": form, "initiative": initiative})
