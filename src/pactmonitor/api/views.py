"""The operations of the public API (``/api/v1``) and the developers' page.

Each list operation names its parameters (a ``SortedParams`` subclass: camelCase on the wire,
``sort`` spelled out as the resource's sorts, which tests/api/test_views.py holds equal) and
serves its ``Resource`` (resources.py) with ``listing``; each detail operation looks its row up
among the public rows only (``Resource.one``), so a draft round or an unpublished update is
"not found".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import Field, Path, Query, Router, Schema

from pactmonitor.core.pagecache import public_page
from pactmonitor.indicators.series import IndicatorFigures
from pactmonitor.progress.comparison import StatusChange, status_changes
from pactmonitor.progress.models import ReportingRound

from . import resources as r
from . import schemas as s
from .examples import examples
from .listing import ListParams, Row, SortedParams, envelope, found, listing, page_of
from .problems import InvalidParam, invalid_input

router = Router()
View = TypeVar("View", bound=Callable[..., Any])

ERRORS = {400: s.Problem, 404: s.Problem}
SLUG = r"^[-a-zA-Z0-9_]+$"  # keys and round codes are slugs (SlugField)


def slug(what: str) -> Any:
    return Path(..., pattern=SLUG, max_length=150, description=what)


def _get(
    path: str, response: type, summary: str, description: str, *, tag: str
) -> Callable[[View], View]:
    return router.get(
        path,
        response={200: response, **ERRORS},
        summary=summary,
        description=description,
        tags=[tag],
        by_alias=True,
    )


# --- Pacts ----------------------------------------------------------------------------------------


class PactParams(SortedParams):
    level: s.PactLevelValue | None = Field(None, description="Alleen pacten van dit niveau.")
    region: str | None = Field(None, description="Alleen pacten van deze regio (sleutel).")
    sort: Literal["name", "-name", "level"] = Field("level", description="Sorteervolgorde.")


@_get(
    "/pacts",
    s.page_of(s.Pact, "PactPage"),
    "Pacten",
    "Alle pacten: landelijk, per landsdeel en subregionaal.",
    tag="Pacten",
)
def list_pacts(request: HttpRequest, params: Query[PactParams]) -> Row:
    return listing(request, r.PACTS, params)


@_get("/pacts/{key}", s.Pact, "Eén pact", "Een pact, op zijn sleutel.", tag="Pacten")
def get_pact(request: HttpRequest, key: str = slug("Sleutel van het pact.")) -> Row:
    return r.PACTS.one("Dit pact", key=key)


class ActionLineParams(SortedParams):
    pact: str | None = Field(None, description="Alleen de actielijnen van dit pact (sleutel).")
    sort: Literal["order", "name", "-name"] = Field("order", description="Sorteervolgorde.")


@_get(
    "/action-lines",
    s.page_of(s.ActionLine, "ActionLinePage"),
    "Actielijnen",
    "De actielijnen van de pacten, met hun landelijke doel.",
    tag="Pacten",
)
def list_action_lines(request: HttpRequest, params: Query[ActionLineParams]) -> Row:
    return listing(request, r.ACTION_LINES, params)


class ActionParams(SortedParams):
    pact: str | None = Field(None, description="Alleen de acties van dit pact (sleutel).")
    action_line: str | None = Field(
        None, alias="actionLine", description="Alleen de acties van deze actielijn (sleutel)."
    )
    region: str | None = Field(
        None, description="Alleen de acties in deze regio en de regio's daarbinnen (sleutel)."
    )
    lead: str | None = Field(None, description="Alleen de acties met deze trekker (sleutel).")
    sort: Literal["number", "-number", "title", "-title"] = Field(
        "number", description="Sorteervolgorde."
    )


@_get(
    "/actions",
    s.page_of(s.Action, "ActionPage"),
    "Acties",
    "De acties (maatregelen) met hun deelmaatregelen, operationele doelen, trekkers en partners.",
    tag="Pacten",
)
def list_actions(request: HttpRequest, params: Query[ActionParams]) -> Row:
    return listing(request, r.ACTIONS, params)


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
) -> Row:
    return r.ACTIONS.one("Deze actie", pact__key=pact, number=number)


class OrganisationParams(SortedParams):
    sector: s.SectorValue | None = Field(None, description="Alleen organisaties van deze sector.")
    region: str | None = Field(None, description="Alleen organisaties van deze regio (sleutel).")
    sort: Literal["name", "-name"] = Field("name", description="Sorteervolgorde.")


@_get(
    "/organisations",
    s.page_of(s.Organisation, "OrganisationPage"),
    "Organisaties",
    "De organisaties die acties trekken of eraan meedoen. Contactpersonen staan nooit in de API.",
    tag="Pacten",
)
def list_organisations(request: HttpRequest, params: Query[OrganisationParams]) -> Row:
    return listing(request, r.ORGANISATIONS, params)


@_get(
    "/organisations/{key}",
    s.Organisation,
    "Eén organisatie",
    "Een organisatie, op haar sleutel.",
    tag="Pacten",
)
def get_organisation(request: HttpRequest, key: str = slug("Sleutel van de organisatie.")) -> Row:
    return r.ORGANISATIONS.one("Deze organisatie", key=key)


# --- Rounds, status updates, the comparison ------------------------------------------------------


class RoundParams(SortedParams):
    pact: str | None = Field(None, description="Alleen de rondes van dit pact (sleutel).")
    sort: Literal["peildatum", "-peildatum"] = Field("peildatum", description="Sorteervolgorde.")


@_get(
    "/rounds",
    s.page_of(s.Round, "RoundPage"),
    "Rapportagerondes",
    "De gepubliceerde rapportagerondes. Een ronde die nog loopt staat er niet in.",
    tag="Voortgang",
)
def list_rounds(request: HttpRequest, params: Query[RoundParams]) -> Row:
    return listing(request, r.ROUNDS, params)


@_get(
    "/rounds/{code}",
    s.Round,
    "Eén ronde",
    "Een gepubliceerde ronde, op haar code.",
    tag="Voortgang",
)
def get_round(request: HttpRequest, code: str = slug("Code van de ronde.")) -> Row:
    return r.ROUNDS.one("Deze ronde", slug=code)


class StatusUpdateParams(SortedParams):
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
    sort: Literal["action", "-round", "status"] = Field("action", description="Sorteervolgorde.")


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
def list_status_updates(request: HttpRequest, params: Query[StatusUpdateParams]) -> Row:
    return listing(request, r.STATUS_UPDATES, params)


@_get(
    "/status-updates/{id}",
    s.StatusUpdate,
    "Eén statusupdate",
    "Een gepubliceerde statusupdate, op haar nummer.",
    tag="Voortgang",
)
def get_status_update(
    request: HttpRequest, id: int = Path(..., ge=1, le=2**62, description="Nummer van de update.")
) -> Row:
    return r.STATUS_UPDATES.one("Deze statusupdate", pk=id)


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
) -> Row:
    later = found(r.rounds(), "Deze ronde", slug=code)
    earlier = _earlier_round(later, params.since)
    changes = status_changes(earlier, later) if earlier else []
    page = page_of(changes, params)
    result = envelope(request, page, [_status_change(c) for c in page.items])
    return result | {"earlier": earlier.slug if earlier else "", "later": later.slug}


def _status_change(change: StatusChange) -> Row:
    action = change.action
    return {
        "pact": action.pact.key,
        "action": action.number,
        "title": action.title,
        "action_line": action.action_line.key if action.action_line else None,
        "before": change.before.status,
        "after": change.after.status,
        "before_basis": change.before.basis,
        "after_basis": change.after.basis,
    }


def _earlier_round(later: ReportingRound, since: str | None) -> ReportingRound | None:
    earlier_rounds = r.rounds().filter(pact=later.pact_id, peildatum__lt=later.peildatum)
    if since is None:
        return earlier_rounds.order_by("-peildatum").first()
    earlier = earlier_rounds.filter(slug=since).first()
    if earlier is None:
        raise invalid_input(
            [InvalidParam("since", "Geen eerdere gepubliceerde ronde van dit pact.", "unknown")]
        )
    return earlier


# --- Regions and landsdeel profiles ---------------------------------------------------------------


class RegionParams(SortedParams):
    kind: s.RegionKindValue | None = Field(None, description="Alleen regio's van deze soort.")
    parent: str | None = Field(None, description="Alleen regio's direct onder deze regio.")
    cbs_code: str | None = Field(
        None, alias="cbsCode", max_length=20, description="De regio met deze CBS-code."
    )
    sort: Literal["name", "-name", "cbsCode"] = Field("name", description="Sorteervolgorde.")


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
def list_regions(request: HttpRequest, params: Query[RegionParams]) -> Row:
    return listing(request, r.REGIONS, params)


@_get("/regions/{key}", s.Region, "Eén regio", "Een regio, op haar sleutel.", tag="Regio's")
def get_region(request: HttpRequest, key: str = slug("Sleutel van de regio.")) -> Row:
    return r.REGIONS.one("Deze regio", key=key)


class ProfileParams(SortedParams):
    landsdeel: str | None = Field(None, description="Alleen de profielen van dit landsdeel.")
    round: str | None = Field(None, description="Alleen de profielen van deze ronde (code).")
    year: int | None = Field(
        None,
        ge=1900,
        le=2999,
        description="Alleen profielen van rondes met een peildatum in dit jaar.",
    )
    sort: Literal["landsdeel", "-round"] = Field("landsdeel", description="Sorteervolgorde.")


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
def list_landsdeel_profiles(request: HttpRequest, params: Query[ProfileParams]) -> Row:
    return listing(request, r.LANDSDEEL_PROFILES, params)


# --- Indicators -----------------------------------------------------------------------------------


class IndicatorParams(SortedParams):
    sort: Literal["name", "-name", "headline"] = Field("headline", description="Sorteervolgorde.")


@_get(
    "/indicators",
    s.page_of(s.Indicator, "IndicatorPage"),
    "Indicatoren",
    "De indicatoren met hun definitie.",
    tag="Indicatoren",
)
def list_indicators(request: HttpRequest, params: Query[IndicatorParams]) -> Row:
    return listing(request, r.INDICATORS, params)


@_get(
    "/indicators/{key}",
    s.Indicator,
    "Eén indicator",
    "Een indicator, op haar sleutel.",
    tag="Indicatoren",
)
def get_indicator(request: HttpRequest, key: str = slug("Sleutel van de indicator.")) -> Row:
    return r.INDICATORS.one("Deze indicator", key=key)


class MeasurementParams(SortedParams):
    indicator: str | None = Field(None, description="Alleen cijfers van deze indicator.")
    region: str | None = Field(None, description="Alleen cijfers van deze regio (sleutel).")
    year: int | None = Field(None, ge=1900, le=2999, description="Alleen cijfers van dit jaar.")
    level: s.LevelValue | None = Field(None, description="Alleen cijfers van dit onderwijsniveau.")
    sort: Literal["year", "-year", "value"] = Field("year", description="Sorteervolgorde.")


@_get(
    "/targets",
    s.page_of(s.Target, "TargetPage"),
    "Streefwaarden",
    "De streefwaarden van de indicatoren, per regio, onderwijsniveau en jaar.",
    tag="Indicatoren",
)
def list_targets(request: HttpRequest, params: Query[MeasurementParams]) -> Row:
    return listing(request, r.TARGETS, params)


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
def list_observations(request: HttpRequest, params: Query[MeasurementParams]) -> Row:
    return listing(request, r.OBSERVATIONS, params)


class FindingParams(SortedParams):
    indicator: str | None = Field(None, description="Alleen bevindingen over deze indicator.")
    region: str | None = Field(
        None, description="Alleen bevindingen over deze regio of een regio daarbinnen (sleutel)."
    )
    sort: Literal["region", "-region"] = Field("region", description="Sorteervolgorde.")


@_get(
    "/findings",
    s.page_of(s.Finding, "FindingPage"),
    "Bevindingen",
    (
        "Wat de brondocumenten in woorden over de arbeidsmarkt en de keuze voor techniek zeggen "
        '("In het VMBO en het MBO zien we het aantal leerlingen niet verder toenemen"), '
        "letterlijk; geen cijfers (die staan bij de metingen)."
    ),
    tag="Indicatoren",
)
def list_findings(request: HttpRequest, params: Query[FindingParams]) -> Row:
    return listing(request, r.FINDINGS, params)


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
) -> Row:
    indicator = found(r.indicators(), "Deze indicator", key=key)
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


class InitiativeParams(SortedParams):
    region: str | None = Field(
        None, description="Alleen initiatieven in deze regio en de regio's daarbinnen."
    )
    action_line: str | None = Field(
        None, alias="actionLine", description="Alleen initiatieven van deze actielijn (sleutel)."
    )
    level: s.LevelValue | None = Field(None, description="Alleen initiatieven voor dit niveau.")
    kind: s.InitiativeKindValue | None = Field(None, description="Alleen deze soort initiatief.")
    q: str | None = Field(None, max_length=200, description="Zoekwoorden (naam, omschrijving).")
    sort: Literal["name", "-name", "startYear"] = Field("name", description="Sorteervolgorde.")


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
def list_initiatives(request: HttpRequest, params: Query[InitiativeParams]) -> Row:
    return listing(request, r.INITIATIVES, params)


@_get(
    "/initiatives/{key}",
    s.Initiative,
    "Eén initiatief",
    "Een initiatief, op zijn sleutel.",
    tag="Initiatieven",
)
def get_initiative(request: HttpRequest, key: str = slug("Sleutel van het initiatief.")) -> Row:
    return r.INITIATIVES.one("Dit initiatief", key=key)


# --- The developers' page -------------------------------------------------------------------------


@public_page
def developers(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/developers.html",
        {"base": request.build_absolute_uri("/api/v1"), "examples": examples()},
    )
