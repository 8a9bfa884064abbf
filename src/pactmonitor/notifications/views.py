"""The outbox page for coordinators and every user's choice between single e-mails and a digest."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import check_for_user

from .choices import Delivery
from .forms import PreferenceForm
from .models import Notification, Preference

# The page shows the latest ones; older ones stay in the admin.
SHOWN = 200


@login_required
def outbox(request: SignedInRequest) -> HttpResponse:
    """What was sent, what waits and what failed, within the coordinator's scope."""
    check_for_user(request.user, "view", Notification)
    shown = Notification.objects.for_user(request.user, "view").select_related("recipient")
    delivery = request.GET.get("stand")
    if delivery in Delivery.values:
        shown = shown.in_delivery(delivery)
    return render(
        request,
        "notifications/outbox.html",
        {
            "notifications": shown[:SHOWN],
            "deliveries": Delivery.choices,
            "delivery": delivery,
            "shown": SHOWN,
        },
    )


@login_required
def preferences(request: SignedInRequest) -> HttpResponse:
    """The signed-in user's own choice: one e-mail per event, or a daily digest."""
    preference = Preference.objects.filter(user=request.user).first() or Preference(
        user=request.user
    )
    data = request.POST if request.method == "POST" else None  # an unticked box posts nothing
    form = PreferenceForm(data, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw keuze voor meldingen is opgeslagen."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
