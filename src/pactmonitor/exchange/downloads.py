"""The open-data downloads of the site, made once per publication by the background job
(``pactmonitor.downloads``) and served from storage: never built during a request.

One edition holds:

* ``pactmonitor.json``: the whole dump, written row by row (memory does not grow with the data);
* ``pactmonitor-csv.zip``: every table as CSV with its CSVW metadata;
* ``tabellen/<table>.csv`` and ``tabellen/<table>.csv-metadata.json`` (CSVW: column names,
  types and Dutch titles), beside each other as CSVW's "metadata next to the file" asks;
* ``rondes/<round>.json``: one published round's updates, milestones, sources and profiles;
* ``catalogus.jsonld``: a DCAT-AP-NL catalogue of all of the above, for data.overheid.nl;
* ``overzicht.json``: what the open-data page lists (title, licence) for each file.

Licences: the pact's own data (the registry, the rounds, the seed figures quoted from the pact
documents) is CC0; the region table carries CBS codes (CC BY 4.0, "Bron: CBS"); imported
indicator figures keep the licence their batch was imported under (DUO: CC0).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from pactmonitor.indicators.choices import BatchState
from pactmonitor.indicators.models import Figure, ImportBatch
from pactmonitor.progress.models import ReportingRound

from .opendata import TABLES, Table, round_tables, write_csv, write_json

JSON_NAME = "pactmonitor.json"
ZIP_NAME = "pactmonitor-csv.zip"
CATALOGUE_NAME = "catalogus.jsonld"
OVERVIEW_NAME = "overzicht.json"
ZIP_DATE = (2014, 1, 1, 0, 0, 0)  # fixed entry times: the same data gives the same zip


@dataclass(frozen=True)
class Licence:
    name: str
    url: str
    attribution: str = ""


CC0 = Licence("CC0 1.0", "http://creativecommons.org/publicdomain/zero/1.0/deed.nl")
CBS = Licence("CC BY 4.0", "http://creativecommons.org/licenses/by/4.0/deed.nl", "Bron: CBS")
# Tables whose content is not (only) the pact's own: the region codes are CBS's.
TABLE_LICENCES = {"regios": CBS}

# CSVW datatypes of the columns that are not text (https://www.w3.org/TR/tabular-metadata/).
DATATYPES = {
    "versie": "integer",
    "jaar": "integer",
    "startjaar": "integer",
    "looptijd_van": "integer",
    "looptijd_tot": "integer",
    "waarde": "number",
    "teller": "number",
    "noemer": "number",
    "peildatum": "date",
    "datum": "date",
    "deadline": "date",
    "ondertekend_op": "date",
}
TITLES = {"cbs_code": "CBS-code", "bron_citaat": "Citaat uit de bron", "adres": "Webadres"}


def figure_licence(batch: ImportBatch) -> Licence:
    attribution = f"Bron: {batch.publisher}" if batch.publisher else ""
    return Licence(batch.licence or "onbekend", batch.licence_url, attribution)


def figure_tables() -> list[tuple[Table, Licence]]:
    """One table per recipe of the imported figures in use, under its batch's licence."""
    batches = ImportBatch.objects.filter(state=BatchState.ACTIVE).order_by("recipe", "-pk")
    tables, seen = [], set()
    for batch in batches:
        if batch.recipe in seen:
            continue
        seen.add(batch.recipe)

        def rows(recipe: str = batch.recipe) -> QuerySet:
            return (
                Figure.objects.in_use()
                .filter(batch__recipe=recipe)
                .select_related("indicator", "region", "batch")
                .order_by("pk")
            )

        columns = {
            "indicator": lambda o: o.indicator.key,
            "regio": lambda o: o.region.key,
            "cbs_code": lambda o: o.region.code or "",
            "vestiging": lambda o: o.location,
            "jaar": lambda o: o.year,
            "onderwijsniveau": lambda o: o.education_level,
            "teller": lambda o: o.numerator,
            "noemer": lambda o: o.denominator,
            "bron": lambda o: f"{o.batch.publisher}: {o.batch.table_name} ({o.batch.file_name})",
        }
        name = "cijfers_" + batch.recipe.replace("-", "_")
        tables.append((Table(name, rows, columns, provenance=False), figure_licence(batch)))
    return tables


