"""Writing a bundled dataset into the database: idempotent, all-or-nothing, and kind to user edits.

Every record gets a stable ``dataset_key``. On a reload each record is compared with what the
dataset last put there (``dataset_fingerprint``, a hash of the loaded values):

- not in the database yet: created;
- unchanged since the last load: updated to the dataset's values (nothing is written when
  those did not change either, so loading twice changes nothing);
- changed by a user since the last load: left as the user made it, and counted as kept;
- a published status update whose dataset values changed: not overwritten, but corrected by a
  new version with the reason "bijgewerkt uit de gebundelde dataset".

Records that were removed from the dataset are not deleted. Everything happens in one
transaction: a problem anywhere leaves the database as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from django.db import models, transaction
from django.db.models.signals import m2m_changed
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from pactmonitor.downloads.services import request_after_publication
from pactmonitor.indicators.choices import Measure, Unit
from pactmonitor.indicators.models import Finding, Indicator, Observation, Target
from pactmonitor.initiatives.choices import ReviewState
from pactmonitor.initiatives.models import Initiative, PossiblySame
from pactmonitor.pacts.choices import LeadBasis
from pactmonitor.pacts.models import (
    Action,
    ActionLine,
    ContactPerson,
    OperationalGoal,
    Organisation,
    Pact,
    PactMilestone,
    SubMeasure,
)
from pactmonitor.progress.choices import ProfileState, RoundState, UpdateState
from pactmonitor.progress.models import (
    Milestone,
    RegionProfile,
    RegionResult,
    ReportingRound,
    Source,
    StatusUpdate,
)
from pactmonitor.progress.services import correct_update
from pactmonitor.provenance.models import Provenanced, SourceDocument
from pactmonitor.regions.models import Region

from .dataset import (
    ALTERNATIVE_NAMES,
    BUNDLED,
    DECLARATIONS,
    Dataset,
    DatasetError,
    Entry,
    quotes,
    read_dataset,
)

M = TypeVar("M", bound=Provenanced)

DATASET_CORRECTION = "Bijgewerkt uit de gebundelde dataset."

# Where a record is cited from; changing it alone never makes a new version of a status.
CITATION = ("provenance_document_id", "provenance_quote", "provenance_section")

# Fields a model gained after datasets were first loaded (see ``Writer.untouched``): the
# provenance's section on every model, and these on some.
EVERY_MODEL_ADDED = ("provenance_section",)
_BOUNDS = ("lower", "upper", "bound_text")
ADDED_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    RegionProfile: ("state",),
    Initiative: ("review_state",),
    Target: _BOUNDS,
    Observation: (
        *_BOUNDS,
        *("dating", "as_of", "as_of_text", "comparable", "comparability_note"),
    ),
}


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)  # edited by users; left alone

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged) | set(self.kept))
        lines = [
            f"{kind}: {self.created[kind]} new, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged, {self.kept[kind]} kept (edited in the app)"
            for kind in kinds
        ]
        return "\n".join(lines)


def load_dataset(directory: Path = BUNDLED) -> LoadReport:
    """Read, check and load a dataset folder; raise DatasetError before writing anything."""
    dataset = read_dataset(directory)
    with transaction.atomic():
        report = Writer(dataset).write()
        if report.created or report.updated:
            # What the dataset published or corrected is in the stored documents and the
            # open-data dump once the worker has made them again (after this commits).
            published = ReportingRound.objects.published().order_by("slug")
            request_after_publication(published.values_list("slug", flat=True))
        return report


def text(value: Any) -> str:
    """Text fields: whitespace tidied, never None."""
    if value is None:
        return ""
    return re.sub(r"[ \t]+", " ", str(value)).strip()


def _rep(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return value


def further_declarations(entry: Entry) -> dict[str, Any]:
    """A merged record's later declarations: other names, and each one's quote and fields."""
    evidence = [
        {
            "seed": str(d["provenance"].get("seed")),
            "section": text(d["provenance"].get("section")),
            "quote": text(d["provenance"].get("quote")),
            "fields": d["fields"],
        }
        for d in entry.get(DECLARATIONS) or []
        if isinstance(d.get("provenance"), dict)
    ]
    names = [text(n) for n in entry.get(ALTERNATIVE_NAMES) or []]
    return {"alternative_names": names, "further_evidence": evidence}


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _dating(item: dict) -> dict[str, Any]:
    """When a document figure holds, and whether it compares with its indicator's baseline."""
    return {
        "dating": item.get("dating") or ("stated" if item.get("year") else "not_given"),
        "as_of": item.get("as_of"),
        "as_of_text": text(item.get("as_of_text"))[:200],
        "comparable": item.get("comparable", True) is not False,
        "comparability_note": text(item.get("comparability_note")),
    }


