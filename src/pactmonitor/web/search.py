"""One search box across everything public.

Initiatives are searched in the database through their folded search column. The other
registries are small (tens to hundreds of rows), so their texts are folded and matched in
Python with the same rule (every word a substring of the folded text): the same results on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pactmonitor.indicators.models import Indicator
from pactmonitor.initiatives.models import Initiative
from pactmonitor.initiatives.search import fold, matches, query_words
from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress.models import ReportingRound
from pactmonitor.regions.models import Region

LIMIT = 50


@dataclass
class Section:
    title: str
    hits: list  # objects with get_absolute_url and __str__

    @property
    def count(self) -> int:
        return len(self.hits)


def _in_python(objects, words: list[str], *fields: str) -> list:
    found = []
    for obj in objects:
        text = fold(" ".join(str(getattr(obj, f) or "") for f in fields))
        if matches(text, words):
            found.append(obj)
    return found


def search_everything(query: str) -> list[Section]:
    words = query_words(query)
    if not words:
        return []
    actions = (
        Action.objects.in_pact_order()
        .select_related("pact")
        .only("pact__key", "pact__name", "number", "title", "text", "ambition", "lead_text")
    )
    sections = [
        Section(
            _("Pacten"), _in_python(Pact.objects.all(), words, "name", "description", "parties")
        ),
        Section(_("Acties"), _in_python(actions, words, "title", "text", "ambition", "lead_text")),
        Section(_("Regio's"), _in_python(Region.objects.all(), words, "name")),
        Section(
            _("Indicatoren"), _in_python(Indicator.objects.all(), words, "name", "description")
        ),
        Section(_("Initiatieven"), list(Initiative.objects.search(query).order_by("name")[:LIMIT])),
        Section(
            _("Rapportagerondes"), _in_python(ReportingRound.objects.published(), words, "name")
        ),
    ]
    return [Section(s.title, s.hits[:LIMIT]) for s in sections if s.hits]