def all_tables() -> list[tuple[Table, Licence]]:
    return [(table, TABLE_LICENCES.get(table.name, CC0)) for table in TABLES] + figure_tables()


def csvw_metadata(table: Table, licence: Licence) -> dict[str, Any]:
    """CSVW metadata (JSON-LD) for ``tabellen/<table>.csv``: names, Dutch titles and types."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "nl"}],
        "url": f"{table.name}.csv",
        "dc:title": title(table.name),
        "dc:license": {"@id": licence.url} if licence.url else licence.name,
        "dc:publisher": "Pactmonitor",
        "tableSchema": {
            "columns": [
                {
                    "name": column,
                    "titles": {"nl": TITLES.get(column, title(column))},
                    "datatype": DATATYPES.get(column, "string"),
                    "null": "",
                }
                for column in table.column_names
            ]
        },
    }


def title(name: str) -> str:
    return name.replace("cijfers_", "cijfers ").replace("_", " ").capitalize()


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def file_url(name: str) -> str:
    return site_url(reverse("downloads:file", args=[name]))


# --- Producing an edition ---------------------------------------------------------------------


def write_open_data(subject: str, folder: Path) -> None:
    """Every open-data file into ``folder`` (the job's staging folder)."""
    tables = all_tables()
    overview: list[dict[str, Any]] = []
    with (folder / JSON_NAME).open("w", encoding="utf-8") as handle:
        write_json(handle, [table for table, _ in tables])
    overview.append(_entry(JSON_NAME, "Alles in één bestand (JSON)", "alles", _dump_licence()))
    (folder / "tabellen").mkdir()
    for table, licence in tables:
        _write_table(folder / "tabellen", table, licence)
        overview.append(_entry(f"tabellen/{table.name}.csv", title(table.name), "tabel", licence))
        overview.append(
            _entry(f"tabellen/{table.name}.csv-metadata.json", "CSVW", "metadata", licence)
        )
    _write_zip(folder / ZIP_NAME, folder / "tabellen")
    overview.insert(1, _entry(ZIP_NAME, "Alle tabellen (CSV, ZIP)", "alles", _dump_licence()))
    (folder / "rondes").mkdir()
    for round in ReportingRound.objects.published().order_by("peildatum", "slug"):
        with (folder / "rondes" / f"{round.slug}.json").open("w", encoding="utf-8") as handle:
            write_json(handle, round_tables(), round_slug=round.slug, title=round.name)
        overview.append(_entry(f"rondes/{round.slug}.json", round.name, "ronde", CC0))
    (folder / OVERVIEW_NAME).write_text(json.dumps(overview, ensure_ascii=False, indent=1))
    catalogue = dcat_catalogue(folder, overview)
    (folder / CATALOGUE_NAME).write_text(json.dumps(catalogue, ensure_ascii=False, indent=1))


def _dump_licence() -> Licence:
    """The whole dump mixes licences: it is CC0 where nothing else is said, per table below."""
    return Licence("CC0 1.0, per tabel zie overzicht", CC0.url)


def _entry(name: str, label: str, kind: str, licence: Licence) -> dict[str, Any]:
    return {"name": name, "title": label, "kind": kind, "licence": asdict(licence)}


def _write_table(directory: Path, table: Table, licence: Licence) -> None:
    with (directory / f"{table.name}.csv").open("w", newline="", encoding="utf-8") as handle:
        write_csv(handle, table)
    metadata = csvw_metadata(table, licence)
    (directory / f"{table.name}.csv-metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def _write_zip(target: Path, directory: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.iterdir()):
            info = zipfile.ZipInfo(path.name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            with path.open("rb") as source, archive.open(info, "w") as entry:
                while chunk := source.read(1 << 16):
                    entry.write(chunk)


# --- The DCAT-AP-NL catalogue -------------------------------------------------------------------

EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
FILE_TYPES = {".json": "JSON", ".jsonld": "JSON_LD", ".csv": "CSV", ".zip": "ZIP"}
MEDIA_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv",
    ".zip": "application/zip",
}


def dcat_catalogue(folder: Path, overview: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The catalogue as DCAT-AP-NL JSON-LD: one dataset, a distribution per file."""
    page = site_url(reverse("web:open_data"))
    distributions = []
    for entry in overview:
        name = entry["name"]
        if name.endswith("-metadata.json"):
            continue  # the CSVW metadata describes its CSV; it is found beside it
        suffix = Path(name).suffix
        licence = entry["licence"]
        distributions.append(
            {
                "@id": file_url(name),
                "@type": "dcat:Distribution",
                "dct:title": entry["title"],
                "dcat:accessURL": {"@id": page},
                "dcat:downloadURL": {"@id": file_url(name)},
                "dcat:mediaType": MEDIA_TYPES.get(suffix, "application/octet-stream"),
                "dct:format": {"@id": EU_FILE_TYPE + FILE_TYPES.get(suffix, "BIN")},
                "dcat:byteSize": (folder / name).stat().st_size,
                "dct:license": {"@id": licence["url"]} if licence["url"] else licence["name"],
                **({"dct:rights": licence["attribution"]} if licence["attribution"] else {}),
                **(
                    {"dct:conformsTo": {"@id": file_url(f"{name}-metadata.json")}}
                    if suffix == ".csv"
                    else {}
                ),
            }
        )
    publisher = {
        "@type": "foaf:Agent",
        "foaf:name": settings.PACTMONITOR_DATA_PUBLISHER,
    }
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": site_url(reverse("downloads:file", args=[CATALOGUE_NAME])),
        "@type": "dcat:Catalog",
        "dct:title": {"@language": "nl", "@value": "Pactmonitor open data"},
        "dct:description": {"@language": "nl", "@value": DESCRIPTION},
        "dct:publisher": publisher,
        "dct:language": {"@id": LANGUAGE},
        "foaf:homepage": {"@id": page},
        "dcat:dataset": [
            {
                "@id": page + "#dataset",
                "@type": "dcat:Dataset",
                "dct:identifier": page + "#dataset",
                "dct:title": {"@language": "nl", "@value": "Voortgang van de pactafspraken"},
                "dct:description": {"@language": "nl", "@value": DESCRIPTION},
                "dct:publisher": publisher,
                "dcat:contactPoint": {
                    "@type": "vcard:Organization",
                    "vcard:fn": settings.PACTMONITOR_DATA_PUBLISHER,
                    "vcard:hasURL": {"@id": page},
                },
                "dct:language": {"@id": LANGUAGE},
                "dcat:theme": {"@id": THEME},
                "dct:accessRights": {"@id": PUBLIC_ACCESS},
                "dct:license": {"@id": CC0.url},
                "dcat:landingPage": {"@id": page},
                "dcat:keyword": ["techniekpact", "onderwijs", "techniek", "voortgang"],
                "dcat:distribution": distributions,
            }
        ],
    }


DESCRIPTION = (
    "Alles wat de Pactmonitor gepubliceerd heeft: pacten, actielijnen, acties, organisaties, "
    "rondes met hun statusupdates, mijlpalen en vindplaatsen, landsdeelprofielen, regio's, "
    "indicatoren met streefwaarden en metingen, en initiatieven. Elke regel met zijn herkomst. "
    "Zonder contactgegevens."
)
LANGUAGE = "http://publications.europa.eu/resource/authority/language/NLD"
THEME = "http://standaarden.overheid.nl/owms/terms/Onderwijs_en_wetenschap"
PUBLIC_ACCESS = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
