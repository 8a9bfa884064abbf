"""The steps on a selection of a round's updates: a confirmation page that says what will
happen, then the step itself (progress.selection). Both are plain forms: no JavaScript needed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import get_for_user

from . import selection, services
from .models import ReportingRound


def _round(request: SignedInRequest, slug: str) -> ReportingRound:
    return get_for_user(request.user, ReportingRound.objects.all(), "view", slug=slug)


@login_required
@require_POST
def selection_confirm(request: SignedInRequest, slug: str) -> HttpResponse:
    """What the chosen step will do to the chosen items; nothing changes yet."""
    round = _round(request, slug)
    try:
        step = selection.step_named(request.POST.get("step", ""))
        items = selection.parse_items(request.POST.getlist("item"))
    except selection.SelectionRefused as error:
        messages.error(request, str(error))
        return redirect("progress:round", round.slug)
    plan = selection.plan(round, request.user, step, items)
    context = {"round": round, "plan": plan, "step_name": request.POST["step"]}
    return render(request, "progress/selection_confirm.html", context)


@login_required
@require_POST
def selection_apply(request: SignedInRequest, slug: str) -> HttpResponse:
    """Take the step for every item that may still take it; say which were refused and why."""
    round = _round(request, slug)
    try:
        step = selection.step_named(request.POST.get("step", ""))
        items = selection.parse_items(request.POST.getlist("item"))
        plan = selection.carry_out(
            round, request.user, step, items, comment=request.POST.get("comment", "")
        )
    except (selection.SelectionRefused, services.RoundStepRefused) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
        return redirect("progress:round", round.slug)
    if plan.going and step.reports:
        messages.success(
            request,
            _("%(count)d updates %(done)s.") % {"count": len(plan.going), "done": step.done},
        )
    elif plan.going:
        messages.success(
            request,
            _("%(count)d updates %(done)s, waarvan %(untouched)d niet gerapporteerd.")
            % {"count": len(plan.going), "done": step.done, "untouched": plan.untouched},
        )
    for update, reason in plan.refused:
        which = update or _("Onbekende update")  # outside the f-string, where xgettext finds it
        messages.error(request, f"{which}: {reason}")
    return redirect("progress:round", round.slug)
