"""Reading a bundled dataset: YAML files in one folder, merged and checked before writing.

The format is described in docs/dataset.md. Reading never touches the database: it returns a
``Dataset`` whose lists hold plain dicts, each with the file and path it came from, or raises
``DatasetError`` listing every problem found (file, path, what is wrong).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactmonitor.core.yamlfiles import YAMLError, read_yaml
from pactmonitor.indicators.choices import Dating, EducationLevel
from pactmonitor.initiatives.choices import InitiativeKind
from pactmonitor.pacts.choices import ACTION_NUMBER_PATTERN, LeadBasis, PactLevel, Sector
from pactmonitor.progress.choices import Basis, RoundState, Status
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.official import official_regions

OPENDATA = Path(__file__).resolve().parent.parent / "datasets" / "opendata"

BUNDLED = Path(__file__).resolve().parent.parent / "datasets" / "techniekpact"

# Top-level keys whose entries are identified by a key and may be declared in several files.
KEYED = {"regions": "key", "organisations": "key", "indicators": "key", "initiatives": "key"}
LISTED = [
    "pacts",
    "rounds",
    "status_updates",
    "region_profiles",
    "contact_persons",
    "sources",
    "findings",
]
# A dataset that says ``official_regions: cbs-2019`` gets the official region tree of
# ``pactmonitor.regions.official`` merged into its regions (docs/dataset.md, "Regions").
OFFICIAL_TREES = ("cbs-2019",)


class DatasetError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Entry:
    """One record of the dataset, with where it was read."""

    data: dict[str, Any]
    file: str
    path: str

    def where(self, field_name: str = "") -> str:
        return f"{self.file}: {self.path}{'.' + field_name if field_name else ''}"

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


@dataclass
class Dataset:
    sources: list[Entry] = field(default_factory=list)
    regions: dict[str, Entry] = field(default_factory=dict)
    organisations: dict[str, Entry] = field(default_factory=dict)
    pacts: list[Entry] = field(default_factory=list)
    rounds: list[Entry] = field(default_factory=list)
    status_updates: list[Entry] = field(default_factory=list)
    region_profiles: list[Entry] = field(default_factory=list)
    indicators: dict[str, Entry] = field(default_factory=dict)
    # Indicator entries after the first one with the same key: their targets and observations.
    indicator_parts: list[Entry] = field(default_factory=list)
    initiatives: dict[str, Entry] = field(default_factory=dict)
    contact_persons: list[Entry] = field(default_factory=list)
    findings: list[Entry] = field(default_factory=list)
    official_regions: str | None = None

    @property
    def national_pact(self) -> str | None:
        """The key of the dataset's one national pact: the action lines that region results and
        initiatives name are its lines (docs/dataset.md)."""
        national = [e.get("key") for e in self.pacts if e.get("level") == PactLevel.NATIONAL]
        return national[0] if len(national) == 1 else None


def read_dataset(directory: Path = BUNDLED) -> Dataset:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise DatasetError([f"{directory}: no dataset files (*.yaml)"])
    dataset, problems = Dataset(), []
    for path in files:
        try:
            content = read_yaml(path.read_text(encoding="utf-8")) or {}
        except YAMLError as exc:
            problems.append(f"{path.name}: not valid YAML ({exc})".replace("\n", " "))
            continue
        if not isinstance(content, dict):
            problems.append(f"{path.name}: expected a mapping of top-level keys")
            continue
        _collect(dataset, content, path.name, problems)
    if not problems and dataset.official_regions:
        merge_official_regions(dataset, problems)
    if not problems:
        Checker(dataset, problems).check()
    if problems:
        raise DatasetError(problems)
    return dataset


def _collect(dataset: Dataset, content: dict, file: str, problems: list[str]) -> None:
    for key, value in content.items():
        if key == "source":
            dataset.sources.append(Entry(value, file, "source"))
            continue
        if key == "official_regions":
            if value not in OFFICIAL_TREES:
                problems.append(
                    f"{file}: official_regions: {value!r} is not one of {OFFICIAL_TREES}"
                )
            dataset.official_regions = value
            continue
        if key not in KEYED and key not in LISTED:
            problems.append(f"{file}: unknown top-level key {key!r}")
            continue
        if not isinstance(value, list):
            problems.append(f"{file}: {key}: expected a list")
            continue
        for i, item in enumerate(value):
            entry = Entry(item if isinstance(item, dict) else {}, file, f"{key}[{i}]")
            if not isinstance(item, dict):
                problems.append(f"{entry.where()}: expected a mapping")
            elif key in KEYED:
                _merge_keyed(dataset, key, entry, problems)
            else:
                getattr(dataset, key).append(entry)


def _merge_keyed(dataset: Dataset, kind: str, entry: Entry, problems: list[str]) -> None:
    """The same region/organisation/indicator/initiative may be declared in several files."""
    key = entry.get("key")
    if not key:
        problems.append(f"{entry.where('key')}: missing")
        return
    table = getattr(dataset, kind)
    first = table.get(key)
    if first is None:
        table[key] = entry
        return
    if kind == "indicators":
        dataset.indicator_parts.append(entry)
    given = []  # the fields this declaration adds: their evidence is its quote, not the first's
    for name, value in entry.data.items():
        if name in ("provenance", "targets", "observations"):
            continue
        if name not in first.data or first.data[name] in (None, "", []):
            first.data[name] = value
            given.append(name)
        elif isinstance(first.data[name], list) and isinstance(value, list):
            # Lists (regions, action lines, links) add up: each file says what its seed says.
            merged = _union(first.data[name], value)
            if len(merged) > len(first.data[name]):
                given.append(name)
            first.data[name] = merged
        elif name == "name":
            # The first file's name stands; another document's name is kept beside it.
            if _comparable(value) != _comparable(first.data[name]):
                names = first.data.setdefault(ALTERNATIVE_NAMES, [])
                if value not in names:
                    names.append(value)
        elif name in ("url", "description", "note", "grouping_note"):
            continue  # wording: the first file's stands (files are read in seed order)
        elif _comparable(first.data[name]) != _comparable(value):
            problems.append(
                f"{entry.where(name)}: {value!r} contradicts "
                f"{first.where(name)}: {first.data[name]!r}"
            )
    if kind != "indicators":  # indicator parts keep their own entries
        first.data.setdefault(DECLARATIONS, []).append(
            {"provenance": entry.get("provenance"), "fields": given, "file": entry.file}
        )


# Keys the reader adds to a merged record: every later declaration (its quote and the fields it
# gave) and the names other documents use for it. Not part of the file format.
DECLARATIONS = "_declarations"
ALTERNATIVE_NAMES = "_alternative_names"


def merge_official_regions(dataset: Dataset, problems: list[str]) -> None:
    """Add the official areas; one the dataset declares by its code keeps the dataset's key.

    What the dataset says of such a region stands; the official record fills in what it leaves
    out (name, kind, parent, provenance), and ``part_of`` lists add up.
    """
    claimed: dict[str, str] = {}
    entry: Entry | None
    for key, entry in dataset.regions.items():
        code = entry.get("code")
        if code in claimed:
            problems.append(f"{entry.where('code')}: {code} is already the code of {claimed[code]}")
        elif code:
            claimed[code] = key
    try:
        records = official_regions(claimed)
    except KeyError as exc:
        problems.append(f"official_regions: no region of the dataset has the code {exc.args[0]}")
        return
    for record in records:
        source = record.pop("_source")
        entry = dataset.regions.get(record["key"])
        if entry is None:
            where = f"opendata/regions/{source.file}"
            dataset.regions[record["key"]] = Entry(record, where, f"line {source.line}")
        elif entry.get("code") != record["code"]:
            problems.append(
                f"{entry.where('key')}: {record['key']!r} is the key of the official area "
                f"{record['code']}; give this region that code or another key"
            )
        else:
            for name, value in record.items():
                if name == "part_of":
                    entry.data[name] = _union(entry.get(name) or [], value)
                elif entry.data.get(name) in (None, "", []):
                    entry.data[name] = value


def _union(first: list, second: list) -> list:
    merged = list(first)
    for item in second:
        if item not in merged:
            merged.append(item)
    return merged


def _comparable(value: Any) -> Any:
    if isinstance(value, list):
        return sorted(map(str, value))
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip().lower()
    return value


class Checker:
    """Checks enumerations, required fields and references across the whole dataset."""

    def __init__(self, dataset: Dataset, problems: list[str]):
        self.d = dataset
        self.problems = problems
        self.seeds = {str(e.get("seed")) for e in dataset.sources if e.get("seed")}
        self.pacts = {e.get("key"): e for e in dataset.pacts}
        self.rounds = {str(e.get("slug")) for e in dataset.rounds}

    def problem(self, entry: Entry, field_name: str, message: str) -> None:
        self.problems.append(f"{entry.where(field_name)}: {message}")

    def check(self) -> None:
        walk_provenance(self)
        self.check_privacy()
        for entry in self.d.regions.values():
            self.choice(entry, "kind", RegionKind.values)
            self.region(entry, "parent", optional=True)
            for key in entry.get("groupings") or []:
                self.ref(entry, "groupings", key, self.d.regions, "region")
            for key in entry.get("part_of") or []:
                self.ref(entry, "part_of", key, self.d.regions, "region")
        self.check_containment()
        for entry in self.d.organisations.values():
            self.require(entry, "name")
            self.choice(entry, "sector", Sector.values)
            self.region(entry, "region", optional=True)
        for entry in self.d.pacts:
            self.check_pact(entry)
        for entry in self.d.rounds:
            self.require(entry, "slug")
            self.ref(entry, "pact", entry.get("pact"), self.pacts, "pact")
            self.date(entry, "peildatum", required=True)
            self.choice(entry, "state", RoundState.values, default=RoundState.PUBLISHED)
        for entry in self.d.status_updates:
            self.check_update(entry)
        for entry in self.d.region_profiles:
            self.region(entry, "region")
            self.round(entry)
            for i, result in enumerate(entry.get("results") or []):
                sub = Entry(result, entry.file, f"{entry.path}.results[{i}]")
                self.region(sub, "region", optional=True)
                self.require(sub, "text")
        for entry in [*self.d.indicators.values(), *self.d.indicator_parts]:
            self.check_indicator(entry)
        for entry in self.d.initiatives.values():
            self.require(entry, "name")
            self.choice(entry, "kind", InitiativeKind.values)
            for key in entry.get("regions") or []:
                self.ref(entry, "regions", key, self.d.regions, "region")
            for key in entry.get("institutions") or []:
                self.ref(entry, "institutions", key, self.d.organisations, "organisation")
            for level in entry.get("education_levels") or []:
                if level not in EducationLevel.values:
                    self.problem(
                        entry,
                        "education_levels",
                        f"{level!r} is not one of {', '.join(EducationLevel.values)}",
                    )
            for serve in entry.get("serves") or []:
                self.action_ref(entry, "serves", serve)
            for i, link in enumerate(entry.get("possibly_same") or []):
                self.check_possibly_same(
                    Entry(link, entry.file, f"{entry.path}.possibly_same[{i}]")
                )
        for entry in self.d.findings:
            self.check_finding(entry)
        for entry in self.d.contact_persons:
            if not (entry.get("name") or entry.get("email")):
                self.problem(entry, "name", "a contact person needs a name or an e-mail address")
            if entry.get("pact"):
                self.ref(entry, "pact", entry.get("pact"), self.pacts, "pact")
            self.region(entry, "region", optional=True)
            if entry.get("organisation"):
                self.ref(
                    entry,
                    "organisation",
                    entry.get("organisation"),
                    self.d.organisations,
                    "organisation",
                )

    def check_finding(self, entry: Entry) -> None:
        """A qualitative finding: its words, where and when; never a figure (docs/dataset.md)."""
        self.require(entry, "text")
        self.require(entry, "provenance")
        self.region(entry, "region", optional=True)
        if entry.get("indicator") is not None:
            self.ref(entry, "indicator", entry.get("indicator"), self.d.indicators, "indicator")
        for level in entry.get("education_levels") or []:
            if level not in EducationLevel.values:
                self.problem(
                    entry,
                    "education_levels",
                    f"{level!r} is not one of {', '.join(EducationLevel.values)}",
                )
        for name in FIGURE_FIELDS:
            if name in entry.data:
                self.problem(entry, name, "a finding is no figure: a figure is an observation")
        year = entry.get("year")
        if year is not None and not (isinstance(year, int) and 1900 < year < 2100):
            self.problem(entry, "year", f"expected a year, got {year!r}")
        self.date(entry, "as_of")

    def check_possibly_same(self, entry: Entry) -> None:
        """A "mogelijk dezelfde" link names one other initiative or organisation, and why."""
        self.require(entry, "reason")
        if bool(entry.get("initiative")) == bool(entry.get("organisation")):
            self.problem(entry, "initiative", "name either an initiative or an organisation")
        elif entry.get("initiative"):
            self.ref(entry, "initiative", entry.get("initiative"), self.d.initiatives, "initiative")
        else:
            self.ref(
                entry,
                "organisation",
                entry.get("organisation"),
                self.d.organisations,
                "organisation",
            )

    def check_containment(self) -> None:
        """No region may lie in itself through its parents and ``part_of`` (a circle)."""
        above = {
            key: [k for k in [e.get("parent"), *(e.get("part_of") or [])] if k in self.d.regions]
            for key, e in self.d.regions.items()
        }
        done: set[str] = set()

        def visit(key: str, path: tuple[str, ...]) -> None:
            if key in path:
                entry = self.d.regions[path[0]]
                self.problem(entry, "parent", f"lies in itself: {' → '.join((*path, key))}")
                return
            if key in done:
                return
            for up in above[key]:
                visit(up, (*path, key))
            done.add(key)

        for key in above:
            visit(key, ())

    def check_privacy(self) -> None:
        """Contact details live only in contact_persons: any other text is public."""
        details = set()
        for entry in self.d.contact_persons:
            details |= {str(entry.get(k)) for k in ("name", "email", "phone") if entry.get(k)}
        details = {d for d in details if len(d) > 5}

        def visit(node: Any, entry: Entry, path: str) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    visit(value, entry, f"{path}.{key}")
            elif isinstance(node, list):
                for i, item in enumerate(node):
                    visit(item, entry, f"{path}[{i}]")
            elif isinstance(node, str):
                for detail in details:
                    if detail in node:
                        self.problems.append(
                            f"{entry.file}: {path}: contains a contact person's details "
                            f"({detail!r}); those are never public"
                        )

        public = [e for e in all_entries(self.d) if e not in self.d.contact_persons]
        for entry in public:
            visit(entry.data, entry, entry.path)

    def check_pact(self, entry: Entry) -> None:
        self.require(entry, "key")
        self.require(entry, "name")
        self.choice(entry, "level", PactLevel.values)
        self.region(entry, "region", optional=True)
        if entry.get("parent"):
            self.ref(entry, "parent", entry.get("parent"), self.pacts, "pact")
        self.date(entry, "signed_on")
        lines = {line.get("key") for line in entry.get("action_lines") or []}
        for i, line in enumerate(entry.get("action_lines") or []):
            for serve in line.get("serves") or []:
                self.action_ref(
                    Entry(line, entry.file, f"{entry.path}.action_lines[{i}]"), "serves", serve
                )
        for i, item in enumerate(entry.get("planning") or []):
            planned = Entry(item, entry.file, f"{entry.path}.planning[{i}]")
            self.require(planned, "text")
            self.require(planned, "date_text")
            self.require(planned, "provenance")
            self.date(planned, "date")
        numbers = set()
        for i, action in enumerate(entry.get("actions") or []):
            sub = Entry(action, entry.file, f"{entry.path}.actions[{i}]")
            number = str(action.get("number", ""))
            if not number:
                self.problem(sub, "number", "missing")
            elif not re.match(ACTION_NUMBER_PATTERN, number):
                self.problem(
                    sub,
                    "number",
                    f"{number!r} is no action number (1 to 3 digits and at most one "
                    "lower-case letter, such as 12 or 3b)",
                )
            elif number in numbers:
                self.problem(sub, "number", f"action {number} appears twice in this pact")
            numbers.add(number)
            self.require(sub, "title")
            if action.get("action_line") and action["action_line"] not in lines:
                self.problem(
                    sub,
                    "action_line",
                    f"{action['action_line']!r} is not an action line of {entry.get('key')}",
                )
            self.region(sub, "region", optional=True)
            self.choice(sub, "lead_basis", LeadBasis.values, default=LeadBasis.STATED)
            if action.get("lead_basis") == LeadBasis.INFERRED and not action.get("lead_quote"):
                self.problem(sub, "lead_quote", "an inferred lead needs the line it was read from")
            for name in ("leads", "partners"):
                for key in action.get(name) or []:
                    self.ref(sub, name, key, self.d.organisations, "organisation")
            for j, goal in enumerate(action.get("operational_goals") or []):
                self.date(Entry(goal, entry.file, f"{sub.path}.operational_goals[{j}]"), "deadline")
            for serve in action.get("serves") or []:
                self.action_ref(sub, "serves", serve)
            letters = [str(m.get("letter")) for m in action.get("sub_measures") or []]
            if len(letters) != len(set(letters)):
                self.problem(sub, "sub_measures", "a letter appears twice")

    def check_update(self, entry: Entry) -> None:
        self.round(entry)
        self.choice(entry, "status", Status.values, default=Status.ONBEKEND)
        self.choice(entry, "basis", Basis.values, default=Basis.UNKNOWN)
        if entry.get("basis") == Basis.ASSESSED and not entry.get("basis_quote"):
            self.problem(entry, "basis_quote", "an assessed status needs the quote that shows it")
        if (
            entry.get("status", "onbekend") == Status.ONBEKEND
            and entry.get("basis", "unknown") != Basis.UNKNOWN
        ):
            self.problem(entry, "basis", "an unknown status has basis 'unknown'")
        action = self.action_ref(
            entry, "action", {"pact": entry.get("pact"), "action": entry.get("action")}
        )
        letter = entry.get("sub_measure")
        if action is not None and letter is not None:
            letters = {str(m.get("letter")) for m in action.get("sub_measures") or []}
            if str(letter) not in letters:
                self.problem(
                    entry,
                    "sub_measure",
                    f"action {entry.get('action')} has no sub-measure {letter!r}",
                )
        for i, milestone in enumerate(entry.get("milestones") or []):
            self.date(Entry(milestone, entry.file, f"{entry.path}.milestones[{i}]"), "date")

    def check_indicator(self, entry: Entry) -> None:
        if entry is self.d.indicators.get(entry.get("key")):
            self.require(entry, "unit")  # a unit outside Unit is kept as "other" with its text
        for kind in ("targets", "observations"):
            for i, item in enumerate(entry.get(kind) or []):
                sub = Entry(item, entry.file, f"{entry.path}.{kind}[{i}]")
                self.region(sub, "region", optional=True)
                level = item.get("education_level")
                if level is not None and level not in EducationLevel.values:
                    self.problem(
                        sub,
                        "education_level",
                        f"{level!r} is not one of {', '.join(EducationLevel.values)}",
                    )
                self.check_figure(sub, kind)
                year = item.get("year")
                if year is not None and not (isinstance(year, int) and 1900 < year < 2100):
                    self.problem(sub, "year", f"expected a year, got {year!r}")
                if item.get("dimensions") is not None and not isinstance(
                    item.get("dimensions"), dict
                ):
                    self.problem(sub, "dimensions", "expected a mapping")

    def check_figure(self, entry: Entry, kind: str) -> None:
        """A value, or a range's bounds; an observation's dating (docs/dataset.md)."""
        bounds = [name for name in ("lower", "upper") if entry.get(name) is not None]
        for name in ("value", *bounds):
            if name == "value" and entry.get(name) is None and bounds and kind == "observations":
                continue  # a range has its bounds and no exact value
            if not _is_number(entry.get(name)):
                self.problem(entry, name, f"expected a number, got {entry.get(name)!r}")
        if bounds and not entry.get("bound_text"):
            self.problem(entry, "bound_text", "a range keeps the source's words")
        if kind == "observations":
            self.choice(entry, "dating", Dating.values, default=Dating.STATED)
            self.date(entry, "as_of")
            if not isinstance(entry.get("comparable", True), bool):
                self.problem(entry, "comparable", "expected true or false")
            if entry.get("comparable") is False and not entry.get("comparability_note"):
                self.problem(entry, "comparability_note", "say why it is not comparable")

    # Field checks -------------------------------------------------------------------------

    def require(self, entry: Entry, name: str) -> None:
        if entry.get(name) in (None, ""):
            self.problem(entry, name, "missing")

    def choice(
        self, entry: Entry, name: str, allowed: list[str], default: str | None = None
    ) -> None:
        value = entry.get(name, default)
        if value not in allowed:
            self.problem(entry, name, f"{value!r} is not one of {', '.join(allowed)}")

    def date(self, entry: Entry, name: str, required: bool = False) -> None:
        value = entry.get(name)
        if value is None:
            if required:
                self.problem(entry, name, "missing")
        elif not isinstance(value, datetime.date):
            self.problem(entry, name, f"expected a date as YYYY-MM-DD, got {value!r}")

    def ref(self, entry: Entry, name: str, key: Any, table: dict, kind: str) -> None:
        if key not in table:
            self.problem(entry, name, f"unknown {kind} {key!r}")

    def region(self, entry: Entry, name: str, optional: bool = False) -> None:
        key = entry.get(name)
        if key is None and optional:
            return
        self.ref(entry, name, key, self.d.regions, "region")

    def round(self, entry: Entry) -> None:
        if str(entry.get("round")) not in self.rounds:
            self.problem(entry, "round", f"unknown round {entry.get('round')!r}")

    def action_ref(self, entry: Entry, name: str, ref: dict) -> dict | None:
        pact = self.pacts.get(ref.get("pact"))
        if pact is None:
            self.problem(entry, name, f"unknown pact {ref.get('pact')!r}")
            return None
        if ref.get("action") is not None:
            for action in pact.get("actions") or []:
                if str(action.get("number")) == str(ref.get("action")):
                    return action
            self.problem(entry, name, f"pact {ref.get('pact')} has no action {ref.get('action')!r}")
        elif ref.get("action_line") is not None:
            if ref["action_line"] not in {
                line.get("key") for line in pact.get("action_lines") or []
            }:
                self.problem(
                    entry, name, f"pact {ref.get('pact')} has no action line {ref['action_line']!r}"
                )
        return None


# What a figure has and a finding never does.
FIGURE_FIELDS = ("value", "lower", "upper", "bound_text", "unit", "numerator", "denominator")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def walk_provenance(checker: Checker) -> None:
    """Every record names a known seed and a quote."""

    def visit(node: Any, entry: Entry, path: str) -> None:
        if isinstance(node, dict):
            prov = node.get("provenance")
            if prov is not None:
                if not isinstance(prov, dict) or not prov.get("quote"):
                    checker.problems.append(
                        f"{entry.file}: {path}.provenance: needs seed and quote"
                    )
                elif str(prov.get("seed")) not in checker.seeds:
                    checker.problems.append(
                        f"{entry.file}: {path}.provenance.seed: unknown seed {prov.get('seed')!r}"
                    )
            for key, value in node.items():
                if key != "provenance":
                    visit(value, entry, f"{path}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                visit(item, entry, f"{path}[{i}]")

    for entry in all_entries(checker.d):
        visit(entry.data, entry, entry.path)


# Fields besides provenance that hold exact excerpts of the record's seed (one or a list).
QUOTED_FIELDS = ("basis_quote", "lead_quote")


def quotes(value: Any) -> list[str]:
    """A quote field as a list of excerpts: one string, a list of them, or nothing."""
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def normalise_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quote_problems(dataset: Dataset, seeds_dir: Path) -> list[str]:
    """Every provenance quote (and basis quote, lead quote and finding's text) that does not
    occur in its seed document.

    Whitespace is normalised on both sides; nothing else may differ.
    """
    seeds = {
        p.name[:3]: normalise_whitespace(p.read_text(encoding="utf-8"))
        for p in seeds_dir.glob("*.txt")
    }
    seeds |= opendata_documents(dataset)
    problems: list[str] = []

    def visit(node: Any, where: str, seed: str | None) -> None:
        if isinstance(node, dict):
            prov = node.get("provenance")
            if isinstance(prov, dict):
                seed = str(prov.get("seed"))
                if normalise_whitespace(str(prov.get("quote"))) not in seeds.get(seed, ""):
                    problems.append(f"{where}: {str(prov.get('quote'))[:60]!r} not in seed {seed}")
            for name in QUOTED_FIELDS:
                for quote in quotes(node.get(name)):
                    if normalise_whitespace(quote) not in seeds.get(seed or "", ""):
                        problems.append(f"{where}: {name} {quote[:60]!r} not in seed {seed}")
            for key, value in node.items():
                visit(value, f"{where}.{key}", seed)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                visit(item, f"{where}[{i}]", seed)

    for entry in all_entries(dataset):
        visit(entry.data, entry.where(), None)
    for entry in dataset.findings:
        # A finding is the source's own words: its whole text is found in its seed.
        seed = str((entry.get("provenance") or {}).get("seed"))
        if normalise_whitespace(str(entry.get("text") or "")) not in seeds.get(seed, ""):
            problems.append(
                f"{entry.where('text')}: {str(entry.get('text'))[:60]!r} not in seed {seed}"
            )
    return problems


def opendata_documents(dataset: Dataset) -> dict[str, str]:
    """The text of each bundled open-data file a source names (``opendata: regions/x.csv``).

    Its quotes are source rows, checked against the bundled copy as seed quotes are against
    the seeds.
    """
    found = {}
    for entry in dataset.sources:
        if entry.get("opendata"):
            path = OPENDATA / entry.get("opendata")
            text = path.read_text(encoding=entry.get("encoding") or "utf-8")
            found[str(entry.get("seed"))] = normalise_whitespace(text)
    return found


def all_entries(dataset: Dataset) -> list[Entry]:
    d = dataset
    return [
        *d.regions.values(), *d.organisations.values(), *d.pacts, *d.rounds, *d.status_updates,
        *d.region_profiles, *d.indicators.values(), *d.indicator_parts, *d.initiatives.values(),
        *d.contact_persons, *d.findings,
    ]  # fmt: skip
