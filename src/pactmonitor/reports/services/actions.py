"""A row per action (its status, sub-measures, narrative, milestones and sources), grouped by
action line and by pact."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from pactmonitor.pacts.models import Action, Pact
from pactmonitor.progress.choices import Basis
from pactmonitor.progress.models import StatusUpdate
from pactmonitor.progress.rollup import roll_up_updates

from ..documents import ActionLineSection, ActionRow, Link, PactSection, SubMeasureRow
from ..formatting import blocks, dutch_date, plain
from .statuses import mark


def _milestones(update: StatusUpdate) -> list[str]:
    """Dated milestones; those the narrative already says in the same words are left out."""
    told = " ".join(plain(update.narrative).split())
    found = []
    for m in sorted(update.milestones.all(), key=lambda m: (m.date is None, m.date, m.id)):
        text = plain(m.text)
        if text and text in told:
            continue
        when = m.date_text or dutch_date(m.date)
        found.append(f"{when}: {text}" if when and not text.startswith(when) else text)
    return found


def _sources(update: StatusUpdate) -> list[Link]:
    return [Link(plain(s.title), s.url) for s in sorted(update.sources.all(), key=lambda s: s.id)]


def _owners(action: Action) -> str:
    leads = sorted(str(o) for o in action.leads.all())
    return ", ".join(leads) or plain(action.lead_text)


def _deadline(action: Action) -> str:
    goals = sorted(
        action.operational_goals.all(), key=lambda g: (g.deadline is None, g.deadline, g.id)
    )
    return "; ".join(
        g.deadline_text or dutch_date(g.deadline) for g in goals if g.deadline_text or g.deadline
    )


def _quote(update: StatusUpdate | None) -> str:
    """The words an assessed status was read from: shown, so the reader can judge it."""
    if update is None or update.basis != Basis.ASSESSED:
        return ""
    return plain(update.basis_quote)


def _correction(update: StatusUpdate | None) -> str:
    """A corrected status says so, with its version and the reason given for the correction."""
    if update is None or update.version < 2:
        return ""
    reason = plain(update.correction_reason)
    return f"gecorrigeerd (versie {update.version})" + (f": {reason}" if reason else "")


def _own_text(action: Action) -> str:
    """The action's full text, unless it only repeats its title and lettered sub-measures."""
    text = plain(action.text)
    subs = [plain(s.text)[:60] for s in action.sub_measures.all()]
    if not text or text == plain(action.title) or (subs and all(s in text for s in subs)):
        return ""
    return text


def action_row(action: Action, updates: list[StatusUpdate]) -> ActionRow:
    rolled = roll_up_updates(action, updates)
    own = next((u for u in updates if u.sub_measure_id is None), None)
    by_sub = {u.sub_measure_id: u for u in updates if u.sub_measure_id is not None}
    row = ActionRow(
        number=action.number,
        title=plain(action.title),
        text=_own_text(action),
        mark=mark(rolled.status, rolled.basis, rolled.reason),
        reported=bool(updates),
        owners=_owners(action),
        deadline=_deadline(action),
    )
    for sub in action.sub_measures.all():
        update = by_sub.get(sub.id)
        row.sub_measures.append(
            SubMeasureRow(
                letter=sub.letter,
                text=plain(sub.text),
                mark=mark(update.status, update.basis) if update else None,
                basis_quote=_quote(update),
                correction=_correction(update),
                narrative=blocks(update.narrative) if update else [],
                new=blocks(update.new) if update else [],
                milestones=_milestones(update) if update else [],
                sources=_sources(update) if update else [],
            )
        )
    if own is not None:
        row.basis_quote = _quote(own)
        row.correction = _correction(own)
        row.narrative = blocks(own.narrative)
        row.new = blocks(own.new)
        row.milestones = _milestones(own)
        row.sources = _sources(own)
    return row


def actions_of(queryset: QuerySet[Action]) -> list[Action]:
    return list(
        queryset.select_related("pact", "action_line")
        .prefetch_related("sub_measures", "leads", "operational_goals")
        .order_by("pact__name", "position", "number")
    )


def by_action_line(rows: Iterable[tuple[Action, ActionRow]]) -> list[ActionLineSection]:
    sections: dict[object, ActionLineSection] = {}
    order: dict[object, tuple] = {}
    for action, row in rows:
        line = action.action_line
        key = line.pk if line else None
        if key not in sections:
            name = line.name if line else "Overige acties"
            sections[key] = ActionLineSection(name, plain(line.national_goal) if line else "", [])
            order[key] = (line is None, line.order if line else 0, name)
        sections[key].actions.append(row)
    return [sections[key] for key in sorted(sections, key=lambda k: order[k])]


def pact_sections(actions: list[Action], now: dict[int, list]) -> list[PactSection]:
    sections = []
    for pact in Pact.objects.filter(id__in={a.pact_id for a in actions}).order_by("level", "name"):
        mine = [a for a in actions if a.pact_id == pact.id]
        rows = ((a, action_row(a, now.get(a.id, []))) for a in mine)
        sections.append(PactSection(pact.name, by_action_line(rows)))
    return sections
