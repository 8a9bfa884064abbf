"""Download a workbook of one's open drafts; upload it again (row by row, docs/rounds.md)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.limits import MB, body_limit
from pactmonitor.core.permissions import get_for_user
from pactmonitor.progress.models import ReportingRound

from .forms import UploadForm
from .upload import Refused, import_workbook
from .workbook import TooLongForWorkbook, build_workbook, drafts_for_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def workbook_download(request: SignedInRequest, slug: str) -> HttpResponse:
    round = get_for_user(request.user, ReportingRound.objects.all(), "view", slug=slug)
    try:
        content = build_workbook(round, request.user, drafts_for_workbook(round, request.user))
    except TooLongForWorkbook as refused:
        # Cutting the text would lose words on the next upload; say which draft to shorten.
        return render(
            request,
            "exchange/download_refused.html",
            {"round": round, "too_long": refused.messages},
            status=409,
        )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="pactmonitor-{round.slug}-{request.user.username}.xlsx"'
    )
    return response


@body_limit(11 * MB)  # the 10 MB workbook and the form around it
@login_required
def workbook_upload(request: SignedInRequest, slug: str) -> HttpResponse:
    round = get_for_user(request.user, ReportingRound.objects.all(), "view", slug=slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"round": round, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(
            request,
            "exchange/upload.html",
            context,
            status=400 if request.method == "POST" else 200,
        )
    try:
        summary = import_workbook(form.cleaned_data["workbook"], round, request.user)
    except Refused as refused:
        return render(
            request, "exchange/upload.html", {**context, "problems": refused.problems}, status=400
        )
    return render(request, "exchange/upload_done.html", {"round": round, "summary": summary})
