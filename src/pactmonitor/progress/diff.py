"""A word-level diff of two texts, for the review page (this round's text against the last).

Python's ``difflib.SequenceMatcher`` does the matching. Its cost grows with the product of the
two lengths in the worst case, so the work is bounded by diffing in levels: lines first, then
sentences within a changed block of lines, then words within a changed block of sentences.
A block is only taken down a level while it holds at most ``MAX_TOKENS`` pieces of the next
level; a larger block is shown whole as removed and added. So a 50,000-character narrative
with a few edits is still marked word by word where it changed, and two entirely different
long texts cost a few line comparisons, not millions of word comparisons.

The result is a list of ``Piece`` (same, added, removed). ``render_old`` and ``render_new``
turn it into the two columns of a side-by-side view: removed text in ``<del>``, added text in
``<ins>``, each with a hidden word ("verwijderd", "toegevoegd") for screen readers and in
print, so colour is never the only cue. The HTML is built here rather than in a template loop
because a long text has thousands of pieces and this stays a single ``join``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SAME, ADDED, REMOVED = "same", "added", "removed"

# The most pieces of the next level a changed block may hold to be diffed further, and the
# most pairs of pieces (len(a) × len(b), the matcher's worst case) one diff may compare in all.
MAX_TOKENS = 4000
MAX_WORK = 1_000_000

_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_SENTENCES = re.compile(r".*?(?:[.!?;:](?=\s)\s*|$)", re.DOTALL)
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # SAME, ADDED or REMOVED
    text: str


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCES.findall(text) if part]


SPLITTERS: tuple[Callable[[str], list[str]], ...] = (
    _LINES.findall,
    _sentences,
    _WORDS.findall,
)


def diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``, neighbours of one kind joined."""
    return _joined(_diff_level(old, new, 0, [MAX_WORK]))


def changed(pieces: Iterable[Piece]) -> bool:
    return any(piece.kind != SAME for piece in pieces)


def _diff_level(old: str, new: str, level: int, budget: list[int]) -> list[Piece]:
    split = SPLITTERS[level]
    a, b = split(old), split(new)
    budget[0] -= len(a) * len(b)
    # Below the top level no junk heuristic: it would treat frequent words ("de", "het") as
    # noise and match badly, and the level bound keeps those sequences short. The top level
    # (lines, unbounded) keeps it, so a text of many blank lines stays cheap.
    matcher = SequenceMatcher(None, a, b, autojunk=level == 0)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            pieces.append(Piece(SAME, removed))
        elif tag == "replace" and _can_go_down(removed, added, level, budget):
            pieces.extend(_diff_level(removed, added, level + 1, budget))
        else:
            if removed:
                pieces.append(Piece(REMOVED, removed))
            if added:
                pieces.append(Piece(ADDED, added))
    return pieces


def _can_go_down(removed: str, added: str, level: int, budget: list[int]) -> bool:
    """Whether a changed block is small enough, and work is left, to diff it a level finer."""
    if level + 1 >= len(SPLITTERS) or budget[0] <= 0:
        return False
    split = SPLITTERS[level + 1]
    a, b = len(split(removed)), len(split(added))
    return a + b <= MAX_TOKENS and a * b <= budget[0]


def _joined(pieces: list[Piece]) -> list[Piece]:
    joined: list[Piece] = []
    for piece in pieces:
        if joined and joined[-1].kind == piece.kind:
            joined[-1] = Piece(piece.kind, joined[-1].text + piece.text)
        elif piece.text:
            joined.append(piece)
    return joined


HIDDEN = '<span class="pm-visually-hidden">{}</span>'


def _marked(tag: str, label: str, text: str) -> str:
    opening, closing = HIDDEN.format(f"[{escape(label)}: "), HIDDEN.format("]")
    return f"<{tag}>{opening}{escape(text)}{closing}</{tag}>"


def render_old(pieces: Iterable[Piece]) -> SafeString:
    """The previous text with what was removed marked (``<del>``)."""
    removed = _("verwijderd")
    parts = (
        escape(p.text) if p.kind == SAME else _marked("del", removed, p.text)
        for p in pieces
        if p.kind != ADDED
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def render_new(pieces: Iterable[Piece]) -> SafeString:
    """The new text with what was added marked (``<ins>``)."""
    added = _("toegevoegd")
    parts = (
        escape(p.text) if p.kind == SAME else _marked("ins", added, p.text)
        for p in pieces
        if p.kind != REMOVED
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()
