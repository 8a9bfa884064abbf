"""The sections of a source document, so a source is cited as "title, section: quote".

``sources.yaml`` gives each seed's table of contents: ``sections``, in document order, each a
``title`` (how a reader names the part: "Landsdeel Noord, prioriteiten komend jaar") and
``starts`` (an exact excerpt with which that part begins). A quote lies in the last section
that starts before it. Every ``provenance`` of the dataset names its ``section``;
``scripts/check_dataset.py`` checks it against the seed, and ``scripts/fill_dataset_sections.py``
writes it for quotes that lack one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dataset import Dataset, all_entries, normalise_whitespace


@dataclass(frozen=True)
class Contents:
    """One seed's text and where each of its sections starts in it."""

    text: str  # whitespace normalised
    starts: list[int]
    titles: list[str]

    @classmethod
    def build(cls, text: str, sections: list[dict]) -> tuple[Contents, list[str]]:
        """The contents, and a problem for each section start not found after the one before."""
        text = normalise_whitespace(text)
        starts, titles, problems, at = [], [], [], 0
        for i, section in enumerate(sections):
            found = text.find(normalise_whitespace(str(section.get("starts", ""))), at)
            if found < 0:
                problems.append(
                    f"sections[{i}] {section.get('title')!r}: its start "
                    f"{str(section.get('starts'))[:50]!r} is not in the seed after the one before"
                )
                continue
            starts.append(found)
            titles.append(str(section.get("title")))
            at = found + 1
        return cls(text, starts, titles), problems

    def sections_of(self, quote: str) -> list[str]:
        """The title of every section the quote occurs in (a quote may occur more than once)."""
        found, needle = [], normalise_whitespace(quote)
        for m in re.finditer(re.escape(needle), self.text) if needle else []:
            i = bisect.bisect_right(self.starts, m.start()) - 1
            title = self.titles[i] if i >= 0 else ""
            if title not in found:
                found.append(title)
        return found


def section_problems(dataset: Dataset, seeds_dir: Path) -> list[str]:
    """Each seed's contents found in it; every quote of a seed with contents names its section."""
    problems: list[str] = []
    contents: dict[str, Contents] = {}
    for entry in dataset.sources:
        if entry.get("sections") and entry.path.startswith("sources["):
            path = seeds_dir / str(entry.get("file"))
            built, found = Contents.build(path.read_text(encoding="utf-8"), entry.get("sections"))
            contents[str(entry.get("seed"))] = built
            problems += [f"{entry.where()}.{problem}" for problem in found]

    def visit(node: Any, where: str) -> None:
        if isinstance(node, dict):
            prov = node.get("provenance")
            if isinstance(prov, dict) and str(prov.get("seed")) in contents:
                known = contents[str(prov.get("seed"))].sections_of(str(prov.get("quote")))
                if not prov.get("section"):
                    problems.append(f"{where}.provenance: names no section (it lies in {known})")
                elif known and prov["section"] not in known:
                    problems.append(
                        f"{where}.provenance.section: {prov['section']!r}, but the quote lies "
                        f"in {known}"
                    )
            for key, value in node.items():
                visit(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                visit(item, f"{where}[{i}]")

    for entry in all_entries(dataset):
        visit(entry.data, entry.where())
    return problems
