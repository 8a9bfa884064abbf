"""The import work page: the national coordinator uploads a source table and follows it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.limits import MB, body_limit
from pactmonitor.core.permissions import check_for_user

from . import jobs, recipes
from .forms import UPLOAD_LIMIT, ImportForm
from .models import ImportBatch
from .services import WithdrawRefused, withdraw_batch


def _require_importer(request: SignedInRequest) -> None:
    check_for_user(request.user, "import", ImportBatch)


def _page(request: HttpRequest, form: ImportForm, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "recipes": [recipes.load(path) for path in recipes.bundled().values()],
        "batches": ImportBatch.objects.select_related("imported_by", "supersedes")[:50],
    }
    return render(request, "indicators/imports.html", context, status=status)


@login_required
def import_list(request: SignedInRequest) -> HttpResponse:
    _require_importer(request)
    return _page(request, ImportForm())


# A larger source table is imported with `pactmonitor import-observations` on the server.
@body_limit(UPLOAD_LIMIT + MB)  # the file and the form around it
@login_required
@require_POST
def import_upload(request: SignedInRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    token = jobs.start(form.cleaned_data["recipe"], form.cleaned_data["file"], request.user)
    return redirect("indicators:import_progress", token)


@login_required
def import_progress(request: SignedInRequest, token: str) -> HttpResponse:
    _require_importer(request)
    try:
        record = jobs.read(token)
    except ValueError:
        record = None
    if record is None:
        raise Http404
    batch = ImportBatch.objects.filter(pk=record.get("batch") or 0).first()
    status = 400 if record["state"] in ("refused", "failed") else 200
    return render(
        request,
        "indicators/import_progress.html",
        {"record": record, "batch": batch, "percent": round(100 * record["fraction"])},
        status=status,
    )


@login_required
@require_POST
def batch_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        withdraw_batch(batch, user=request.user)
        messages.success(request, _("Batch %(pk)d is ingetrokken.") % {"pk": batch.pk})
    except WithdrawRefused as refused:
        messages.error(request, str(refused))
    return redirect("indicators:imports")
