"""The pact registry in the work pages: coordinators edit the pacts and actions of their scope."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import get_for_user

from .forms import ActionForm, PactForm
from .models import Action, Pact
from .signals import action_added


@login_required
def registry(request: SignedInRequest) -> HttpResponse:
    """The pacts and actions the user may edit."""
    pacts = Pact.objects.for_user(request.user, "edit").prefetch_related("actions")
    actions = set(Action.objects.for_user(request.user, "edit").values_list("pk", flat=True))
    return render(request, "pacts/registry.html", {"pacts": pacts, "editable_actions": actions})


@login_required
def pact_edit(request: SignedInRequest, key: str) -> HttpResponse:
    pact = get_for_user(request.user, Pact.objects.all(), "edit", key=key)
    form = PactForm(request.POST or None, instance=pact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pact %(name)s opgeslagen.") % {"name": pact.name})
        return redirect("pacts:registry")
    return render(request, "pacts/pact_edit.html", {"pact": pact, "form": form})


@login_required
def action_create(request: SignedInRequest, key: str) -> HttpResponse:
    """A new action of a pact in the user's scope; an open round gets a draft for it."""
    pact = get_for_user(request.user, Pact.objects.all(), "edit", key=key)
    form = ActionForm(request.POST or None, pact=pact)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            action = form.save()
            action_added.send(sender=Action, action=action)
        messages.success(request, _("Actie %(number)s toegevoegd.") % {"number": action.number})
        return redirect("pacts:registry")
    return render(request, "pacts/action_edit.html", {"pact": pact, "form": form})


@login_required
def action_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    action = get_for_user(request.user, Action.objects.select_related("pact"), "edit", pk=pk)
    form = ActionForm(request.POST or None, instance=action, pact=action.pact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Actie %(number)s opgeslagen.") % {"number": action.number})
        return redirect("pacts:registry")
    context = {"pact": action.pact, "action": action, "form": form}
    return render(request, "pacts/action_edit.html", context)
