"""What the API answers: one schema per resource, camelCase on the wire, Dutch descriptions.

Only what the public pages show: no contact person, no user, no review comment, nothing of a
round that is not published. References between resources are public keys (a region's key, a
pact's key with an action's number), as in the open-data dump, never database ids — except a
status update, which has no other identity.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.db.models import Choices
from ninja import Field, Schema
from pydantic import ConfigDict
from pydantic.alias_generators import to_camel

from pactmonitor.indicators.choices import Dating, EducationLevel, Measure, Unit
from pactmonitor.initiatives.choices import InitiativeKind
from pactmonitor.pacts.choices import LeadBasis, PactLevel, Sector
from pactmonitor.progress.choices import Basis, Status
from pactmonitor.regions.choices import RegionKind

# Closed lists, as the data stores them (the Dutch labels are in the descriptions), spelled out
# so the type checker can read them; tests/api/test_schemas.py holds each equal to its choices.
StatusValue = Literal["afgerond", "op_schema", "vertraagd", "onbekend"]
BasisValue = Literal["reported", "assessed", "unknown"]
PactLevelValue = Literal["national", "regional", "subregional", "arrangement"]
SectorValue = Literal["onderwijs", "ondernemers", "overheid", "overig"]
RegionKindValue = Literal[
    "land", "landsdeel", "provincie", "corop", "subregio", "arbeidsmarktregio", "gemeente"
]
LevelValue = Literal["po", "vo", "vmbo", "havo", "vwo", "havo-vwo", "mbo", "hbo", "wo", "ho"]
InitiativeKindValue = Literal[
    "civ",
    "coe",
    "technetkring",
    "jetnet",
    "technasium",
    "campus",
    "servicepunt",
    "pps",
    "betapunt",
    "toptechniek",
    "expatcentrum",
    "netwerk",
    "programma",
    "overig",
]
UnitValue = Literal["percent", "count", "euro", "fte", "other"]
MeasureValue = Literal["share", "count", "amount"]
LeadBasisValue = Literal["stated", "inferred"]

# Each closed list with the choices it spells out (the test above reads this).
CLOSED_LISTS: dict[Any, type[Choices]] = {
    StatusValue: Status,
    BasisValue: Basis,
    PactLevelValue: PactLevel,
    SectorValue: Sector,
    RegionKindValue: RegionKind,
    LevelValue: EducationLevel,
    InitiativeKindValue: InitiativeKind,
    UnitValue: Unit,
    MeasureValue: Measure,
    LeadBasisValue: LeadBasis,
}


def labels(choices: type[Choices]) -> str:
    return "; ".join(f"`{c.value}`: {c.label}" for c in choices)


def date_field(description: str) -> Any:
    # The format stands beside the "or null", so a reader (and the linter) sees it is a date.
    return Field(None, description=description, json_schema_extra={"format": "date"})


class Out(Schema):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class Provenance(Out):
    document: str = Field(description="Het brondocument, met titel en datum.")
    quote: str = Field(description="Het citaat uit het brondocument waar dit gegeven op steunt.")


class Href(Out):
    href: str = Field(description="Volledig adres.")


class PageLinks(Out):
    self_: Href = Field(alias="self", description="Deze pagina.")
    first: Href = Field(description="De eerste pagina.")
    last: Href = Field(description="De laatste pagina.")
    prev: Href | None = Field(None, description="De vorige pagina, als die er is.")
    next: Href | None = Field(None, description="De volgende pagina, als die er is.")


class PageBase(Out):
    links: PageLinks = Field(alias="_links", description="Links naar deze en andere pagina's.")
    total: int = Field(description="Aantal resultaten over alle pagina's.")
    page: int = Field(description="Het nummer van deze pagina.")
    page_size: int = Field(description="Aantal resultaten per pagina.")
    page_count: int = Field(description="Aantal pagina's.")


# --- The pact registry --------------------------------------------------------------------------


class PactMilestone(Out):
    date: datetime.date | None = date_field(
        "Datum (ISO 8601), volgens de datumconventie van de dataset, als de bron er een geeft."
    )
    date_text: str = Field(description="De datum zoals de bron die schrijft.")
    text: str = Field(description="Wat er gepland is, in de woorden van de bron.")
    note: str = Field(description="Toelichting, zoals waar het jaar vandaan komt.")
    provenance: Provenance | None = Field(description="Herkomst.")


class Pact(Out):
    key: str = Field(description="Sleutel van het pact.")
    name: str = Field(description="Naam.")
    level: PactLevelValue = Field(description=f"Niveau. {labels(PactLevel)}.")
    parent: str | None = Field(description="Sleutel van het pact waaraan dit pact bijdraagt.")
    region: str | None = Field(description="Sleutel van de regio van het pact.")
    period_start: int | None = Field(description="Eerste jaar van de looptijd.")
    period_end: int | None = Field(description="Laatste jaar van de looptijd.")
    signed_on: datetime.date | None = date_field("Datum van ondertekening.")
    parties: str = Field(description="De partijen, zoals de bron ze noemt.")
    description: str = Field(description="Beschrijving.")
    planning: list[PactMilestone] = Field(
        description=(
            "De eigen planning van het pact (los van de acties), in de volgorde van de bron."
        )
    )
    provenance: Provenance | None = Field(description="Herkomst.")


class ActionLine(Out):
    pact: str = Field(description="Sleutel van het pact.")
    key: str = Field(description="Sleutel van de actielijn binnen het pact.")
    name: str = Field(description="Naam.")
    national_goal: str = Field(description="Het landelijke doel van de actielijn.")
    order: int = Field(description="Volgorde binnen het pact.")
    contributes_to: list[str] = Field(
        description="Landelijke actielijnen (pact/sleutel) waaraan deze bijdraagt."
    )
    provenance: Provenance | None = Field(description="Herkomst.")


class SubMeasure(Out):
    letter: str = Field(description="Letter van de deelmaatregel.")
    text: str = Field(description="Tekst.")


class OperationalGoal(Out):
    text: str = Field(description="Het operationele doel.")
    deadline: datetime.date | None = date_field("Deadline (ISO 8601), als de bron die geeft.")
    deadline_text: str = Field(description="De deadline zoals de bron die schrijft.")
    note: str = Field(description="Toelichting.")


class Action(Out):
    pact: str = Field(description="Sleutel van het pact.")
    number: str = Field(description="Nummer van de actie binnen het pact.")
    title: str = Field(description="Titel.")
    text: str = Field(description="Volledige tekst.")
    action_line: str | None = Field(description="Sleutel van de actielijn.")
    theme: str = Field(description="Thema.")
    region: str | None = Field(description="Sleutel van de regio waar de actie over gaat.")
    ambition: str = Field(description="Ambitie.")
    leads: list[str] = Field(description="Sleutels van de trekkers (organisaties).")
    partners: list[str] = Field(description="Sleutels van de partners (organisaties).")
    lead_text: str = Field(description="De trekker zoals de bron die noemt.")
    lead_basis: LeadBasisValue = Field(description=f"Herkomst van de trekker. {labels(LeadBasis)}.")
    lead_quote: str = Field(description="De regel waaruit de trekker is afgeleid.")
    partners_text: str = Field(description="De partners zoals de bron die noemt.")
    sub_measures: list[SubMeasure] = Field(description="Deelmaatregelen.")
    operational_goals: list[OperationalGoal] = Field(description="Operationele doelen.")
    serves_actions: list[str] = Field(description="Acties (pact/nummer) waaraan deze bijdraagt.")
    serves_action_lines: list[str] = Field(
        description="Actielijnen (pact/sleutel) waaraan deze actie bijdraagt."
    )
    provenance: Provenance | None = Field(description="Herkomst.")


class Organisation(Out):
    key: str = Field(description="Sleutel.")
    name: str = Field(description="Naam.")
    short_name: str = Field(description="Korte naam.")
    sector: SectorValue = Field(description=f"Sector (de drie O's). {labels(Sector)}.")
    region: str | None = Field(description="Sleutel van de regio.")
    url: str = Field(description="Website.")
    alternative_names: list[str] = Field(description="Andere namen in de bronnen.")
    provenance: Provenance | None = Field(description="Herkomst.")


# --- Rounds and status updates --------------------------------------------------------------------


class Round(Out):
    code: str = Field(description="Code van de ronde.")
    name: str = Field(description="Naam.")
    pact: str = Field(description="Sleutel van het pact.")
    peildatum: datetime.date = Field(description="De datum waarop de statussen betrekking hebben.")
    peildatum_text: str = Field(description="De peildatum zoals de bron die schrijft.")
    published_at: datetime.datetime | None = Field(
        description="Moment van publicatie (ISO 8601, met tijdzone)."
    )


class Milestone(Out):
    date: datetime.date | None = date_field("Datum van de mijlpaal, als de bron die geeft.")
    date_text: str = Field(description="De datum zoals de bron die schrijft.")
    text: str = Field(description="De mijlpaal.")


class SourceLink(Out):
    title: str = Field(description="Omschrijving van de vindplaats.")
    url: str = Field(description="Adres van de vindplaats (leeg als er geen is).")


class EarlierVersion(Out):
    id: int = Field(description="Nummer van deze versie.")
    version: int = Field(description="Versienummer.")
    status: StatusValue = Field(description="Status in deze versie.")
    basis: BasisValue = Field(description="Grondslag van de status in deze versie.")
    narrative: str = Field(description="Stand van zaken in deze versie.")
    new: str = Field(description="Nieuw sinds de vorige ronde, in deze versie.")
    correction_reason: str = Field(description="Reden van de correctie (bij een correctie).")


class StatusUpdate(Out):
    id: int = Field(description="Nummer van de statusupdate.")
    round: str = Field(description="Code van de ronde.")
    pact: str = Field(description="Sleutel van het pact.")
    action: str = Field(description="Nummer van de actie.")
    sub_measure: str | None = Field(
        description="Letter van de deelmaatregel, als de update daarover gaat."
    )
    version: int = Field(description="Versienummer; hoger dan 1 na een correctie.")
    status: StatusValue = Field(description=f"Status (kleurcode). {labels(Status)}.")
    basis: BasisValue = Field(description=f"Grondslag van de status. {labels(Basis)}.")
    basis_quote: str = Field(description="Het citaat waaruit een afgeleide status blijkt.")
    narrative: str = Field(description="Stand van zaken.")
    new: str = Field(description="Nieuw sinds de vorige ronde.")
    correction_reason: str = Field(description="Reden van de correctie (bij een correctie).")
    supersedes: int | None = Field(description="Nummer van de versie die deze corrigeert.")
    milestones: list[Milestone] = Field(description="Mijlpalen.")
    sources: list[SourceLink] = Field(description="Vindplaatsen.")
    earlier_versions: list[EarlierVersion] = Field(
        description="Eerder gepubliceerde versies (bij een correctie), oudste eerst."
    )
    provenance: Provenance | None = Field(description="Herkomst.")


class StatusChange(Out):
    pact: str = Field(description="Sleutel van het pact.")
    action: str = Field(description="Nummer van de actie.")
    title: str = Field(description="Titel van de actie.")
    action_line: str | None = Field(description="Sleutel van de actielijn.")
    before: StatusValue = Field(description="Status in de eerdere ronde (samengevat per actie).")
    after: StatusValue = Field(description="Status in de latere ronde (samengevat per actie).")
    before_basis: BasisValue = Field(description="Grondslag in de eerdere ronde.")
    after_basis: BasisValue = Field(description="Grondslag in de latere ronde.")


class Comparison(PageBase):
    earlier: str = Field(description="Code van de eerdere ronde.")
    later: str = Field(description="Code van de latere ronde.")
    results: list[StatusChange] = Field(description="De acties waarvan de status veranderde.")


# --- Regions --------------------------------------------------------------------------------------


class Region(Out):
    key: str = Field(description="Sleutel.")
    name: str = Field(description="Naam.")
    kind: RegionKindValue = Field(description=f"Soort regio. {labels(RegionKind)}.")
    cbs_code: str | None = Field(
        description="De CBS-code (GM0106, PV22, CR12, AM01), als die er is."
    )
    parent: str | None = Field(description="Sleutel van de regio waar deze onder valt.")
    part_of: list[str] = Field(description="Regio's die deze regio ook geheel omvatten.")
    groupings: list[str] = Field(description="Regio's waarmee deze regio ook samenwerkt.")


class RegionResult(Out):
    action_line: str | None = Field(description="Sleutel van de actielijn.")
    region: str | None = Field(description="Sleutel van de provincie of subregio.")
    heading: str = Field(description="Kop.")
    text: str = Field(description="Tekst.")


class LandsdeelProfile(Out):
    landsdeel: str = Field(description="Sleutel van het landsdeel.")
    round: str = Field(description="Code van de ronde.")
    organisation: str = Field(description="Hoe het landsdeel georganiseerd is.")
    priorities: str = Field(description="Prioriteiten voor het komende jaar.")
    results: list[RegionResult] = Field(description="Belangrijkste resultaten.")
    provenance: Provenance | None = Field(description="Herkomst.")


# --- Indicators -----------------------------------------------------------------------------------


class Indicator(Out):
    key: str = Field(description="Sleutel.")
    name: str = Field(description="Naam.")
    unit: UnitValue = Field(description=f"Eenheid. {labels(Unit)}.")
    unit_text: str = Field(description="Eenheid in woorden.")
    measure: MeasureValue = Field(description=f"Soort grootheid. {labels(Measure)}.")
    description: str = Field(description="Omschrijving.")
    definition: str = Field(description="Hoe het cijfer berekend wordt.")
    is_headline: bool = Field(description="Of dit een kernindicator is.")


class Measurement(Out):
    id: int = Field(description="Nummer.")
    indicator: str = Field(description="Sleutel van de indicator.")
    region: str | None = Field(
        description="Sleutel van de regio (leeg als de bron die niet noemt)."
    )
    education_level: LevelValue | None = Field(
        description=f"Onderwijsniveau. {labels(EducationLevel)}."
    )
    year: int | None = Field(description="Jaar (leeg als de bron het niet noemt).")
    period_text: str = Field(description="De periode zoals de bron die schrijft.")
    dimensions: dict[str, str] = Field(description="Verdere uitsplitsing.")
    value: float | None = Field(
        description="Waarde; leeg bij een meting die de bron als bandbreedte of grens geeft."
    )
    lower: float | None = Field(description="Ondergrens, als de bron een bandbreedte geeft.")
    upper: float | None = Field(description="Bovengrens, als de bron een bandbreedte geeft.")
    bound_text: str = Field(
        description="De woorden van de bron bij een bandbreedte ('minder dan 20%', '10 à 12')."
    )
    note: str = Field(description="Toelichting.")
    provenance: Provenance | None = Field(description="Bron: het document en het citaat.")


class Target(Measurement):
    pass


class Observation(Measurement):
    numerator: float | None = Field(description="Teller, als de bron die geeft.")
    denominator: float | None = Field(description="Noemer, als de bron die geeft.")
    licence: str | None = Field(description="Licentie, als de bron die noemt.")
    dating: str = Field(description=f"Waar het jaar vandaan komt. {labels(Dating)}.")
    as_of: datetime.date | None = date_field(
        "Stand per (ISO 8601): de datum waarop het cijfer betrekking heeft."
    )
    as_of_text: str = Field(description="Waar die datum vandaan komt, in woorden.")
    comparable: bool = Field(description="Vergelijkbaar met de uitgangswaarde van de indicator.")
    comparability_note: str = Field(description="Waarom niet vergelijkbaar, als dat zo is.")


class Finding(Out):
    id: int = Field(description="Nummer.")
    text: str = Field(description="De bevinding, letterlijk uit het brondocument; geen cijfer.")
    region: str | None = Field(
        description="Sleutel van de regio (leeg als de bron die niet noemt)."
    )
    indicator: str | None = Field(description="Sleutel van de indicator waar het over gaat.")
    education_levels: list[LevelValue] = Field(
        description=f"Onderwijsniveaus waar het over gaat. {labels(EducationLevel)}."
    )
    year: int | None = Field(description="Het jaar van het document.")
    as_of: datetime.date | None = date_field(
        "Stand per (ISO 8601), als het document een dag geeft."
    )
    as_of_text: str = Field(description="Waar die datum vandaan komt, in woorden.")
    note: str = Field(description="Toelichting.")
    provenance: Provenance | None = Field(description="Herkomst.")


class FigureSource(Out):
    publisher: str = Field(description="Uitgever (bijvoorbeeld DUO).")
    table: str = Field(description="De tabel van de uitgever.")
    file_name: str = Field(description="Het ingelezen bestand.")
    licence: str = Field(description="Licentie van de bron.")
    licence_url: str = Field(description="Adres van de licentie.")


class SeriesPoint(Out):
    year: int = Field(description="Jaar.")
    value: float = Field(description="Waarde: een aandeel in procenten of een aantal.")
    numerator: float | None = Field(description="Teller (opgeteld over de regio).")
    denominator: float | None = Field(description="Noemer (opgeteld over de regio).")


class Series(Out):
    education_level: LevelValue | None = Field(description="Onderwijsniveau.")
    points: list[SeriesPoint] = Field(description="De cijfers per jaar.")


class IndicatorSeries(Out):
    indicator: str = Field(description="Sleutel van de indicator.")
    region: str = Field(description="Sleutel van de regio.")
    sources: list[FigureSource] = Field(description="De ingelezen bronbestanden.")
    series: list[Series] = Field(description="Een reeks per onderwijsniveau.")


# --- Initiatives ----------------------------------------------------------------------------------


class Initiative(Out):
    key: str = Field(description="Sleutel.")
    name: str = Field(description="Naam.")
    kind: InitiativeKindValue = Field(description=f"Soort initiatief. {labels(InitiativeKind)}.")
    description: str = Field(description="Omschrijving.")
    regions: list[str] = Field(description="Sleutels van de regio's.")
    institutions: list[str] = Field(description="Sleutels van de betrokken organisaties.")
    action_lines: list[str] = Field(description="Actielijnen (pact/sleutel).")
    education_levels: list[LevelValue] = Field(description="Onderwijsniveaus.")
    sectors: list[str] = Field(description="Sectoren.")
    start_year: int | None = Field(description="Startjaar.")
    url: str = Field(description="Website.")
    serves: list[str] = Field(description="Acties (pact/nummer) waaraan het bijdraagt.")
    provenance: Provenance | None = Field(description="Herkomst.")


def page_of(item: type[Out], name: str) -> type[PageBase]:
    """The page schema of a list: the links and counts, and the results. Built at run time, so
    each list names its own page in the document (``PactPage``); the type checker sees a
    ``PageBase``."""
    results: Any = list[item]  # type: ignore[valid-type]
    return type(
        name,
        (PageBase,),
        {
            "__annotations__": {"results": results},
            "results": Field(description="De resultaten op deze pagina."),
        },
    )


class Problem(Out):
    type: str = Field(description="Adres dat de soort fout beschrijft.")
    title: str = Field(description="Korte omschrijving van de soort fout.")
    status: int = Field(description="De HTTP-statuscode.")
    detail: str = Field(description="Wat er mis is, voor deze aanvraag.")
    instance: str | None = Field(None, description="Het adres van de aanvraag.")
    invalid_params: list[InvalidParamOut] | None = Field(
        None, description="Elke ongeldige parameter, met de reden."
    )


class InvalidParamOut(Out):
    name: str = Field(description="Naam van de parameter.")
    code: str = Field(description="Soort fout.")
    reason: str = Field(description="Waarom de waarde ongeldig is.")


Problem.model_rebuild()
