"""The open-data dump: everything published, as tables of rows, with provenance.

Contact persons are personal data and never part of it; neither are unpublished rounds, their
updates and profiles, nor user accounts. Rows refer to each other by their public keys (a
region's key, "pact/number" for an action), not by database ids.

The JSON keeps every text exactly as written. The CSV files are meant to be opened in a
spreadsheet too, so a text that a spreadsheet would run as a formula (one starting with "=",
"+", "-", "@", a tab or a carriage return) gets a leading "'" there, by the OWASP rule for CSV
injection; a reader who needs the exact text takes it from the JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from django.db.models import Manager, Prefetch, QuerySet
from django.utils.html import strip_tags

from pactmonitor.indicators.models import Finding, Indicator, Observation, Target
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import (
    Action,
    ActionLine,
    OperationalGoal,
    Organisation,
    Pact,
    PactMilestone,
    SubMeasure,
    action_order,
)
from pactmonitor.progress.models import (
    REPORT_ORDER,
    Milestone,
    RegionProfile,
    RegionResult,
    ReportingRound,
    Source,
    StatusUpdate,
)
from pactmonitor.regions.models import Region


def action_ref(action: Action | None) -> str:
    return f"{action.pact.key}/{action.number}" if action else ""


def keys(related: Manager[Any]) -> str:
    return ";".join(sorted(str(obj.key) for obj in related.all()))


@dataclass(frozen=True)
class Table:
    name: str
    rows: Callable[[], QuerySet]
    columns: dict[str, Callable[[Any], Any]]
    # The lookup of the round a row belongs to, for tables that are per round.
    round_field: str = ""
    # Rows of the pact's records carry their source document and quote; bulk figures carry
    # their batch's source in their own columns.
    provenance: bool = True

    @property
    def column_names(self) -> list[str]:
        return [*self.columns, *(PROVENANCE if self.provenance else ())]


def _figures_of(model: type[Target] | type[Observation]) -> Callable[[], QuerySet]:
    return lambda: model.objects.order_by("indicator__name", "year").select_related(
        "indicator", "region", "provenance_document"
    )


PROVENANCE = {
    # The document as a reader names it (title and date), never its file name.
    "bron": lambda o: o.provenance_document.dated_title if o.provenance_document_id else "",
    # The part of the document the quote lies in ("Leren in de techniek, maatregel 14").
    "bron_sectie": lambda o: o.provenance_section,
    "bron_citaat": lambda o: strip_tags(o.provenance_quote),
}


def public_updates() -> QuerySet:
    return (
        StatusUpdate.objects.public()
        .in_report_order()
        .select_related("round", "action__pact", "sub_measure", "supersedes", "provenance_document")
    )


TABLES = [
    Table(
        "regios",
        lambda: Region.objects.select_related("parent", "provenance_document").prefetch_related(
            "groupings", "part_of"
        ),
        {
            "sleutel": lambda o: o.key,
            "naam": lambda o: o.name,
            "soort": lambda o: o.kind,
            "cbs_code": lambda o: o.code or "",
            "hoort_bij": lambda o: o.parent.key if o.parent else "",
            "ligt_ook_in": lambda o: keys(o.part_of),
            "werkt_ook_samen_met": lambda o: keys(o.groupings),
        },
    ),
    Table(
        "organisaties",
        lambda: Organisation.objects.select_related("region", "provenance_document"),
        {
            "sleutel": lambda o: o.key,
            "naam": lambda o: o.name,
            "korte_naam": lambda o: o.short_name,
            "sector": lambda o: o.sector,
            "regio": lambda o: o.region.key if o.region else "",
            "website": lambda o: o.url,
        },
    ),
    Table(
        "pacten",
        lambda: Pact.objects.select_related("parent", "region", "provenance_document"),
        {
            "sleutel": lambda o: o.key,
            "naam": lambda o: o.name,
            "niveau": lambda o: o.level,
            "draagt_bij_aan": lambda o: o.parent.key if o.parent else "",
            "regio": lambda o: o.region.key if o.region else "",
            "looptijd_van": lambda o: o.period_start,
            "looptijd_tot": lambda o: o.period_end,
            "ondertekend_op": lambda o: o.signed_on.isoformat() if o.signed_on else "",
            "partijen": lambda o: o.parties,
            "beschrijving": lambda o: o.description,
        },
    ),
    Table(
        "actielijnen",
        lambda: ActionLine.objects.in_pact_order().select_related("pact", "provenance_document"),
        {
            "pact": lambda o: o.pact.key,
            "sleutel": lambda o: o.key,
            "naam": lambda o: o.name,
            "landelijk_doel": lambda o: o.national_goal,
        },
    ),
    Table(
        "acties",
        lambda: (
            Action.objects.in_pact_order()
            .select_related("pact", "action_line", "region", "provenance_document")
            .prefetch_related(
                "leads", "partners", "serves_actions__pact", "serves_action_lines__pact"
            )
        ),
        {
            "actie": action_ref,
            "pact": lambda o: o.pact.key,
            "nummer": lambda o: o.number,
            "titel": lambda o: o.title,
            "tekst": lambda o: o.text,
            "actielijn": lambda o: o.action_line.key if o.action_line else "",
            "thema": lambda o: o.theme,
            "regio": lambda o: o.region.key if o.region else "",
            "ambitie": lambda o: o.ambition,
            "toelichting": lambda o: o.note,
            "trekkers": lambda o: keys(o.leads),
            "partners": lambda o: keys(o.partners),
            "trekker_volgens_bron": lambda o: o.lead_text,
            "trekker_afgeleid_uit": lambda o: o.lead_quote,
            "partners_volgens_bron": lambda o: o.partners_text,
            "draagt_bij_aan_acties": lambda o: ";".join(
                sorted(action_ref(a) for a in o.serves_actions.all())
            ),
            "draagt_bij_aan_actielijnen": lambda o: ";".join(
                sorted(f"{line.pact.key}/{line.key}" for line in o.serves_action_lines.all())
            ),
        },
    ),
    Table(
        "deelmaatregelen",
        lambda: SubMeasure.objects.order_by(*action_order("action__"), "letter").select_related(
            "action__pact", "provenance_document"
        ),
        {
            "actie": lambda o: action_ref(o.action),
            "letter": lambda o: o.letter,
            "tekst": lambda o: o.text,
        },
    ),
    Table(
        "operationele_doelen",
        lambda: OperationalGoal.objects.order_by(
            *action_order("action__"), "deadline"
        ).select_related("action__pact", "provenance_document"),
        {
            "actie": lambda o: action_ref(o.action),
            "doel": lambda o: o.text,
            "deadline": lambda o: o.deadline.isoformat() if o.deadline else "",
            "deadline_volgens_bron": lambda o: o.deadline_text,
            "toelichting": lambda o: o.note,
        },
    ),
    Table(
        "planning",
        lambda: PactMilestone.objects.order_by(
            "pact__level", "pact__name", "position"
        ).select_related("pact", "provenance_document"),
        {
            "pact": lambda o: o.pact.key,
            "volgorde": lambda o: o.position,
            "datum": lambda o: o.date.isoformat() if o.date else "",
            "datum_volgens_bron": lambda o: o.date_text,
            "omschrijving": lambda o: o.text,
            "toelichting": lambda o: o.note,
        },
    ),
    Table(
        "rondes",
        lambda: ReportingRound.objects.published().select_related("pact", "provenance_document"),
        {
            "code": lambda o: o.slug,
            "naam": lambda o: o.name,
            "pact": lambda o: o.pact.key,
            "peildatum": lambda o: o.peildatum.isoformat(),
            "peildatum_volgens_bron": lambda o: o.peildatum_text,
        },
        round_field="slug",
    ),
    Table(
        "statusupdates",
        public_updates,
        {
            "ronde": lambda o: o.round.slug,
            "actie": lambda o: action_ref(o.action),
            "deelmaatregel": lambda o: o.sub_measure.letter if o.sub_measure else "",
            "versie": lambda o: o.version,
            "status": lambda o: o.status,
            "grondslag": lambda o: o.basis,
            "citaat_grondslag": lambda o: o.basis_quote,
            "stand_van_zaken": lambda o: o.narrative,
            "nieuw": lambda o: o.new,
            "reden_correctie": lambda o: o.correction_reason,
        },
        round_field="round__slug",
    ),
    Table(
        "mijlpalen",
        lambda: (
            Milestone.objects.filter(update__in=public_updates())
            .order_by(*(f"update__{name}" for name in REPORT_ORDER), "date", "id")
            .select_related(
                "update__round",
                "update__action__pact",
                "update__sub_measure",
                "provenance_document",
            )
        ),
        {
            "ronde": lambda o: o.update.round.slug,
            "actie": lambda o: action_ref(o.update.action),
            "deelmaatregel": lambda o: o.update.sub_measure.letter if o.update.sub_measure else "",
            "datum": lambda o: o.date.isoformat() if o.date else "",
            "datum_volgens_bron": lambda o: o.date_text,
            "mijlpaal": lambda o: o.text,
        },
        round_field="update__round__slug",
    ),
    Table(
        "vindplaatsen",
        lambda: (
            Source.objects.filter(update__in=public_updates())
            .order_by(*(f"update__{name}" for name in REPORT_ORDER), "id")
            .select_related(
                "update__round",
                "update__action__pact",
                "update__sub_measure",
                "provenance_document",
            )
        ),
        {
            "ronde": lambda o: o.update.round.slug,
            "actie": lambda o: action_ref(o.update.action),
            "deelmaatregel": lambda o: o.update.sub_measure.letter if o.update.sub_measure else "",
            "omschrijving": lambda o: o.title,
            "adres": lambda o: o.url,
        },
        round_field="update__round__slug",
    ),
    Table(
        "landsdeelprofielen",
        lambda: (
            RegionProfile.objects.published()
            .in_landsdeel_order()
            .select_related("region", "round", "provenance_document")
        ),
        {
            "landsdeel": lambda o: o.region.key,
            "ronde": lambda o: o.round.slug,
            "organisatie": lambda o: o.organisation,
            "prioriteiten": lambda o: o.priorities,
        },
        round_field="round__slug",
    ),
    Table(
        "landsdeelresultaten",
        lambda: (
            RegionResult.objects.published()
            .in_landsdeel_order()
            .select_related(
                "profile__region",
                "profile__round",
                "action_line",
                "subregion",
                "provenance_document",
            )
        ),
        {
            "landsdeel": lambda o: o.profile.region.key,
            "ronde": lambda o: o.profile.round.slug,
            "actielijn": lambda o: o.action_line.key if o.action_line else "",
            "regio": lambda o: o.subregion.key if o.subregion else "",
            "kop": lambda o: o.heading,
            "tekst": lambda o: o.text,
        },
        round_field="profile__round__slug",
    ),
    Table(
        "indicatoren",
        lambda: Indicator.objects.select_related("provenance_document"),
        {
            "sleutel": lambda o: o.key,
            "naam": lambda o: o.name,
            "eenheid": lambda o: o.unit,
            "omschrijving": lambda o: o.description,
        },
    ),
    *[
        Table(
            name,
            _figures_of(model),
            {
                "indicator": lambda o: o.indicator.key,
                "regio": lambda o: o.region.key if o.region else "",
                "onderwijsniveau": lambda o: o.education_level,
                "jaar": lambda o: o.year,
                "periode_volgens_bron": lambda o: o.period_text,
                "uitsplitsing": lambda o: (
                    json.dumps(o.dimensions, ensure_ascii=False, sort_keys=True)
                    if o.dimensions
                    else ""
                ),
                "waarde": lambda o: o.value,
                # A range or bound ("minder dan 20%") has no exact value: its ends and words.
                "ondergrens": lambda o: o.lower,
                "bovengrens": lambda o: o.upper,
                "grens_volgens_bron": lambda o: o.bound_text,
                # When a document figure holds (metingen only; empty for streefwaarden).
                "datering": lambda o: getattr(o, "dating", ""),
                "stand_per": lambda o: getattr(o, "as_of", None),
                "stand_per_toelichting": lambda o: getattr(o, "as_of_text", ""),
                "vergelijkbaar_met_uitgangswaarde": lambda o: getattr(o, "comparable", ""),
                "niet_vergelijkbaar_omdat": lambda o: getattr(o, "comparability_note", ""),
                "toelichting": lambda o: o.note,
            },
        )
        for name, model in (("streefwaarden", Target), ("metingen", Observation))
    ],
    Table(
        "bevindingen",
        lambda: Finding.objects.order_by("region__key", "pk").select_related(
            "region", "indicator", "provenance_document"
        ),
        {
            "bevinding": lambda o: o.text,
            "regio": lambda o: o.region.key if o.region else "",
            "indicator": lambda o: o.indicator.key if o.indicator else "",
            "onderwijsniveaus": lambda o: ";".join(o.education_levels),
            "jaar": lambda o: o.year,
            "stand_per": lambda o: o.as_of,
            "stand_per_toelichting": lambda o: o.as_of_text,
            "toelichting": lambda o: o.note,
        },
    ),
    Table(
        "initiatieven",
        lambda: (
            Initiative.objects.public()
            .select_related("provenance_document")
            .prefetch_related(
                "regions",
                "institutions",
                Prefetch("action_lines", ActionLine.objects.in_pact_order()),
                Prefetch("serves", Action.objects.in_pact_order().select_related("pact")),
            )
        ),
        {
            "sleutel": lambda o: o.key,
            "naam": lambda o: o.name,
            "soort": lambda o: o.kind,
            "omschrijving": lambda o: o.description,
            "regios": lambda o: keys(o.regions),
            "instellingen": lambda o: keys(o.institutions),
            "actielijnen": lambda o: keys(o.action_lines),
            "onderwijsniveaus": lambda o: ";".join(o.education_levels.split()),
            "sectoren": lambda o: ";".join(o.sectors),
            "startjaar": lambda o: o.start_year,
            "website": lambda o: o.url,
            "draagt_bij_aan_acties": lambda o: ";".join(
                sorted(action_ref(a) for a in o.serves.all())
            ),
        },
    ),
]


def rows(table: Table, round_slug: str = "") -> Iterable[dict[str, Any]]:
    columns = table.columns | (PROVENANCE if table.provenance else {})
    queryset = table.rows()
    if round_slug:
        queryset = queryset.filter(**{table.round_field: round_slug})
    # In chunks, so a dump of millions of observations never sits in memory at once.
    for obj in queryset.iterator(chunk_size=2000):
        yield {name: get(obj) for name, get in columns.items()}


def round_tables() -> list[Table]:
    """The tables that are per round: what a round's own download holds."""
    return [table for table in TABLES if table.round_field]


