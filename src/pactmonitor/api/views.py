"""The operations of the public API (``/api/v1``) and the developers' page.

Each list operation names its parameters (a ``ListParams`` subclass: camelCase on the wire) and
hands its public rows, filters and sorts to ``listing``; each detail operation looks its row up
among the public rows only, so a draft round or an unpublished update is "not found".
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema

from pactmonitor.core.pagecache import public_page
from pactmonitor.indicators.models import Indicator
from pactmonitor.indicators.series import IndicatorFigures
from pactmonitor.progress.comparison import status_changes

from . import resources as r
from . import schemas as s
from .listing import ListParams, envelope, filtered, listing, not_found, ordered, page_of
from .problems import InvalidParam, invalid_input

router = Router()

ERRORS = {400: s.Problem, 404: s.Problem}
SLUG = r"^[-a-zA-Z0-9_]+$"  # keys and round codes are slugs (SlugField)


def slug(what: str):
    return Path(..., pattern=SLUG, max_length=150, description=what)


def _get(path: str, response: type, summary: str, description: str, *, tag: str):
    return router.get(
        path,
        response={200: response, **ERRORS},
        summary=summary,
        description=description,
        tags=[tag],
        by_alias=True,
    )


def _one(queryset, what: str, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise not_found(what)
    return found


# --- Pacts ----------------------------------------------------------------------------------------


class PactParams(ListParams):
    level: s.PactLevelValue | None = Field(None, description="Alleen pacten van dit niveau.")
    region: str | None = Field(None, description="Alleen pacten van deze regio (sleutel).")
    sort: Literal[tuple(r.PACT_SORTS)] = Field("level", description="Sorteervolgorde.")


@_get(
    "/pacts",
    s.page_of(s.Pact, "PactPage"),
    "Pacten",
    "Alle pacten: landelijk, per landsdeel en subregionaal.",
    tag="Pacten",
)
def list_pacts(request: HttpRequest, params: Query[PactParams]):
    return listing(request, r.pacts(), params, r.PACT_FILTERS, r.PACT_SORTS, r.pact)


@_get("/pacts/{key}", s.Pact, "Eén pact", "Een pact, op zijn sleutel.", tag="Pacten")
def get_pact(request: HttpRequest, key: str = slug("Sleutel van het pact.")):
    return r.pact(_one(r.pacts(), "Dit pact", key=key))


class ActionLineParams(ListParams):
    pact: str | None = Field(None, description="Alleen de actielijnen van dit pact (sleutel).")
    sort: Literal[tuple(r.ACTION_LINE_SORTS)] = Field("order", description="Sorteervolgorde.")


@_get(
    "/action-lines",
    s.page_of(s.ActionLine, "ActionLinePage"),
    "Actielijnen",
    "De actielijnen van de pacten, met hun landelijke doel.",
    tag="Pacten",
)
def list_action_lines(request: HttpRequest, params: Query[ActionLineParams]):
    return listing(
        request, r.action_lines(), params, r.ACTION_LINE_FILTERS, r.ACTION_LINE_SORTS, r.action_line
    )


class ActionParams(ListParams):
    pact: str | None = Field(None, description="Alleen de acties van dit pact (sleutel).")
    action_line: str | None = Field(
        None, alias="actionLine", description="Alleen de acties van deze actielijn (sleutel)."
    )
    region: str | None = Field(
        None, description="Alleen de acties in deze regio en de regio's daarbinnen (sleutel)."
    )
    lead: str | None = Field(None, description="Alleen de acties met deze trekker (sleutel).")
    sort: Literal[tuple(r.ACTION_SORTS)] = Field("number", description="Sorteervolgorde.")


@_get(
    "/actions",
    s.page_of(s.Action, "ActionPage"),
    "Acties",
    "De acties (maatregelen) met hun deelmaatregelen, operationele doelen, trekkers en partners.",
    tag="Pacten",
)
def list_actions(request: HttpRequest, params: Query[ActionParams]):
    return listing(request, r.actions(), params, r.ACTION_FILTERS, r.ACTION_SORTS, r.action)


@_get(
    "/pacts/{pact}/actions/{number}",
    s.Action,
    "Eén actie",
    "Een actie, op de sleutel van het pact en het nummer van de actie.",
    tag="Pacten",
)
def get_action(
    request: HttpRequest,
    pact: str = slug("Sleutel van het pact."),
    number: str = Path(..., max_length=20, description="Nummer van de actie."),
):
    return r.action(_one(r.actions(), "Deze actie", pact__key=pact, number=number))


class OrganisationParams(ListParams):
    sector: s.SectorValue | None = Field(None, description="Alleen organisaties van deze sector.")
    region: str | None = Field(None, description="Alleen organisaties van deze regio (sleutel).")
    sort: Literal[tuple(r.ORGANISATION_SORTS)] = Field("name", description="Sorteervolgorde.")


@_get(
    "/organisations",
    s.page_of(s.Organisation, "OrganisationPage"),
    "Organisaties",
    "De organisaties die acties trekken of eraan meedoen. Contactpersonen staan nooit in de API.",
    tag="Pacten",
)
def list_organisations(request: HttpRequest, params: Query[OrganisationParams]):
    return listing(
        request,
        r.organisations(),
        params,
        r.ORGANISATION_FILTERS,
        r.ORGANISATION_SORTS,
        r.organisation,
    )


@_get(
    "/organisations/{key}",
    s.Organisation,
    "Eén organisatie",
    "Een organisatie, op haar sleutel.",
    tag="Pacten",
)
def get_organisation(request: HttpRequest, key: str = slug("Sleutel van de organisatie.")):
    return r.organisation(_one(r.organisations(), "Deze organisatie", key=key))


# --- Rounds, status updates, the comparison ------------------------------------------------------


class RoundParams(ListParams):
    pact: str | None = Field(None, description="Alleen de rondes van dit pact (sleutel).")
    sort: Literal[tuple(r.ROUND_SORTS)] = Field("peildatum", description="Sorteervolgorde.")


@_get(
    "/rounds",
    s.page_of(s.Round, "RoundPage"),
    "Rapportagerondes",
    "De gepubliceerde rapportagerondes. Een ronde die nog loopt staat er niet in.",
    tag="Voortgang",
)
def list_rounds(request: HttpRequest, params: Query[RoundParams]):
    return listing(request, r.rounds(), params, r.ROUND_FILTERS, r.ROUND_SORTS, r.round)


@_get(
    "/rounds/{code}",
    s.Round,
    "Eén ronde",
    "Een gepubliceerde ronde, op haar code.",
    tag="Voortgang",
)
def get_round(request: HttpRequest, code: str = slug("Code van de ronde.")):
    return r.round(_one(r.rounds(), "Deze ronde", slug=code))


class StatusUpdateParams(ListParams):
    pact: str | None = Field(None, description="Alleen updates van acties van dit pact (sleutel).")
    action_line: str | None = Field(
        None, alias="actionLine", description="Alleen updates van acties van deze actielijn."
    )
    round: str | None = Field(None, description="Alleen updates van deze ronde (code).")
    status: s.StatusValue | None = Field(None, description="Alleen updates met deze status.")
    region: str | None = Field(
        None, description="Alleen updates van acties in deze regio en de regio's daarbinnen."
    )
    year: int | None = Field(
        None,
        ge=1900,
        le=2999,
        description="Alleen updates van rondes met een peildatum in dit jaar.",
    )
    sort: Literal[tuple(r.STATUS_UPDATE_SORTS)] = Field("action", description="Sorteervolgorde.")


def _status_update_page(request: HttpRequest, params: StatusUpdateParams) -> dict:
    rows = filtered(r.status_updates(), params, r.STATUS_UPDATE_FILTERS)
    rows = ordered(rows, params.sort, r.STATUS_UPDATE_SORTS)
    page = page_of(rows, params)
    earlier = r.earlier_versions(page.items)
    return envelope(request, page, lambda u: r.status_update(u, earlier))


@_get(
    "/status-updates",
    s.page_of(s.StatusUpdate, "StatusUpdatePage"),
    "Statusupdates",
    (
        "De gepubliceerde stand van zaken per actie of deelmaatregel per ronde, met mijlpalen, "
        "vindplaatsen en eerder gepubliceerde versies. Alleen de actuele versie van gepubliceerde"
        " rondes."
    ),
    tag="Voortgang",
)
def list_status_updates(request: HttpRequest, params: Query[StatusUpdateParams]):
    return _status_update_page(request, params)


@_get(
    "/status-updates/{id}",
    s.StatusUpdate,
    "Eén statusupdate",
    "Een gepubliceerde statusupdate, op haar nummer.",
    tag="Voortgang",
)
def get_status_update(
    request: HttpRequest, id: int = Path(..., ge=1, le=2**62, description="Nummer van de update.")
):
    update = _one(r.status_updates(), "Deze statusupdate", pk=id)
    return r.status_update(update, r.earlier_versions([update]))


class ComparisonParams(ListParams):
    since: str | None = Field(
        None,
        description="Code van de eerdere ronde van hetzelfde pact; standaard de vorige ronde.",
    )


@_get(
    "/rounds/{code}/status-changes",
    s.Comparison,
    "Statuswijzigingen",
    (
        "De acties waarvan de status (samengevat per actie, zoals in de rapportage) veranderde "
        "tussen een eerdere gepubliceerde ronde en deze."
    ),
    tag="Voortgang",
)
def round_status_changes(
    request: HttpRequest,
    params: Query[ComparisonParams],
    code: str = slug("Code van de latere ronde."),
):
    later = _one(r.rounds(), "Deze ronde", slug=code)
    earlier = _earlier_round(later, params.since)
    changes = status_changes(earlier, later) if earlier else []
    rows = [
        {
            "pact": c.action.pact.key,
            "action": c.action.number,
            "title": c.action.title,
            "action_line": c.action.action_line.key if c.action.action_line else None,
            "before": c.before.status,
            "after": c.after.status,
            "before_basis": c.before.basis,
            "after_basis": c.after.basis,
        }
        for c in changes
    ]
    page = page_of(_ListOf(rows), params)
    result = envelope(request, page, lambda row: row)
    return result | {"earlier": earlier.slug if earlier else "", "later": later.slug}


def _earlier_round(later, since: str | None):
    earlier_rounds = r.rounds().filter(pact=later.pact_id, peildatum__lt=later.peildatum)
    if since is None:
        return earlier_rounds.order_by("-peildatum").first()
    earlier = earlier_rounds.filter(slug=since).first()
    if earlier is None:
        raise invalid_input(
            [InvalidParam("since", "Geen eerdere gepubliceerde ronde van dit pact.", "unknown")]
        )
    return earlier


class _ListOf(list):
    """A computed list that ``page_of`` can count and cut like a QuerySet."""

    def count(self) -> int:  # type: ignore[override]
        return len(self)


# --- Regions and landsdeel profiles ---------------------------------------------------------------


class RegionParams(ListParams):
    kind: s.RegionKindValue | None = Field(None, description="Alleen regio's van deze soort.")
    parent: str | None = Field(None, description="Alleen regio's direct onder deze regio.")
    cbs_code: str | None = Field(
        None, alias="cbsCode", max_length=20, description="De regio met deze CBS-code."
    )
    sort: Literal[tuple(r.REGION_SORTS)] = Field("name", description="Sorteervolgorde.")


@_get(
    "/regions",
    s.page_of(s.Region, "RegionPage"),
    "Regio's",
    (
        "Land, landsdelen, provincies, COROP-gebieden, subregio's, arbeidsmarktregio's en "
        "gemeenten, met hun CBS-code."
    ),
    tag="Regio's",
)
def list_regions(request: HttpRequest, params: Query[RegionParams]):
    return listing(request, r.regions(), params, r.REGION_FILTERS, r.REGION_SORTS, r.region)


@_get("/regions/{key}", s.Region, "Eén regio", "Een regio, op haar sleutel.", tag="Regio's")
def get_region(request: HttpRequest, key: str = slug("Sleutel van de regio.")):
    return r.region(_one(r.regions(), "Deze regio", key=key))


class ProfileParams(ListParams):
    landsdeel: str | None = Field(None, description="Alleen de profielen van dit landsdeel.")
    round: str | None = Field(None, description="Alleen de profielen van deze ronde (code).")
    year: int | None = Field(
        None,
        ge=1900,
        le=2999,
        description="Alleen profielen van rondes met een peildatum in dit jaar.",
    )
    sort: Literal[tuple(r.PROFILE_SORTS)] = Field("landsdeel", description="Sorteervolgorde.")


@_get(
    "/landsdeel-profiles",
    s.page_of(s.LandsdeelProfile, "LandsdeelProfilePage"),
    "Landsdeelprofielen",
    (
        "Per landsdeel en gepubliceerde ronde: de organisatie, de belangrijkste resultaten en de "
        "prioriteiten."
    ),
    tag="Regio's",
)
def list_landsdeel_profiles(request: HttpRequest, params: Query[ProfileParams]):
    return listing(
        request,
        r.landsdeel_profiles(),
        params,
        r.PROFILE_FILTERS,
        r.PROFILE_SORTS,
        r.landsdeel_profile,
    )


# --- Indicators -----------------------------------------------------------------------------------


class IndicatorParams(ListParams):
    sort: Literal[tuple(r.INDICATOR_SORTS)] = Field("headline", description="Sorteervolgorde.")


@_get(
    "/indicators",
    s.page_of(s.Indicator, "IndicatorPage"),
    "Indicatoren",
    "De indicatoren met hun definitie.",
    tag="Indicatoren",
)
def list_indicators(request: HttpRequest, params: Query[IndicatorParams]):
    return listing(request, r.indicators(), params, [], r.INDICATOR_SORTS, r.indicator)


@_get(
    "/indicators/{key}",
    s.Indicator,
    "Eén indicator",
    "Een indicator, op haar sleutel.",
    tag="Indicatoren",
)
def get_indicator(request: HttpRequest, key: str = slug("Sleutel van de indicator.")):
    return r.indicator(_one(r.indicators(), "Deze indicator", key=key))


class MeasurementParams(ListParams):
    indicator: str | None = Field(None, description="Alleen cijfers van deze indicator.")
    region: str | None = Field(None, description="Alleen cijfers van deze regio (sleutel).")
    year: int | None = Field(None, ge=1900, le=2999, description="Alleen cijfers van dit jaar.")
    level: s.LevelValue | None = Field(None, description="Alleen cijfers van dit onderwijsniveau.")
    sort: Literal[tuple(r.MEASUREMENT_SORTS)] = Field("year", description="Sorteervolgorde.")


@_get(
    "/targets",
    s.page_of(s.Target, "TargetPage"),
    "Streefwaarden",
    "De streefwaarden van de indicatoren, per regio, onderwijsniveau en jaar.",
    tag="Indicatoren",
)
def list_targets(request: HttpRequest, params: Query[MeasurementParams]):
    return listing(
        request, r.targets(), params, r.MEASUREMENT_FILTERS, r.MEASUREMENT_SORTS, r.measurement
    )


@_get(
    "/observations",
    s.page_of(s.Observation, "ObservationPage"),
    "Metingen",
    (
        "De cijfers die de brondocumenten geven, met teller en noemer waar de bron die geeft. De "
        "ingelezen open data (DUO) staan bij de reeksen van een indicator."
    ),
    tag="Indicatoren",
)
def list_observations(request: HttpRequest, params: Query[MeasurementParams]):
    return listing(
        request, r.observations(), params, r.MEASUREMENT_FILTERS, r.MEASUREMENT_SORTS, r.measurement
    )


class SeriesParams(Schema):
    region: str | None = Field(None, description="Sleutel van de regio; standaard heel Nederland.")
    level: s.LevelValue | None = Field(None, description="Alleen de reeks van dit onderwijsniveau.")


@_get(
    "/indicators/{key}/series",
    s.IndicatorSeries,
    "Reeksen van een indicator",
    (
        "De ingelezen open data (zoals DUO) van een indicator, opgeteld voor een regio: per "
        "onderwijsniveau een reeks per jaar, met teller, noemer, bron en licentie — wat de "
        "indicatorpagina toont."
    ),
    tag="Indicatoren",
)
def indicator_series(
    request: HttpRequest,
    params: Query[SeriesParams],
    key: str = slug("Sleutel van de indicator."),
):
    indicator = _one(r.indicators(), "Deze indicator", key=key)
    figures = IndicatorFigures.load(indicator)
    place = figures.national
    if params.region is not None:
        place = next((g for g in figures.regions_with_figures() if g.key == params.region), None)
        if place is None:
            reason = "Voor deze regio zijn geen ingelezen cijfers van deze indicator."
            raise invalid_input([InvalidParam("region", reason, "unknown")])
    series = figures.series(place) if place else []
    return {
        "indicator": indicator.key,
        "region": place.key if place else "",
        "sources": [
            {
                "publisher": b.publisher,
                "table": b.table_name,
                "file_name": b.file_name,
                "licence": b.licence,
                "licence_url": b.licence_url,
            }
            for b in figures.batches
        ],
        "series": [
            {
                "education_level": one.level or None,
                "points": [
                    {
                        "year": p.year,
                        "value": p.value,
                        "numerator": p.numerator,
                        "denominator": p.denominator,
                    }  # fmt: skip
                    for p in one.points
                ],
            }
            for one in series
            if params.level is None or one.level == params.level
        ],
    }


# --- Initiatives ----------------------------------------------------------------------------------


class InitiativeParams(ListParams):
    region: str | None = Field(
        None, description="Alleen initiatieven in deze regio en de regio's daarbinnen."
    )
    action_line: str | None = Field(
        None, alias="actionLine", description="Alleen initiatieven van deze actielijn (sleutel)."
    )
    level: s.LevelValue | None = Field(None, description="Alleen initiatieven voor dit niveau.")
    kind: s.InitiativeKindValue | None = Field(None, description="Alleen deze soort initiatief.")
    q: str | None = Field(None, max_length=200, description="Zoekwoorden (naam, omschrijving).")
    sort: Literal[tuple(r.INITIATIVE_SORTS)] = Field("name", description="Sorteervolgorde.")


@_get(
    "/initiatives",
    s.page_of(s.Initiative, "InitiativePage"),
    "Initiatieven",
    (
        "Het register van regionale initiatieven (CIV, CoE, Technet-kringen, Jet-Net, Technasia, "
        "campussen, …)."
    ),
    tag="Initiatieven",
)
def list_initiatives(request: HttpRequest, params: Query[InitiativeParams]):
    return listing(
        request, r.initiatives(), params, r.INITIATIVE_FILTERS, r.INITIATIVE_SORTS, r.initiative
    )


@_get(
    "/initiatives/{key}",
    s.Initiative,
    "Eén initiatief",
    "Een initiatief, op zijn sleutel.",
    tag="Initiatieven",
)
def get_initiative(request: HttpRequest, key: str = slug("Sleutel van het initiatief.")):
    return r.initiative(_one(r.initiatives(), "Dit initiatief", key=key))


# --- The developers' page -------------------------------------------------------------------------


EXAMPLES = [
    (_("Alle pacten"), "/pacts"),
    (_("De acties van een actielijn"), "/actions?pact=techniekpact-2020&actionLine=kiezen"),
    (_("Eén actie"), "/pacts/techniekpact-2020/actions/1"),
    (_("Organisaties"), "/organisations?sector=onderwijs"),
    (_("Gepubliceerde rondes"), "/rounds"),
    (_("Vertraagde acties in een ronde"), "/status-updates?round=2015&status=vertraagd"),
    (_("Statuswijzigingen sinds de vorige ronde"), "/rounds/2015/status-changes"),
    (_("Landsdelen met hun CBS-code"), "/regions?kind=landsdeel"),
    (_("Landsdeelprofielen"), "/landsdeel-profiles?landsdeel=oost"),
    (_("Indicatoren"), "/indicators"),
    (_("Streefwaarden"), "/targets?level=havo"),
    (_("Metingen van een jaar"), "/observations?year=2014"),
    (_("Ingelezen open data van een indicator"), "/indicators/{indicator}/series"),
    (_("Initiatieven in een regio"), "/initiatives?region=oost&pageSize=50"),
]


@public_page
def developers(request: HttpRequest) -> HttpResponse:
    first = Indicator.objects.order_by("-is_headline", "name").values_list("key", flat=True).first()
    examples = [
        (title, path.replace("{indicator}", first or "havo-nt-profiel")) for title, path in EXAMPLES
    ]
    return render(
        request,
        "api/developers.html",
        {"base": request.build_absolute_uri("/api/v1"), "examples": examples},
    )
