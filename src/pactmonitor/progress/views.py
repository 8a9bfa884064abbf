"""The work pages of a reporting round: one view per step, every lookup through get_for_user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.forms import BaseInlineFormSet
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import can, check_for_user, get_for_user, permitted_ids
from pactmonitor.pacts.models import Pact

from . import corrections, selection, services
from . import profiles as profile_cycle
from .choices import RoundState
from .forms import (
    MILESTONES,
    SOURCES,
    CorrectionForm,
    DraftForm,
    MilestoneFormSet,
    OpenRoundForm,
    ProfileForm,
    ResultFormSet,
    SendBackForm,
    SourceFormSet,
)
from .models import RegionProfile, ReportingRound, StatusUpdate
from .overview import round_overview as build_overview
from .permissions import (
    CORRECTABLE,
    OPEN_DRAFT,
    PROFILE_EDITABLE,
    READY_FOR_REVIEW,
    sole_national_coordinator,
)

UPDATES = StatusUpdate.objects.select_related(
    "round",
    "action__pact",
    "sub_measure",
    "updated_by",
    "submitted_by",
    "approved_by",
    "confirmed_by",
)


def _refused(request: HttpRequest, error: services.RoundStepRefused) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def work_home(request: SignedInRequest) -> HttpResponse:
    # Only rounds the user may open: a signed-in user without a role is shown no round links.
    rounds = (
        ReportingRound.objects.filter(state=RoundState.OPEN)
        .for_user(request.user, "view")
        .select_related("pact")
    )
    mine = StatusUpdate.objects.for_user(request.user, "edit")
    # Open: drafts not yet marked ready (what the owner still has to do); ready: done by the
    # owner, waiting for the coordinator to submit. One query per round for both.
    rows = [
        (round, counts["open"], counts["ready"])
        for round in rounds
        for counts in [
            mine.filter(round=round).aggregate(
                open=Count("pk", filter=OPEN_DRAFT), ready=Count("pk", filter=READY_FOR_REVIEW)
            )
        ]
    ]
    return render(request, "progress/work_home.html", {"rows": rows})


# The steps the round page offers on a selection (progress.selection.STEPS), in page order.
SELECTION_STEPS = ("confirm", "submit", "approve", "send_back")


@login_required
def round_drafts(request: SignedInRequest, slug: str) -> HttpResponse:
    """The updates of a round within the user's scope, filtered, with what each may do next
    and the steps that may be taken on a selection of them."""
    round = get_for_user(request.user, ReportingRound.objects.all(), "view", slug=slug)
    visible = UPDATES.filter(round=round).current().for_user(request.user, "view")
    filters = selection.Filters.from_query(request.GET, visible)
    updates = list(filters.apply(visible).in_report_order())
    in_round = StatusUpdate.objects.filter(round=round)
    submittable = in_round.for_user(request.user, "submit").submittable()
    permitted = permitted_ids(
        request.user,
        in_round,
        ("approve", "send_back", "correct", "mark_ready", "take_back"),
    )
    permitted["submit"] = set(submittable.values_list("pk", flat=True))
    # Confirming unchanged only where there is an earlier report to confirm.
    confirmable = in_round.for_user(request.user, "confirm").with_earlier_update()
    permitted["confirm"] = set(confirmable.values_list("pk", flat=True))
    context = {
        "round": round,
        "updates": updates,
        "filters": filters,
        "manages_round": can(request.user, "manage", round),
        # Offer a step only where the step would be allowed: the policy's scope and state.
        "editable": set(in_round.editable_by(request.user).values_list("pk", flat=True)),
        "permitted": permitted,
        "selectable": set().union(*(permitted[name] for name in SELECTION_STEPS)),
        "steps": [name for name in SELECTION_STEPS if permitted[name]],
        # Per step, every shown update it may take: "all shown" is a selection by the filters.
        "shown": {
            name: [f"{u.pk}:{u.revision}" for u in updates if u.pk in permitted[name]]
            for name in SELECTION_STEPS
        },
        "profiles": RegionProfile.objects.filter(round=round)
        .for_user(request.user, "edit")
        .in_landsdeel_order()
        .select_related("region", "updated_by"),
        "profile_steps": permitted_ids(
            request.user, RegionProfile.objects.filter(round=round), ("submit",)
        ),
    }
    return render(request, "progress/round_drafts.html", context)


def _edit_context(
    update: StatusUpdate,
    form: DraftForm,
    milestones: BaseInlineFormSet[Any, Any, Any],
    sources: BaseInlineFormSet[Any, Any, Any],
    conflict: StatusUpdate | None = None,
) -> dict[str, Any]:
    return {
        "previous": services.previous_update(update),
        "update": update,
        "form": form,
        "milestones": milestones,
        "sources": sources,
        "conflict": conflict,
    }


def _still_open(request: HttpRequest, update: StatusUpdate) -> bool:
    """Whether the draft can still be edited; says why not when it cannot."""
    if StatusUpdate.objects.submittable().filter(pk=update.pk).exists():
        return True
    messages.error(request, _("Deze update is niet (meer) in concept en kan niet worden bewerkt."))
    return False


def _draft_forms(
    data: Any, update: StatusUpdate
) -> tuple[DraftForm, BaseInlineFormSet[Any, Any, Any], BaseInlineFormSet[Any, Any, Any]]:
    return (
        DraftForm(data, instance=update),
        MilestoneFormSet(data, instance=update, prefix=MILESTONES),
        SourceFormSet(data, instance=update, prefix=SOURCES),
    )


@login_required
def update_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    update = get_for_user(request.user, UPDATES, "edit", pk=pk)
    if not _still_open(request, update):
        return redirect("progress:round", update.round.slug)
    form, milestones, sources = _draft_forms(request.POST or None, update)
    if request.method != "POST" or not (
        form.is_valid() and milestones.is_valid() and sources.is_valid()
    ):
        return render(
            request, "progress/update_edit.html", _edit_context(update, form, milestones, sources)
        )
    try:
        services.save_draft(
            form,
            expected_revision=form.cleaned_data["revision"],
            user=request.user,
            formsets=[milestones, sources],
        )
    except services.EditConflict as conflict:
        # Keep what this editor typed, show what the other saved, and let them decide.
        data = request.POST.copy()
        data["revision"] = str(conflict.current.revision)
        form = DraftForm(data, instance=StatusUpdate.objects.get(pk=update.pk))
        form.is_valid()
        context = _edit_context(update, form, milestones, sources, conflict=conflict.current)
        return render(request, "progress/update_edit.html", context, status=409)
    except services.RoundStepRefused as error:
        _refused(request, error)
        return redirect("progress:round", update.round.slug)
    messages.success(request, _("Opgeslagen: %(subject)s.") % {"subject": update})
    return redirect("progress:round", update.round.slug)


def _without_errors(form: DraftForm, *formsets: BaseInlineFormSet[Any, Any, Any]) -> None:
    """Adding a row is not a save: the typed values come back without the errors a save
    would report (they are checked, then set aside, so the forms render as typed)."""
    # Django keeps the errors in _errors and _non_form_errors once checked; emptied here.
    for formset in formsets:
        formset.is_valid()
        formset._non_form_errors = formset.error_class()  # type: ignore[attr-defined]  # see above
        for subform in formset.forms:
            subform._errors = ErrorDict()
    form.is_valid()
    form._errors = ErrorDict()  # type: ignore[attr-defined]  # see above


@login_required
@require_POST
def update_add_row(request: SignedInRequest, pk: int) -> HttpResponse:
    """Without JavaScript, "Nog een mijlpaal/vindplaats" posts the form here: the same form
    comes back with one more empty row of that kind, keeping what was typed; nothing is saved.

    With JavaScript (progress/formset.js) the row is added in the page and this is not asked.
    """
    update = get_for_user(request.user, UPDATES, "edit", pk=pk)
    if not _still_open(request, update):
        return redirect("progress:round", update.round.slug)
    data = request.POST.copy()
    prefix = data.get("meer")
    if prefix in (MILESTONES, SOURCES):
        total = f"{prefix}-TOTAL_FORMS"
        try:
            data[total] = str(int(data.get(total, "")) + 1)
        except ValueError:
            pass  # a damaged management form: the formset says so when the form is saved
    form, milestones, sources = _draft_forms(data, update)
    _without_errors(form, milestones, sources)
    return render(
        request, "progress/update_edit.html", _edit_context(update, form, milestones, sources)
    )


@login_required
@require_POST
def update_submit(request: SignedInRequest, pk: int) -> HttpResponse:
    update = get_for_user(request.user, UPDATES, "submit", pk=pk)
    count = services.submit_updates(StatusUpdate.objects.filter(pk=update.pk), user=request.user)
    if count:
        messages.success(request, _("Ingediend: %(subject)s.") % {"subject": update})
    else:
        messages.error(request, _("Alleen een concept van een open ronde kan worden ingediend."))
    return redirect("progress:round", update.round.slug)


def _one_step(
    request: SignedInRequest, pk: int, action: str, step: Callable[..., StatusUpdate], done: str
) -> HttpResponse:
    """A step on one update: the policy's scope and state (403 outside), the service's rule."""
    update = get_for_user(request.user, UPDATES, action, pk=pk)
    try:
        step(update, user=request.user)
        messages.success(request, done % {"subject": update})
    except services.RoundStepRefused as error:
        _refused(request, error)
    return redirect("progress:round", update.round.slug)


@login_required
@require_POST
def update_approve(request: SignedInRequest, pk: int) -> HttpResponse:
    update = get_for_user(request.user, UPDATES, "review", pk=pk)
    try:
        services.approve_update(update, user=request.user)
        messages.success(request, _("Goedgekeurd: %(subject)s.") % {"subject": update})
    except services.RoundStepRefused as error:
        _refused(request, error)
    return redirect("progress:round", update.round.slug)


@login_required
@require_POST
def update_mark_ready(request: SignedInRequest, pk: int) -> HttpResponse:
    return _one_step(
        request, pk, "mark_ready", services.mark_ready, _("Klaar voor review: %(subject)s.")
    )


@login_required
@require_POST
def update_take_back(request: SignedInRequest, pk: int) -> HttpResponse:
    return _one_step(
        request, pk, "take_back", services.take_back, _("Teruggenomen in concept: %(subject)s.")
    )


@login_required
@require_POST
def update_confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    return _one_step(
        request,
        pk,
        "confirm",
        services.confirm_unchanged,
        _("Ongewijzigd bevestigd: %(subject)s."),
    )


@login_required
def update_send_back(request: SignedInRequest, pk: int) -> HttpResponse:
    update = get_for_user(request.user, UPDATES, "review", pk=pk)
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_back_update(
                update, comment=form.cleaned_data["comment"], user=request.user
            )
            messages.success(request, _("Teruggestuurd: %(subject)s.") % {"subject": update})
        except services.RoundStepRefused as error:
            _refused(request, error)
        return redirect("progress:round", update.round.slug)
    return render(request, "progress/update_send_back.html", {"update": update, "form": form})


@login_required
def round_open(request: SignedInRequest) -> HttpResponse:
    check_for_user(request.user, "add", ReportingRound)
    form = OpenRoundForm(request.POST or None, pacts=Pact.objects.filter(parent__isnull=True))
    if request.method == "POST" and form.is_valid():
        round = services.open_round(
            **{name: form.cleaned_data[name] for name in OpenRoundForm.Meta.fields}
        )
        messages.success(request, _("Ronde %(name)s is geopend.") % {"name": round.name})
        return redirect("progress:round", round.slug)
    return render(request, "progress/round_open.html", {"form": form})


@login_required
@require_POST
def round_publish(request: SignedInRequest, slug: str) -> HttpResponse:
    round = get_for_user(request.user, ReportingRound.objects.all(), "manage", slug=slug)
    try:
        count = services.publish_round(round, user=request.user)
        messages.success(request, _("Ronde gepubliceerd: %(count)d updates.") % {"count": count})
    except services.RoundStepRefused as error:
        _refused(request, error)
    return redirect("progress:round", round.slug)


@login_required
def round_overview(request: SignedInRequest, slug: str) -> HttpResponse:
    round = get_for_user(request.user, ReportingRound.objects.all(), "oversee", slug=slug)
    return render(
        request,
        "progress/round_overview.html",
        {"round": round, **build_overview(round, request.user)},
    )


@login_required
def update_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    """Propose a correction of a published update; a second national coordinator approves it
    (progress/correction_views.py) before it is published."""
    update = get_for_user(request.user, UPDATES, "manage", pk=pk)
    if not StatusUpdate.objects.filter(CORRECTABLE, pk=update.pk).exists():
        messages.error(
            request, _("Alleen de actuele gepubliceerde versie kan worden gecorrigeerd.")
        )
        return redirect("progress:history", update.pk)
    form = CorrectionForm(request.POST or None, instance=StatusUpdate(**_copied(update)))
    if request.method == "POST" and form.is_valid():
        try:
            proposal = corrections.propose_correction(
                update,
                reason=form.cleaned_data["reason"],
                user=request.user,
                **form.corrected_values(),
            )
        except services.RoundStepRefused as error:
            _refused(request, error)
            return redirect("progress:history", update.pk)
        messages.success(
            request, _("Correctie voorgesteld; een tweede landelijk coördinator beoordeelt haar.")
        )
        return redirect(proposal)
    context = {
        "update": update,
        "form": form,
        "pending": update.proposed_corrections.pending().first(),
        "sole": sole_national_coordinator(),
    }
    return render(request, "progress/update_correct.html", context)


def _copied(update: StatusUpdate) -> dict:
    fields = ["round", "action", "sub_measure", *services.COPIED_FIELDS]
    return {name: getattr(update, name) for name in fields}


@login_required
def update_history(request: SignedInRequest, pk: int) -> HttpResponse:
    """Every version of the action's (or sub-measure's) updates across rounds, and who did what."""
    update = get_for_user(request.user, UPDATES, "view", pk=pk)
    versions = UPDATES.filter(action=update.action, sub_measure=update.sub_measure).order_by(
        "round__peildatum", "version"
    )
    changes = update.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "progress/update_history.html",
        {"update": update, "versions": versions, "changes": changes},
    )


@login_required
def profile_edit(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
    """A landsdeel coordinator edits their landsdeel's profile while the round is open."""
    profiles = RegionProfile.objects.select_related("region", "round__pact")
    profile = get_for_user(request.user, profiles, "edit", round__slug=slug, region__key=key)
    if profile.round.state != RoundState.OPEN:
        messages.error(request, _("Het profiel van een ronde die niet open is, ligt vast."))
        return redirect("progress:round", slug)
    if not RegionProfile.objects.filter(PROFILE_EDITABLE, pk=profile.pk).exists():
        messages.error(
            request, _("Dit profiel is ingediend; het kan weer worden bewerkt als het terugkomt.")
        )
        return redirect("progress:round", slug)
    form = ProfileForm(request.POST or None, instance=profile)
    results = ResultFormSet(
        request.POST or None,
        instance=profile,
        prefix="resultaten",
        form_kwargs={"profile": profile},
    )
    if request.method == "POST" and form.is_valid() and results.is_valid():
        try:
            profile_cycle.save_profile(form, results, user=request.user)
        except services.RoundStepRefused as error:
            _refused(request, error)
            return redirect("progress:round", slug)
        messages.success(
            request, _("Profiel van %(region)s opgeslagen.") % {"region": profile.region}
        )
        return redirect("progress:round", slug)
    context = {"profile": profile, "form": form, "results": results}
    return render(request, "progress/profile_edit.html", context)