DUMP_TITLE = "Pactmonitor open data"
DUMP_LICENCE = "CC0 1.0"
DUMP_NOTE = "Alles wat gepubliceerd is, met herkomst (bron en citaat). Zonder contactgegevens."


def write_json(
    handle: TextIO, tables: Iterable[Table], *, round_slug: str = "", title: str = DUMP_TITLE
) -> dict[str, int]:
    """Write the dump to ``handle`` row by row: memory does not grow with the data."""

    def put(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, default=str)

    handle.write(f'{{"titel": {put(title)}, "licentie": {put(DUMP_LICENCE)}, ')
    handle.write(f'"toelichting": {put(DUMP_NOTE)}, "tabellen": {{')
    counts: dict[str, int] = {}
    for position, table in enumerate(tables):
        handle.write(("," if position else "") + f"\n {put(table.name)}: [")
        count = 0
        for row in rows(table, round_slug):
            handle.write(("," if count else "") + "\n  " + put(row))
            count += 1
        handle.write("\n ]")
        counts[table.name] = count
    handle.write("\n}}\n")
    return counts


def export_json(path: Path) -> dict[str, int]:
    with path.open("w", encoding="utf-8") as handle:
        return write_json(handle, TABLES)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text a spreadsheet would read as a formula, prefixed with "'"; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(handle: TextIO, table: Table) -> int:
    """One table as CSV, texts neutralised for spreadsheets; the number of rows."""
    writer = csv.DictWriter(handle, fieldnames=table.column_names)
    writer.writeheader()
    count = 0
    for row in rows(table):
        writer.writerow({name: spreadsheet_safe(value) for name, value in row.items()})
        count += 1
    return count


def export_csv(directory: Path) -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        with (directory / f"{table.name}.csv").open("w", newline="", encoding="utf-8") as handle:
            counts[table.name] = write_csv(handle, table)
    return counts
