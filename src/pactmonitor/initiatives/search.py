"""Dutch full-text search that behaves the same on SQLite and PostgreSQL.

Text is *folded* — lower case, accents removed ("Bèta" → "beta"), everything that is not a
letter or digit turned into a space — and stored as " token token " in a plain column. A query is
folded the same way and each of its words must occur as a substring of that column, so a word
also matches the parts of a compound ("techniek" finds "Techniekpact"). Both databases compare
the same ASCII lower-case strings with LIKE, so they return the same rows.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """'Bèta-Techniek Pact!' → 'beta techniek pact'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def search_column(*parts: str) -> str:
    """The stored form: the folded parts with a space at both ends."""
    folded = fold(" ".join(p for p in parts if p))
    return f" {folded} " if folded else ""


def query_words(query: str) -> list[str]:
    """The words of a query, folded; duplicates dropped, order kept."""
    return list(dict.fromkeys(fold(query).split()))


def matches(folded_text: str, words: list[str]) -> bool:
    """The in-memory twin of the database filter, for small lists searched in Python."""
    return all(word in folded_text for word in words)