def _seed(entry: Entry) -> str:
    return str((entry.get("provenance") or {}).get("seed"))


def fingerprint(values: dict[str, Any], m2m: dict[str, list[int]]) -> str:
    flat = {name: _rep(value) for name, value in values.items()}
    flat |= {name: sorted(ids) for name, ids in m2m.items()}
    return hashlib.sha256(json.dumps(flat, sort_keys=True, default=str).encode()).hexdigest()


def stored_fingerprint(obj: models.Model, values: dict[str, Any], m2m: dict[str, list[int]]) -> str:
    """The fingerprint of what the database holds now, over the same fields."""
    current = {name: getattr(obj, name) for name in values}
    current_m2m = {name: list(getattr(obj, name).values_list("pk", flat=True)) for name in m2m}
    return fingerprint(current, current_m2m)


class Writer:
    def __init__(self, dataset: Dataset):
        self.d = dataset
        self.report = LoadReport()
        self.documents: dict[str, SourceDocument] = {}
        self.regions: dict[str, Region] = {}
        self.organisations: dict[str, Organisation] = {}
        self.pacts: dict[str, Pact] = {}
        self.lines: dict[tuple[str, str], ActionLine] = {}
        self.actions: dict[tuple[str, str], Action] = {}
        self.sub_measures: dict[tuple[str, str, str], SubMeasure] = {}
        self.rounds: dict[str, ReportingRound] = {}
        self.indicators: dict[str, Indicator] = {}

    def write(self) -> LoadReport:
        self.write_documents()
        self.write_regions()
        self.write_organisations()
        self.write_pacts()
        self.write_rounds()
        self.write_updates()
        self.write_profiles()
        self.write_indicators()
        self.write_findings()
        self.write_initiatives()
        self.write_contacts()
        return self.report

    # The one way every record is written ----------------------------------------------------

    def upsert(
        self,
        model: type[M],
        key: str,
        values: dict[str, Any],
        entry: Entry | dict | None = None,
        m2m: dict[str, list[int]] | None = None,
    ) -> M:
        m2m = m2m or {}
        values = values | self.provenance(entry)
        wanted = fingerprint(values, m2m)
        # Counted by model name: a stable key, whatever language is active.
        kind = model._meta.model_name
        obj = model._default_manager.filter(dataset_key=key).first()
        if obj is None:
            obj = model(dataset_key=key, dataset_fingerprint=wanted, **values)
            obj.save()
            for name, ids in m2m.items():
                getattr(obj, name).set(ids)
            self.report.created[kind] += 1
            return obj
        if not self.untouched(obj, values, m2m):
            self.report.kept[kind] += 1
            return obj
        if obj.dataset_fingerprint == wanted:
            self.report.unchanged[kind] += 1
            return obj
        if isinstance(obj, StatusUpdate) and obj.is_frozen and self.says_more(obj, values):
            obj = cast(M, self.correct(obj, key, values, wanted))  # the new version stands for it
        elif isinstance(obj, StatusUpdate) and obj.is_frozen:
            # Only where it is cited from changed (a section named): not a new version of
            # what was published.
            citation = {name: value for name, value in values.items() if name in CITATION}
            StatusUpdate.objects.filter(pk=obj.pk).update(**citation, dataset_fingerprint=wanted)
            obj.refresh_from_db()
        else:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.dataset_fingerprint = wanted
            obj.save()
        for name, ids in m2m.items():
            getattr(obj, name).set(ids)
        self.report.updated[kind] += 1
        return obj

    @staticmethod
    def says_more(update: StatusUpdate, values: dict[str, Any]) -> bool:
        """The dataset's values differ from the published update in more than its citation."""
        return any(
            getattr(update, name) != value for name, value in values.items() if name not in CITATION
        )

    @staticmethod
    def untouched(obj: Any, values: dict[str, Any], m2m: dict[str, list[int]]) -> bool:
        """Nobody edited it since the last load: its fields hash to the fingerprint then stored.

        A record loaded before its model gained fields (``ADDED_FIELDS``) was fingerprinted
        without them; it counts as untouched when it matches over the older fields.
        """
        if stored_fingerprint(obj, values, m2m) == obj.dataset_fingerprint:
            return True
        for added in (EVERY_MODEL_ADDED, (*EVERY_MODEL_ADDED, *ADDED_FIELDS.get(type(obj), ()))):
            older = {name: value for name, value in values.items() if name not in added}
            if stored_fingerprint(obj, older, m2m) == obj.dataset_fingerprint:
                return True
        return False

    def correct(self, update: StatusUpdate, key: str, values: dict, wanted: str) -> StatusUpdate:
        changes = {
            name: value
            for name, value in values.items()
            if name in ("status", "basis", "basis_quote", "narrative", "new")
        }
        StatusUpdate.objects.filter(pk=update.pk).update(dataset_key=None)
        correction = correct_update(update, reason=DATASET_CORRECTION, **changes)
        StatusUpdate.objects.filter(pk=correction.pk).update(
            dataset_key=key,
            dataset_fingerprint=wanted,
            provenance_document=values.get("provenance_document"),
            provenance_quote=values.get("provenance_quote", ""),
            provenance_section=values.get("provenance_section", ""),
        )
        correction.refresh_from_db()
        return correction

    def provenance(self, entry: Entry | dict | None) -> dict[str, Any]:
        data = entry.data if isinstance(entry, Entry) else (entry or {})
        prov = data.get("provenance") or {}
        document = self.documents.get(str(prov.get("seed"))) if prov else None
        return {
            "provenance_document_id": document.pk if document else None,
            "provenance_quote": text(prov.get("quote")) if prov else "",
            "provenance_section": text(prov.get("section"))[:300] if prov else "",
        }

    # Kinds of records ------------------------------------------------------------------------

    def write_documents(self) -> None:
        # The `sources` list describes each seed; a file's own `source` block only fills in a
        # seed the list does not describe.
        entries = sorted(self.d.sources, key=lambda e: not e.path.startswith("sources["))
        for entry in entries:
            seed = str(entry.get("seed"))
            if seed in self.documents:
                continue
            self.documents[seed], _ = SourceDocument.objects.update_or_create(
                key=seed,
                defaults={
                    "file_name": entry.get("file") or "",
                    "title": text(entry.get("title"))[:300] or seed,
                    "date": entry.get("date"),
                    "date_text": text(entry.get("date_text"))[:200],
                },
            )

    def write_regions(self) -> None:
        """The whole region tree (four hundred regions and more) in a handful of queries.

        The same rules as ``upsert``, record by record (created, updated, unchanged, or kept
        when edited in the app), but written in bulk: rows level by level (a parent before its
        children), then the fingerprints and the ``groupings`` and ``part_of`` links at once.
        """
        entries = self.d.regions
        existing = {
            r.dataset_key: r for r in Region.objects.filter(dataset_key__startswith="region/")
        }
        links = self._region_links(existing.values())
        created: set[str] = set()
        for level in self._region_levels():
            new = []
            for key in level:
                obj = existing.get(f"region/{key}")
                if obj is None:
                    obj = Region(dataset_key=f"region/{key}", **self._region_values(key))
                    new.append(obj)
                    created.add(key)
                self.regions[key] = obj
            if new:
                bulk_create_with_history(new, Region)
        changed: list[Region] = []
        wanted_links: dict[int, dict[str, list[int]]] = {}
        for key, entry in entries.items():
            obj, values = self.regions[key], self._region_values(key)
            m2m = {
                name: [self.regions[k].pk for k in entry.get(name) or []]
                for name in ("groupings", "part_of")
            }
            wanted = fingerprint(values, m2m)
            if key in created:
                obj.dataset_fingerprint = wanted
                wanted_links[obj.pk] = m2m
                self.report.created["region"] += 1
                continue
            if not self._region_untouched(obj, values, links.get(obj.pk, {})):
                self.report.kept["region"] += 1
            elif obj.dataset_fingerprint == wanted:
                self.report.unchanged["region"] += 1
            else:
                for name, value in values.items():
                    setattr(obj, name, value)
                obj.dataset_fingerprint = wanted
                changed.append(obj)
                wanted_links[obj.pk] = m2m
                self.report.updated["region"] += 1
        new_rows = [self.regions[k] for k in created]
        Region.objects.bulk_update(new_rows, ["dataset_fingerprint"], batch_size=500)
        if changed:
            fields = [*self._region_values(next(iter(entries))), "dataset_fingerprint"]
            bulk_update_with_history(changed, Region, fields, batch_size=500)
        self._set_region_links(wanted_links)

    @staticmethod
    def _region_untouched(obj: Region, values: dict[str, Any], links: dict[str, list]) -> bool:
        """Nobody edited it since the last load: its fields hash to the fingerprint then stored.

        A region loaded before regions had a code and ``part_of`` was fingerprinted without
        them; it counts as untouched when it matches over those older fields.
        """
        current = {name: getattr(obj, name) for name in values}
        if fingerprint(current, links) == obj.dataset_fingerprint:
            return True
        current = {k: v for k, v in current.items() if k not in EVERY_MODEL_ADDED}
        if fingerprint(current, links) == obj.dataset_fingerprint:
            return True
        before = {k: v for k, v in current.items() if k != "code"}
        return fingerprint(before, {"groupings": links.get("groupings", [])}) == (
            obj.dataset_fingerprint
        )

    def _region_values(self, key: str) -> dict[str, Any]:
        entry = self.d.regions[key]
        parent = self.regions.get(entry.get("parent"))
        values = {
            "key": key,
            "name": text(entry.get("name")) or key,
            "kind": entry.get("kind"),
            "code": entry.get("code") or None,
            "parent_id": parent.pk if parent else None,
            "grouping_note": text(entry.get("grouping_note")),
        }
        return values | self.provenance(entry)

    def _region_levels(self) -> list[list[str]]:
        """Region keys by depth in the main tree: every parent in an earlier level."""
        depth: dict[str, int] = {}

        def level(key: str) -> int:
            if key not in depth:
                depth[key] = 0  # the checker has refused circles; this only ends the walk
                parent = self.d.regions[key].get("parent")
                depth[key] = level(parent) + 1 if parent in self.d.regions else 0
            return depth[key]

        levels: dict[int, list[str]] = {}
        for key in self.d.regions:
            levels.setdefault(level(key), []).append(key)
        return [levels[n] for n in sorted(levels)]

    @staticmethod
    def _region_links(regions: Any) -> dict[int, dict[str, list[int]]]:
        """What the database holds now: region id → {"groupings": [...], "part_of": [...]}."""
        ids = [r.pk for r in regions]
        found: dict[int, dict[str, list[int]]] = {i: {"groupings": [], "part_of": []} for i in ids}
        for name in ("groupings", "part_of"):
            through = getattr(Region, name).through
            pairs = through.objects.filter(from_region_id__in=ids)
            for source, target in pairs.values_list("from_region_id", "to_region_id"):
                found[source][name].append(target)
        return found

    @staticmethod
    def _set_region_links(wanted: dict[int, dict[str, list[int]]]) -> None:
        if not wanted:
            return
        for name in ("groupings", "part_of"):
            through = getattr(Region, name).through
            through.objects.filter(from_region_id__in=list(wanted)).delete()
            rows = [
                through(from_region_id=source, to_region_id=target)
                for source, links in wanted.items()
                for target in links[name]
            ]
            through.objects.bulk_create(rows, batch_size=500)
            # Bulk writes send no signals: tell the listeners (page cache, roll-up snapshot)
            # once that the tree changed.
            m2m_changed.send(
                sender=through,
                instance=Region.objects.get(pk=next(iter(wanted))),
                action="post_add",
                reverse=False,
                model=Region,
                pk_set={t for links in wanted.values() for t in links[name]},
                using=through.objects.db,
            )

    def write_organisations(self) -> None:
        for key, entry in self.d.organisations.items():
            region = self.regions.get(entry.get("region"))
            self.organisations[key] = self.upsert(
                Organisation,
                f"organisation/{key}",
                {
                    "key": key,
                    "name": text(entry.get("name")),
                    "short_name": text(entry.get("short_name")),
                    "sector": entry.get("sector"),
                    "region_id": region.pk if region else None,
                    "url": entry.get("url") or "",
                }
                | further_declarations(entry),
                entry,
            )

    def write_pacts(self) -> None:
        # Parent pacts first, then the actions: an action that serves another is written after
        # it, so its links are part of what it was loaded with (and of its fingerprint).
        pending = list(self.d.pacts)
        while pending:
            ready = [e for e in pending if not e.get("parent") or e.get("parent") in self.pacts]
            if not ready:
                raise DatasetError([f"{e.where('parent')}: circular parent" for e in pending])
            for entry in ready:
                self.write_pact(entry)
                pending.remove(entry)
        actions: list[tuple[Pact, dict]] = [
            (self.pacts[e.get("key")], a) for e in self.d.pacts for a in e.get("actions") or []
        ]
        while actions:
            ready_actions = [
                (p, a)
                for p, a in actions
                if all(self.serve_target(s) for s in a.get("serves") or [])
            ]
            if not ready_actions:
                raise DatasetError(
                    [
                        f"pact {p.key} action {a.get('number')}: serves in a circle"
                        for p, a in actions
                    ]
                )
            for pact, data in ready_actions:
                self.write_action(pact, data)
                actions.remove((pact, data))

    def serve_target(self, serve: dict) -> bool:
        if serve.get("action") is None:
            return True
        return (serve["pact"], str(serve["action"])) in self.actions

    def write_pact(self, entry: Entry) -> None:
        key = entry.get("key")
        parent = self.pacts.get(entry.get("parent"))
        region = self.regions.get(entry.get("region"))
        pact = self.pacts[key] = self.upsert(
            Pact,
            f"pact/{key}",
            {
                "key": key,
                "name": text(entry.get("name")),
                "level": entry.get("level"),
                "parent_id": parent.pk if parent else None,
                "region_id": region.pk if region else None,
                "period_start": entry.get("period_start"),
                "period_end": entry.get("period_end"),
                "signed_on": entry.get("signed_on"),
                "parties": text(entry.get("parties")),
                "description": text(entry.get("description")),
                "note": text(entry.get("note")),
            },
            entry,
        )
        for position, item in enumerate(entry.get("planning") or []):
            self.upsert(
                PactMilestone,
                f"pact/{key}/planning/{position}",
                {
                    "pact_id": pact.pk,
                    "position": position,
                    "date": item.get("date"),
                    "date_text": text(item.get("date_text"))[:200],
                    "text": text(item.get("text")),
                    "note": text(item.get("note")),
                },
                item,
            )
        for order, line in enumerate(entry.get("action_lines") or []):
            self.lines[(key, line["key"])] = self.upsert(
                ActionLine,
                f"pact/{key}/line/{line['key']}",
                {
                    "pact_id": pact.pk,
                    "key": line["key"],
                    "name": text(line.get("name")),
                    "national_goal": text(line.get("national_goal")),
                    "order": order,
                    "contribution_note": "\n".join(
                        text(s.get("note")) for s in line.get("serves") or [] if s.get("note")
                    ),
                },
                line,
                m2m={
                    "contributes_to": sorted(
                        {
                            self.lines[(s["pact"], s["action_line"])].pk
                            for s in line.get("serves") or []
                        }
                    )
                },
            )

    def write_action(self, pact: Pact, data: dict) -> None:
        number = str(data["number"])
        line = self.lines.get((pact.key, data.get("action_line") or ""))
        region = self.regions.get(data.get("region") or "")
        serves = data.get("serves") or []
        base = f"pact/{pact.key}/action/{number}"
        action = self.actions[(pact.key, number)] = self.upsert(
            Action,
            base,
            {
                "pact_id": pact.pk,
                "number": number,
                "title": text(data.get("title"))[:500],
                "text": text(data.get("text")),
                "action_line_id": line.pk if line else None,
                "theme": text(data.get("theme"))[:300],
                "region_id": region.pk if region else None,
                "ambition": text(data.get("ambition")),
                "lead_text": text(data.get("lead_text")),
                "lead_basis": data.get("lead_basis") or LeadBasis.STATED,
                "lead_quote": " … ".join(text(q) for q in quotes(data.get("lead_quote"))),
                "partners_text": text(data.get("partners_text")),
                "note": text(data.get("note")),
                "serves_note": "\n".join(text(s.get("note")) for s in serves if s.get("note")),
            },
            data,
            m2m={
                "leads": [self.organisations[k].pk for k in data.get("leads") or []],
                "partners": [self.organisations[k].pk for k in data.get("partners") or []],
                "serves_actions": [
                    self.actions[(s["pact"], str(s["action"]))].pk
                    for s in serves
                    if s.get("action") is not None
                ],
                "serves_action_lines": [
                    self.lines[(s["pact"], s["action_line"])].pk
                    for s in serves
                    if s.get("action_line")
                ],
            },
        )
        for measure in data.get("sub_measures") or []:
            letter = str(measure["letter"])
            self.sub_measures[(pact.key, number, letter)] = self.upsert(
                SubMeasure,
                f"{base}/{letter}",
                {"action_id": action.pk, "letter": letter, "text": text(measure.get("text"))},
                measure if measure.get("provenance") else data,
            )
        for i, goal in enumerate(data.get("operational_goals") or []):
            self.upsert(
                OperationalGoal,
                f"{base}/goal/{i}",
                {
                    "action_id": action.pk,
                    "text": text(goal.get("text")),
                    "deadline": goal.get("deadline"),
                    "deadline_text": text(goal.get("deadline_text"))[:200],
                    "note": text(goal.get("note")),
                },
                goal if goal.get("provenance") else data,
            )

    def write_rounds(self) -> None:
        for entry in self.d.rounds:
            slug = str(entry.get("slug"))
            self.rounds[slug] = self.upsert(
                ReportingRound,
                f"round/{slug}",
                {
                    "pact_id": self.pacts[entry.get("pact")].pk,
                    "slug": slug,
                    "name": text(entry.get("name")) or slug,
                    "peildatum": entry.get("peildatum"),
                    "peildatum_text": text(entry.get("peildatum_text"))[:200],
                    "deadline": entry.get("deadline"),
                    "state": entry.get("state") or "published",
                },
                entry,
            )

    def write_updates(self) -> None:
        for entry in self.d.status_updates:
            pact, number, letter = (
                entry.get("pact"),
                str(entry.get("action")),
                entry.get("sub_measure"),
            )
            round = self.rounds[str(entry.get("round"))]
            action = self.actions[(pact, number)]
            measure = self.sub_measures[(pact, number, str(letter))] if letter is not None else None
            key = f"round/{round.slug}/{pact}/{number}" + (
                f"/{letter}" if letter is not None else ""
            )
            update = self.upsert(
                StatusUpdate,
                key,
                {
                    "round_id": round.pk,
                    "action_id": action.pk,
                    "sub_measure_id": measure.pk if measure else None,
                    "state": UpdateState.PUBLISHED if round.is_published else UpdateState.DRAFT,
                    "status": entry.get("status") or "onbekend",
                    "basis": entry.get("basis") or "unknown",
                    "basis_quote": text(entry.get("basis_quote")),
                    "narrative": text(entry.get("narrative")),
                    "new": text(entry.get("new")),
                },
                entry,
            )
            for i, milestone in enumerate(entry.get("milestones") or []):
                self.upsert(
                    Milestone,
                    f"{key}/milestone/{i}",
                    {
                        "update_id": update.pk,
                        "date": milestone.get("date"),
                        "date_text": text(milestone.get("date_text"))[:200],
                        "text": text(milestone.get("text")),
                    },
                    milestone if milestone.get("provenance") else entry,
                )
            for i, source in enumerate(entry.get("sources") or []):
                self.upsert(
                    Source,
                    f"{key}/source/{i}",
                    {
                        "update_id": update.pk,
                        "title": text(source.get("title")),
                        "url": source.get("url") or "",
                    },
                    source if source.get("provenance") else entry,
                )

    def write_profiles(self) -> None:
        for entry in self.d.region_profiles:
            region, slug = entry.get("region"), str(entry.get("round"))
            key = f"profile/{region}/{slug}"
            profile = self.upsert(
                RegionProfile,
                key,
                {
                    "region_id": self.regions[region].pk,
                    "round_id": self.rounds[slug].pk,
                    "organisation": text(entry.get("organisation")),
                    "priorities": text(entry.get("priorities")),
                    # The source documents' profiles are the published record of their round.
                    "state": ProfileState.PUBLISHED
                    if self.rounds[slug].state == RoundState.PUBLISHED
                    else ProfileState.DRAFT,
                },
                entry,
            )
            for i, result in enumerate(entry.get("results") or []):
                line = self.lines.get((self.d.national_pact or "", result.get("action_line")))
                subregion = self.regions.get(result.get("region"))
                self.upsert(
                    RegionResult,
                    f"{key}/result/{i}",
                    {
                        "profile_id": profile.pk,
                        "action_line_id": line.pk if line else None,
                        "subregion_id": subregion.pk if subregion else None,
                        "heading": text(result.get("heading"))[:300],
                        "text": text(result.get("text")),
                        "order": i,
                    },
                    result if result.get("provenance") else entry,
                )

    def write_indicators(self) -> None:
        indicators = self.indicators
        for key, entry in self.d.indicators.items():
            indicators[key] = self.upsert(
                Indicator,
                f"indicator/{key}",
                {
                    "key": key,
                    "name": text(entry.get("name")),
                    "unit": entry.get("unit") if entry.get("unit") in Unit.values else Unit.OTHER,
                    "unit_text": text(
                        entry.get("unit_text")
                        or (entry.get("unit") if entry.get("unit") not in Unit.values else "")
                    )[:100],
                    "description": text(entry.get("description")),
                    "definition": text(entry.get("definition")),
                    "measure": Measure.for_unit(entry.get("unit")),
                    "is_headline": bool(entry.get("headline", False)),
                },
                entry,
            )
        parts: Counter[tuple[str, str]] = Counter()
        seen: set[tuple[object, ...]] = set()
        for entry in [*self.d.indicators.values(), *self.d.indicator_parts]:
            key = entry.get("key")
            part = f"{entry.file}#{parts[(key, entry.file)]}"
            parts[(key, entry.file)] += 1
            for kind, model in (("targets", Target), ("observations", Observation)):
                for i, item in enumerate(entry.get(kind) or []):
                    # The same figure quoted by two documents (the national 40% goal) is one
                    # target; the first document's provenance stands.
                    identity = (
                        kind,
                        key,
                        item.get("region"),
                        item.get("education_level"),
                        item.get("year"),
                        json.dumps(item.get("dimensions") or {}, sort_keys=True),
                        *(_number(item.get(name)) for name in ("value", "lower", "upper")),
                    )
                    if identity in seen:
                        continue
                    seen.add(identity)
                    region = self.regions.get(item.get("region"))
                    self.upsert(
                        model,
                        f"indicator/{key}/{kind}/{part}/{i}",
                        {
                            "indicator_id": indicators[key].pk,
                            "region_id": region.pk if region else None,
                            "education_level": item.get("education_level") or "",
                            "year": item.get("year"),
                            "period_text": text(item.get("period_text"))[:100],
                            "dimensions": item.get("dimensions") or {},
                            "value": _number(item.get("value")),
                            "lower": _number(item.get("lower")),
                            "upper": _number(item.get("upper")),
                            "bound_text": text(item.get("bound_text"))[:100],
                            "note": text(item.get("note")),
                        }
                        | (_dating(item) if model is Observation else {}),
                        item if item.get("provenance") else entry,
                    )

    def write_findings(self) -> None:
        numbered: Counter[str] = Counter()
        for entry in self.d.findings:
            seed = _seed(entry)
            number = numbered[seed]
            numbered[seed] += 1
            region = self.regions.get(entry.get("region") or "")
            indicator = self.indicators.get(entry.get("indicator") or "")
            self.upsert(
                Finding,
                # Numbered per seed: a finding added to one document leaves the others' keys.
                f"finding/{seed}/{number}",
                {
                    "text": text(entry.get("text")),
                    "region_id": region.pk if region else None,
                    "indicator_id": indicator.pk if indicator else None,
                    "education_levels": list(entry.get("education_levels") or []),
                    "year": entry.get("year"),
                    "as_of": entry.get("as_of"),
                    "as_of_text": text(entry.get("as_of_text"))[:200],
                    "note": text(entry.get("note")),
                },
                entry,
            )

    def write_initiatives(self) -> None:
        written = {
            key: self.write_initiative(key, entry) for key, entry in self.d.initiatives.items()
        }
        for key, entry in self.d.initiatives.items():
            for link in entry.get("possibly_same") or []:
                other = written.get(link.get("initiative"))
                organisation = self.organisations.get(link.get("organisation"))
                target = link.get("initiative") or f"organisation/{link.get('organisation')}"
                self.upsert(
                    PossiblySame,
                    f"initiative/{key}/possibly-same/{target}",
                    {
                        "initiative_id": written[key].pk,
                        "other_id": other.pk if other else None,
                        "organisation_id": organisation.pk if organisation else None,
                        "reason": text(link.get("reason")),
                    },
                    entry,
                )

    def write_initiative(self, key: str, entry: Entry) -> Initiative:
        national = self.d.national_pact or ""  # no national pact: no lines to name
        lines = [
            self.lines[(national, k)].pk
            for k in entry.get("action_lines") or []
            if (national, k) in self.lines
        ]
        serves = [
            self.actions[(s["pact"], str(s["action"]))].pk
            for s in entry.get("serves") or []
            if s.get("action") is not None
        ]
        return self.upsert(
            Initiative,
            f"initiative/{key}",
            {
                "key": key,
                "name": text(entry.get("name"))[:300],
                "kind": entry.get("kind"),
                "description": text(entry.get("description")),
                "education_levels": Initiative.normalise_levels(
                    entry.get("education_levels") or []
                ),
                "sectors": [text(s) for s in entry.get("sectors") or []],
                "start_year": entry.get("start_year"),
                "url": entry.get("url") or "",
                # The source documents' initiatives are the public record: approved.
                "review_state": ReviewState.APPROVED,
            }
            | further_declarations(entry),
            entry,
            m2m={
                "regions": [self.regions[k].pk for k in entry.get("regions") or []],
                "institutions": [self.organisations[k].pk for k in entry.get("institutions") or []],
                "action_lines": lines,
                "serves": serves,
            },
        )

    def write_contacts(self) -> None:
        seen: Counter[str] = Counter()
        for entry in self.d.contact_persons:
            name = text(entry.get("name"))
            slug = re.sub(r"[^a-z0-9]+", "-", (name or text(entry.get("email"))).lower()).strip("-")
            seen[slug] += 1
            organisation = self.organisations.get(entry.get("organisation"))
            pact = self.pacts.get(entry.get("pact"))
            region = self.regions.get(entry.get("region"))
            self.upsert(
                ContactPerson,
                f"contact/{slug}/{seen[slug]}",
                {
                    "name": name,
                    "role": text(entry.get("role"))[:300],
                    "organisation_id": organisation.pk if organisation else None,
                    "pact_id": pact.pk if pact else None,
                    "region_id": region.pk if region else None,
                    "email": text(entry.get("email")),
                    "phone": text(entry.get("phone"))[:50],
                },
                entry,
            )
