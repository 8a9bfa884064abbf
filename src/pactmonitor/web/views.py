"""The public pages: one view per page, reading through readmodels, cached until a change."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from pactmonitor import charts
from pactmonitor.core.pagecache import public_page
from pactmonitor.indicators.models import Indicator
from pactmonitor.indicators.series import IndicatorFigures
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action, ActionLine, Pact
from pactmonitor.progress.models import RegionProfile, ReportingRound, StatusUpdate
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

from . import readmodels
from .compare import comparison_page
from .forms import (
    ActionFilterForm,
    IndicatorRegionForm,
    InitiativeFinderForm,
    RoundComparisonForm,
)
from .search import search_everything


@public_page
def dashboard(request: HttpRequest) -> HttpResponse:
    pact = readmodels.national_pact()
    context: dict = {"pact": pact, "figures": readmodels.headline_figures()}
    if pact is not None:
        rounds = readmodels.rounds_for(pact)
        latest = readmodels.latest_round_with_updates(rounds)
        grid = readmodels.status_grid(pact, rounds)
        context.update(
            rounds=rounds,
            latest=latest,
            action_lines=list(pact.action_lines.annotate(action_count=Count("actions"))),
            across_summary=readmodels.grid_summary(pact, rounds, grid),
            across_cells=grid,
        )
        if latest is not None:
            index = rounds.index(latest)
            statuses = [charts.ActionStatus(a, cells[index][1]) for a, cells in grid]
            context["per_line_svg"] = charts.for_screens(
                lambda **kw: charts.status_per_action_line(latest, statuses, **kw)
            )
            context["per_line"] = charts.status_per_action_line_table(latest, statuses)
    context["landsdelen"] = readmodels.landsdelen_side_by_side()
    return render(request, "web/dashboard.html", context)


@public_page
def pact_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/pact_list.html", {"pacts": readmodels.pacts_with_rounds()})


@public_page(query=("ronde", "lijn", "status", "trekker"))
def pact_detail(request: HttpRequest, key: str) -> HttpResponse:
    pact = get_object_or_404(Pact.objects.select_related("parent", "region"), key=key)
    rounds = readmodels.rounds_for(pact)
    form = ActionFilterForm(request.GET or None, pact=pact, rounds=rounds)
    round = next(
        (r for r in rounds if r.slug == form.value("ronde")), rounds[-1] if rounds else None
    )
    rows = readmodels.action_rows(pact, round)
    shown = [row for row in rows if _passes(row, form)]
    return render(
        request,
        "web/pact_detail.html",
        {
            "pact": pact,
            "round": round,
            "form": form,
            "rows": shown,
            "total": len(rows),
            "counts": readmodels.status_counts(shown),
            "overdue": [row for row in shown if row.is_overdue],
            "children": pact.children.all(),
            "action_lines": pact.action_lines.all(),
            "planning": readmodels.pact_planning(pact),
        },
    )


def _passes(row: readmodels.ActionRow, form: ActionFilterForm) -> bool:
    line, status, owner = form.value("lijn"), form.value("status"), form.value("trekker")
    action = row.action
    return (
        (not line or (action.action_line is not None and action.action_line.key == line))
        and (not status or row.status.status == status)
        and (not owner or any(o.key == owner for o in action.leads.all()))
    )


@public_page
def action_detail(request: HttpRequest, pact_key: str, number: str) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.select_related(
            "pact", "action_line", "region", "provenance_document"
        ).prefetch_related(
            "sub_measures",
            "leads",
            "partners",
            "operational_goals",
            Prefetch(
                "serves_action_lines", ActionLine.objects.in_pact_order().select_related("pact")
            ),
            Prefetch("initiatives", Initiative.objects.public()),
        ),
        pact__key=pact_key,
        number=number,
    )
    rounds = readmodels.rounds_for(action.pact)
    history = readmodels.action_history(action, rounds)
    latest = history[0] if history else None
    return render(
        request,
        "web/action_detail.html",
        {
            "action": action,
            "history": history,
            "latest": latest,
            "overdue": readmodels.overdue_goals(
                list(action.operational_goals.all()), latest.status, latest.round
            )
            if latest
            else [],
            "related": readmodels.related_actions(action),
        },
    )


@public_page
def landsdeel_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/landsdeel_list.html", {"landsdelen": readmodels.landsdelen_side_by_side()}
    )


@public_page
def landsdeel_detail(request: HttpRequest, key: str) -> HttpResponse:
    region = get_object_or_404(Region, key=key, kind=RegionKind.LANDSDEEL)
    return render(
        request,
        "web/landsdeel_detail.html",
        {
            "region": region,
            "members": readmodels.region_members(region),
            "profiles": list(reversed(readmodels.landsdeel_profiles(region))),
            "pacts": readmodels.region_pacts(region),
            "actions": readmodels.with_current_status(readmodels.actions_in_region(region)),
            "initiatives": readmodels.region_initiatives(region),
            "findings": readmodels.findings_in(region),
        },
    )


@public_page
def region_detail(request: HttpRequest, key: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent"), key=key)
    return render(
        request,
        "web/region_detail.html",
        {
            "region": region,
            "landsdelen": region.all_landsdelen(),
            "members": readmodels.region_members(region),
            "pacts": readmodels.region_pacts(region),
            "initiatives": readmodels.region_initiatives(region),
            "observations": readmodels.region_observations(region),
            "findings": readmodels.findings_in(region),
        },
    )


@public_page
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round = get_object_or_404(ReportingRound.objects.published().select_related("pact"), slug=slug)
    rows = readmodels.action_rows(round.pact, round)
    statuses = charts.round_statuses(round)  # once, for the chart's two drawings and its table
    updates = (
        StatusUpdate.objects.public()
        .filter(round=round)
        .select_related("action__pact", "sub_measure")
        .order_by("action__position", "sub_measure__letter")
    )
    return render(
        request,
        "web/round_detail.html",
        {
            "round": round,
            "rows": rows,
            "counts": readmodels.status_counts(rows),
            "reporting": readmodels.reporting_counts(rows),
            "updates": updates,
            "chart_svg": charts.for_screens(
                lambda **kw: charts.status_per_action_line(round, statuses, **kw)
            ),
            "chart": charts.status_per_action_line_table(round, statuses),
            "profiles": (RegionProfile.objects.published() | RegionProfile.objects.not_updated())
            .filter(round=round)
            .select_related("region")
            .order_by("region__name"),
            "previous": round.previous(),
        },
    )


@public_page(query=("pact", "ronde", "met"))
def round_comparison(request: HttpRequest) -> HttpResponse:
    """Two published rounds of a pact side by side: status moves, newly and not reported
    actions, and what changed in the landsdeel profiles."""
    pacts = list(Pact.objects.select_related("region").order_by("level", "name"))
    key = request.GET.get("pact")
    pact = next((p for p in pacts if p.key == key), None) if key else readmodels.national_pact()
    if pact is None:
        raise Http404
    rounds = readmodels.rounds_for(pact)
    form = RoundComparisonForm(request.GET or None, pacts=pacts, rounds=rounds)
    page = comparison_page(pact, rounds, form.value("ronde"), form.value("met"))
    return render(
        request,
        "web/round_comparison.html",
        {"pact": pact, "form": form, "page": page, "comparison": page.comparison},
    )


@public_page
def indicator_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/indicator_list.html",
        {"indicators": Indicator.objects.order_by("-is_headline", "name")},
    )


@public_page(query=("regio",))
def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, key=key)
    figures = IndicatorFigures.load(indicator)
    regions = figures.regions_with_figures()
    region = None
    if request.GET.get("regio"):
        region = next((r for r in regions if r.key == request.GET["regio"]), None)
        if region is None:
            raise Http404("unknown region for this indicator")
    place = region or figures.national
    return render(
        request,
        "web/indicator_detail.html",
        {
            "indicator": indicator,
            "figures": figures,
            "form": IndicatorRegionForm(request.GET or None, regions=regions),
            "region": region,
            "place": place,
            "series": figures.series(place) if place else [],
            "elsewhere": figures.elsewhere(place),
            "svg": charts.for_screens(lambda **kw: charts.indicator_chart(figures, region, **kw)),
            "table": charts.indicator_table(figures, region),
            "landsdelen": charts.landsdelen_table(figures),
            "findings": readmodels.indicator_findings(indicator),
        },
    )


@public_page(query=("q", "landsdeel", "regio", "soort", "lijn", "niveau"))
def initiative_finder(request: HttpRequest) -> HttpResponse:
    form = InitiativeFinderForm(request.GET or None)
    found = (
        readmodels.initiatives_matching(form.filters())
        if form.is_bound
        else Initiative.objects.public().order_by("name").prefetch_related("regions")
    )
    return render(
        request,
        "web/initiative_finder.html",
        {"form": form, "initiatives": found, "total": Initiative.objects.public().count()},
    )


@public_page
def initiative_detail(request: HttpRequest, key: str) -> HttpResponse:
    initiative = get_object_or_404(
        Initiative.objects.public()
        .select_related("provenance_document")
        .prefetch_related(
            "regions",
            "institutions",
            Prefetch("action_lines", ActionLine.objects.in_pact_order().select_related("pact")),
            Prefetch("serves", Action.objects.in_pact_order().select_related("pact")),
        ),
        key=key,
    )
    links = [
        (link, other)
        for link in initiative.possibly_same()
        # A link to an initiative that is not (yet) public is not shown.
        if not isinstance(other := link.counterpart(initiative), Initiative) or other.is_public
    ]
    return render(
        request,
        "web/initiative_detail.html",
        {
            "initiative": initiative,
            "possibly_same": links,
            "further_sources": initiative.further_sources(),
        },
    )


@public_page(query=("q",))
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    sections = search_everything(query)
    return render(
        request,
        "web/search.html",
        {"search_query": query, "sections": sections, "total": sum(s.count for s in sections)},
    )


# --- About the site: the statements a Dutch public site publishes --------------------------------


def _site_context() -> dict[str, object]:
    return {
        "operator": settings.PACTMONITOR_OPERATOR,
        "contact_email": settings.PACTMONITOR_CONTACT_EMAIL,
        "contact_url": settings.PACTMONITOR_CONTACT_URL,
    }


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, after the model of digitoegankelijk.nl."""
    checked = date.fromisoformat(settings.PACTMONITOR_ACCESSIBILITY_CHECKED)
    return render(request, "web/accessibility.html", _site_context() | {"checked": checked})


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/privacy.html", _site_context())


@public_page
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "web/contact.html", _site_context())
