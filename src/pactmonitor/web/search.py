"""One search box across everything public: actions (also by number, with or without their
pact), status narratives, milestones, indicators (name, definition, targets), initiatives,
organisations, regions, pacts and rounds.

Why an index in memory rather than the databases' full-text search: the product promises the
same results on SQLite and PostgreSQL and matches the *parts* of Dutch compounds ("techniek"
finds "Techniekpact"). FTS5 and PostgreSQL's Dutch configuration tokenise and stem differently
and match whole words or prefixes only, so they would give each database its own answers. The
public texts are small (a few thousand documents for the Techniekpact, tens of thousands for a
pact twenty times its size), so they are folded once (initiatives.search.fold) into an index kept
per process and matched with the same rule as the initiative finder: every word of the query
occurs in the folded text; a number must be a whole word ("13" does not find "2013").

The index belongs to one generation of the public page cache (core.pagecache) and one language:
a publication, correction or edit of anything public replaces the generation, and the next
search rebuilds the index from the database (one app server builds it, the others read it from
the shared cache). Only what the public pages show goes in: published, current updates of
published rounds; never contact persons.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from pactmonitor.core import pagecache
from pactmonitor.indicators.choices import Unit
from pactmonitor.indicators.models import Indicator, Target
from pactmonitor.initiatives.models import Initiative
from pactmonitor.initiatives.search import fold, query_words
from pactmonitor.pacts.choices import PactLevel
from pactmonitor.pacts.models import Action, Organisation, Pact
from pactmonitor.progress.models import Milestone, ReportingRound, StatusUpdate
from pactmonitor.regions.models import Region

from . import readmodels

logger = logging.getLogger(__name__)

LIMIT = 50

# Kinds, in the order their groups are shown when no hit is exact.
KINDS: dict[str, object] = {
    "action": gettext_lazy("Acties"),
    "indicator": gettext_lazy("Indicatoren"),
    "update": gettext_lazy("Voortgang per ronde"),
    "milestone": gettext_lazy("Mijlpalen"),
    "initiative": gettext_lazy("Initiatieven"),
    "organisation": gettext_lazy("Organisaties"),
    "pact": gettext_lazy("Pacten"),
    "region": gettext_lazy("Regio's"),
    "round": gettext_lazy("Rapportagerondes"),
}
# Words that only say "an action number follows": "actie 13", "maatregel 5".
NUMBER_WORDS = {"actie", "acties", "maatregel", "maatregelen", "nr", "nummer", "action"}
_NUMBER = re.compile(r"^\d+[a-z]?$")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")

# The same number in several pacts: the national pact's action first, then the landsdelen's.
LEVEL_RANK: dict[str, int] = {
    PactLevel.NATIONAL: 0,
    PactLevel.REGIONAL: 1,
    PactLevel.SUBREGIONAL: 2,
    PactLevel.ARRANGEMENT: 3,
}
# Scores: an exact number or value first, then a match in the title, then in the text.
EXACT, TITLE, TEXT = 100, 20, 10


@dataclass(frozen=True)
class Doc:
    """One public thing as the index holds it."""

    kind: str
    title: str
    url: str
    text: str  # folded, " word word " (spaces at both ends)
    title_text: str  # the folded title, same form
    badge: str = ""  # the status or value a reader came for
    badge_status: str = ""  # a Status value, for the coloured badge
    detail: str = ""  # where it belongs: the pact, the round
    numbers: tuple[str, ...] = ()  # actions: the folded number and its sub-measures' ("10d")
    pact_text: str = ""  # actions: the folded name and key of the pact
    rank: int = 0  # actions: the pact's level, national first, for the same number in many pacts
    # Indicators in percent: (target value, has a target year), for a query such as "40%".
    percents: tuple[tuple[float, bool], ...] = ()
    order: int = 0


@dataclass
class Hit:
    doc: Doc
    score: int

    # The template reads a hit like the objects it used to list.
    def get_absolute_url(self) -> str:
        return self.doc.url

    def __str__(self) -> str:
        return self.doc.title


@dataclass
class Section:
    kind: str
    title: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0

    @property
    def count(self) -> int:
        return self.total

    @property
    def best(self) -> int:
        return max((h.score for h in self.hits), default=0)


# --- The query -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    words: list[str]  # every folded word, all must match the text
    numbers: list[str]  # words that may be an action number
    percents: list[float]  # "40%" → 40.0


def parse(query: str) -> Query:
    words = query_words(query)
    found = [m.group(1) for m in _PERCENT.finditer(query)]
    percents = [float(p.replace(",", ".")) for p in found]
    in_percents = {word for p in found for word in query_words(p)}
    numbers = [w for w in words if _NUMBER.match(w) and w not in in_percents]
    return Query(words, numbers, percents)


def _contains(text: str, word: str) -> bool:
    """A number is a whole word ("13" is not in "2013"); other words may be parts of compounds."""
    if word[0].isdigit():
        return f" {word} " in text
    return word in text


def _matches(text: str, words: Iterable[str]) -> bool:
    return all(_contains(text, w) for w in words)


def _number_hit(doc: Doc, q: Query) -> bool:
    """'13', 'actie 13', 'Oost 18': the action numbered so, in a pact the other words name."""
    if doc.kind != "action" or not doc.numbers:
        return False
    for number in q.numbers:
        if number not in doc.numbers:
            continue
        rest = [w for w in q.words if w != number and w not in NUMBER_WORDS]
        if _matches(doc.pact_text, rest):
            return True
    return False


def score(doc: Doc, q: Query) -> int:
    """How well ``doc`` answers ``q``; 0 when it does not."""
    if _number_hit(doc, q):
        return EXACT - doc.rank
    dated = [dated for value, dated in doc.percents if value in q.percents]
    if dated and _matches(doc.text, [w for w in q.words if not w[0].isdigit()]):
        return EXACT + (1 if any(dated) else 0)  # a target with a year is the pact's goal
    if q.percents and doc.kind == "indicator":
        return 0  # "55%" is a value in percent: an indicator counted in hours is no answer
    if not _matches(doc.text, q.words):
        return 0
    return TITLE if _matches(doc.title_text, q.words) else TEXT


def search_everything(query: str) -> list[Section]:
    """The hits for ``query``, grouped by kind; the group with the best hit first."""
    q = parse(query)
    if not q.words:
        return []
    found: dict[str, list[Hit]] = defaultdict(list)
    for doc in current_index():
        points = score(doc, q)
        if points:
            found[doc.kind].append(Hit(doc, points))
    sections = []
    for position, (kind, title) in enumerate(KINDS.items()):
        hits = sorted(found.get(kind, []), key=lambda h: (-h.score, h.doc.order))
        if hits:
            sections.append((position, Section(kind, str(title), hits[:LIMIT], len(hits))))
    sections.sort(key=lambda pair: (-pair[1].best, pair[0]))
    return [section for _, section in sections]


# --- The index -------------------------------------------------------------------------------

_lock = threading.Lock()
# (generation token, language) → documents. The labels in a document (statuses, kinds) are
# in the language of the page, so each language has its own index.
_indexes: dict[tuple[str, str], list[Doc]] = {}


def current_index() -> list[Doc]:
    """The index of the public texts now valid, built once per page-cache generation and
    language: kept in this process, and shared with the other app servers through the cache
    so that only one of them builds it."""
    generation = pagecache.current_generation()
    if generation is None:  # no cache to tell when the data changed: build afresh
        return build_index()
    key = (generation.token, get_language() or "nl")
    found = _indexes.get(key)
    if found is not None:
        return found
    with _lock:
        found = _indexes.get(key) or _shared(key)
        if found is None:
            found = build_index()
            _share(key, found)
        for old in [k for k in _indexes if k[0] != key[0]]:
            del _indexes[old]  # an earlier generation's index is never asked for again
        _indexes[key] = found
        return found


def _shared_key(key: tuple[str, str]) -> str:
    return f"pactmonitor:search-index:{key[0]}:{key[1]}"


def _shared(key: tuple[str, str]) -> list[Doc] | None:
    try:
        found = cache.get(_shared_key(key))
    except Exception:  # an unreadable cache only costs a rebuild
        logger.warning("search index: shared copy unreadable", exc_info=True)
        return None
    return found if isinstance(found, list) else None


def _share(key: tuple[str, str], docs: list[Doc]) -> None:
    try:
        cache.set(_shared_key(key), docs, pagecache.PAGE_TIMEOUT)
    except Exception:
        logger.warning("search index: cannot share the index", exc_info=True)


def _folded(*parts: object) -> str:
    folded = fold(" ".join(str(p) for p in parts if p))
    return f" {folded} "


def build_index() -> list[Doc]:
    """Every public thing as a document, in a fixed number of queries."""
    docs: list[Doc] = []
    statuses = _current_statuses()
    docs += _action_docs(statuses)
    docs += _update_docs()
    docs += _indicator_docs()
    docs += _initiative_docs()
    docs += _organisation_docs()
    docs += _pact_docs()
    docs += _region_docs()
    docs += _round_docs()
    # The build order is the order within a kind when scores tie.
    return [replace(doc, order=n) for n, doc in enumerate(docs, 1)]


def _current_statuses() -> dict[int, tuple[str, str, str]]:
    """action id → (status value, status label, round name) now (web.readmodels)."""
    actions = list(Action.objects.select_related("pact"))
    return {
        pk: (c.status.status, str(c.status.label), c.round.name)
        for pk, c in readmodels.current_statuses(actions).items()
    }


def _action_docs(statuses: dict[int, tuple[str, str, str]]) -> list[Doc]:
    actions = sorted(
        Action.objects.select_related("pact").prefetch_related("sub_measures", "operational_goals"),
        key=lambda a: (LEVEL_RANK.get(a.pact.level, 9), a.pact.name, a.position, a.pk),
    )
    docs = []
    for action in actions:
        pact = action.pact
        status, label, round_name = statuses.get(action.pk, ("onbekend", _("nog geen status"), ""))
        title = f"{pact.name} — {_('actie')} {action.number}: {action.title}"
        subs = list(action.sub_measures.all())
        sub_texts = [f"{action.number}{m.letter} {m.text}" for m in subs]
        goals = [g.text for g in action.operational_goals.all()]
        docs.append(
            Doc(
                kind="action",
                title=title,
                url=action.get_absolute_url(),
                text=_folded(
                    title, action.text, action.ambition, action.lead_text, *sub_texts, *goals
                ),
                title_text=_folded(title),
                badge=label,
                badge_status=status,
                detail=round_name,
                numbers=(fold(action.number), *(fold(f"{action.number}{m.letter}") for m in subs)),
                pact_text=_folded(pact.name, pact.key),
                rank=LEVEL_RANK.get(pact.level, len(LEVEL_RANK)),
            )
        )
    return docs


def _update_docs() -> list[Doc]:
    """The narratives and milestones of every public update."""
    updates = (
        StatusUpdate.objects.public()
        .select_related("action__pact", "sub_measure", "round")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("pk")))
        .order_by("-round__peildatum", "action__position", "pk")
    )
    docs = []
    for update in updates:
        action = update.action
        subject = f"{action.number}{update.sub_measure.letter if update.sub_measure else ''}"
        where = f"{action.pact.name} — {_('actie')} {subject}: {action.title}"
        title = f"{where} ({update.round.name})"
        url = action.get_absolute_url()
        status = update.get_status_display()
        docs.append(
            Doc(
                kind="update",
                title=title,
                url=url,
                text=_folded(title, update.narrative, update.new),
                title_text=_folded(title),
                badge=status,
                badge_status=update.status,
                detail=_excerpt(update.narrative),
            )
        )
        for milestone in update.milestones.all():
            label = f"{milestone.date_text or milestone.date or ''} {milestone.text}".strip()
            docs.append(
                Doc(
                    kind="milestone",
                    title=label,
                    url=url,
                    text=_folded(label, where),
                    title_text=_folded(label),
                    badge=status,
                    badge_status=update.status,
                    detail=title,
                )
            )
    return docs


def _excerpt(text: str, length: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + " …"


def _value_text(value: float, unit: str) -> str:
    shown = number_format(value, decimal_pos=None if value != int(value) else 0)
    return f"{shown}%" if unit == Unit.PERCENT else shown


def _target_text(target: Target, indicator: Indicator) -> str:
    value = _value_text(target.value, indicator.unit)
    if target.year:
        return _("streefwaarde %(value)s in %(year)s") % {"value": value, "year": target.year}
    return _("streefwaarde %(value)s") % {"value": value}


def _indicator_docs() -> list[Doc]:
    targets: dict[int, list[Target]] = defaultdict(list)
    for target in Target.objects.select_related("region").order_by("year", "pk"):
        targets[target.indicator_id].append(target)
    docs = []
    for indicator in Indicator.objects.order_by("name", "pk"):
        own = targets.get(indicator.pk, [])
        described = [
            " ".join([_value_text(t.value, indicator.unit), str(t.year or "")])
            + f" {t.get_education_level_display()}"
            for t in own
        ]
        badge = _target_text(own[-1], indicator) if own else ""
        docs.append(
            Doc(
                kind="indicator",
                title=indicator.name,
                url=indicator.get_absolute_url(),
                text=_folded(
                    indicator.name, indicator.description, indicator.definition, *described
                ),
                title_text=_folded(indicator.name),
                badge=badge,
                percents=tuple(
                    (t.value, bool(t.year)) for t in own if indicator.unit == Unit.PERCENT
                ),
            )
        )
    return docs


def _initiative_docs() -> list[Doc]:
    docs = []
    for initiative in Initiative.objects.public().order_by("name", "pk"):
        docs.append(
            Doc(
                kind="initiative",
                title=initiative.name,
                url=initiative.get_absolute_url(),
                text=initiative.search_text or _folded(initiative.name),
                title_text=_folded(initiative.name),
                badge=initiative.get_kind_display(),
            )
        )
    return docs


def _organisation_docs() -> list[Doc]:
    """Organisations by name; a hit leads to the first action it leads (there is no page of
    its own) and says how many it leads. Contact persons are never indexed."""
    organisations = Organisation.objects.prefetch_related(
        Prefetch("led_actions", queryset=Action.objects.select_related("pact").order_by("pk"))
    ).order_by("name", "pk")
    docs = []
    for organisation in organisations:
        led = list(organisation.led_actions.all())
        names = [organisation.name, organisation.short_name, *organisation.alternative_names]
        docs.append(
            Doc(
                kind="organisation",
                title=organisation.name,
                url=led[0].get_absolute_url() if led else organisation.url,
                text=_folded(*names),
                title_text=_folded(*names),
                badge=organisation.get_sector_display(),
                detail=_leads_text(len(led)),
            )
        )
    return docs


def _leads_text(count: int) -> str:
    if not count:
        return ""
    text = ngettext("trekker van %(count)d actie", "trekker van %(count)d acties", count)
    return text % {"count": count}


def _pact_docs() -> list[Doc]:
    return [
        Doc(
            kind="pact",
            title=pact.name,
            url=pact.get_absolute_url(),
            text=_folded(pact.name, pact.description, pact.parties),
            title_text=_folded(pact.name),
            badge=pact.get_level_display(),
        )
        for pact in Pact.objects.order_by("level", "name", "pk")
    ]


def _region_docs() -> list[Doc]:
    return [
        Doc(
            kind="region",
            title=region.name,
            url=region.get_absolute_url(),
            text=_folded(region.name, region.code),
            title_text=_folded(region.name),
            badge=region.get_kind_display(),
        )
        for region in Region.objects.order_by("kind", "name", "pk")
    ]


def _round_docs() -> list[Doc]:
    return [
        Doc(
            kind="round",
            title=round.name,
            url=round.get_absolute_url(),
            text=_folded(round.name, round.pact.name),
            title_text=_folded(round.name),
            badge=round.pact.name,
        )
        for round in ReportingRound.objects.published()
        .select_related("pact")
        .order_by("-peildatum", "pk")
    ]
