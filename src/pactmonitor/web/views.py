"""The public pages. (The foundation serves plain pages; the public web issue dresses them.)"""

from django.shortcuts import get_object_or_404, render

from pactmonitor.indicators.models import Indicator
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.models import Region


def dashboard(request):
    return render(request, "web/dashboard.html", {"pacts": Pact.objects.all()})


def pact_detail(request, key):
    pact = get_object_or_404(Pact, key=key)
    return render(request, "web/object.html", {"object": pact, "items": pact.actions.all()})


def action_detail(request, pact_key, number):
    action = get_object_or_404(Action, pact__key=pact_key, number=number)
    return render(request, "web/object.html", {"object": action, "items": action.sub_measures.all()})


def landsdeel_detail(request, key):
    region = get_object_or_404(Region, key=key, kind="landsdeel")
    return render(request, "web/object.html", {"object": region, "items": region.children.all()})


def region_detail(request, key):
    region = get_object_or_404(Region, key=key)
    return render(request, "web/object.html", {"object": region, "items": region.children.all()})


def round_detail(request, slug):
    round = get_object_or_404(ReportingRound.objects.published(), slug=slug)
    return render(request, "web/object.html", {"object": round, "items": []})


def indicator_detail(request, key):
    indicator = get_object_or_404(Indicator, key=key)
    return render(request, "web/object.html", {"object": indicator, "items": indicator.observations.all()})


def initiative_detail(request, key):
    initiative = get_object_or_404(Initiative, key=key)
    return render(request, "web/object.html", {"object": initiative, "items": []})
