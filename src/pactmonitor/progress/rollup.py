"""The status of an action in a round, rolled up from its sub-measures where they report apart.

The rule, in order:
1. An update for the action as a whole wins.
2. No update at all: ``onbekend`` (gettext("niet gerapporteerd")).
3. Any sub-measure ``vertraagd``: the action is ``vertraagd``.
4. All sub-measures ``afgerond``: ``afgerond``.
5. Any sub-measure ``onbekend`` (or not reported): ``onbekend``.
6. Otherwise (all afgerond or op schema, at least one op schema): ``op_schema``.
The basis is the weakest among the parts (unknown < assessed < reported), and the reason
names the sub-measures that decided it, so a page can say why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from django.utils.translation import gettext

from .choices import Basis, Status

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

    from pactmonitor.pacts.models import Action

    from .models import ReportingRound, StatusUpdate


class Reported(Protocol):
    """What the roll-up reads of an update: a status update, or a row standing in for one."""

    @property
    def status(self) -> str: ...
    @property
    def basis(self) -> str: ...


BASIS_STRENGTH = {Basis.UNKNOWN: 0, Basis.ASSESSED: 1, Basis.REPORTED: 2}


@dataclass(frozen=True)
class RolledUpStatus:
    status: str
    basis: str
    reason: str
    parts: dict[str, str] = field(default_factory=dict)  # letter → status

    @property
    def label(self) -> StrOrPromise:
        return Status(self.status).label

    @property
    def colour(self) -> str:
        return Status(self.status).colour


def _letters(parts: dict[str, str], status: str) -> str:
    return ", ".join(letter for letter, value in parts.items() if value == status)


def roll_up(
    action_update: Reported | None, sub_updates: dict[str, Reported | None]
) -> RolledUpStatus:
    """Combine an action's own update and its sub-measures' updates (letter → update or None).

    Updates are anything with ``status`` and ``basis`` attributes.
    """
    if action_update is not None:
        return RolledUpStatus(
            action_update.status, action_update.basis, gettext("gerapporteerd voor de hele actie")
        )
    reported = {letter: u for letter, u in sub_updates.items() if u is not None}
    if not reported:
        return RolledUpStatus(Status.ONBEKEND, Basis.UNKNOWN, gettext("niet gerapporteerd"))
    parts = {
        letter: (u.status if u is not None else Status.ONBEKEND)
        for letter, u in sub_updates.items()
    }
    weakest = min((u.basis for u in reported.values()), key=lambda b: BASIS_STRENGTH[Basis(b)])
    if len(reported) < len(sub_updates):
        weakest = Basis.UNKNOWN
    if Status.VERTRAAGD in parts.values():
        letters = _letters(parts, Status.VERTRAAGD)
        return RolledUpStatus(
            Status.VERTRAAGD,
            weakest,
            gettext("deelmaatregel %(letters)s vertraagd") % {"letters": letters},
            parts,
        )
    if all(value == Status.AFGEROND for value in parts.values()):
        return RolledUpStatus(
            Status.AFGEROND, weakest, gettext("alle deelmaatregelen afgerond"), parts
        )
    if Status.ONBEKEND in parts.values():
        letters = _letters(parts, Status.ONBEKEND)
        return RolledUpStatus(
            Status.ONBEKEND,
            Basis.UNKNOWN,
            gettext("status van deelmaatregel %(letters)s onbekend") % {"letters": letters},
            parts,
        )
    letters = _letters(parts, Status.OP_SCHEMA)
    return RolledUpStatus(
        Status.OP_SCHEMA,
        weakest,
        gettext("deelmaatregel %(letters)s nog op schema") % {"letters": letters},
        parts,
    )


def action_status(
    action: Action, round: ReportingRound, updates: Iterable[StatusUpdate] | None = None
) -> RolledUpStatus:
    """The rolled-up status of ``action`` in ``round``.

    ``updates`` may be a pre-fetched iterable of the round's current updates for the action
    (to avoid a query per action on list pages); otherwise they are read here.
    """
    if updates is None:
        updates = action.updates.current().filter(round=round).select_related("sub_measure")
    return roll_up_updates(action, updates)


def roll_up_updates(action: Action, updates: Iterable[StatusUpdate]) -> RolledUpStatus:
    """The rolled-up status of ``action`` from its current updates of one round: the one for
    the action as a whole, if any, and one per sub-measure (``sub_measure`` loaded)."""
    own: StatusUpdate | None = None
    by_letter: dict[str, StatusUpdate] = {}
    for update in updates:
        if update.sub_measure is None:  # no query: read only when the id is set
            own = update
        else:
            by_letter[update.sub_measure.letter] = update
    letters = [s.letter for s in action.sub_measures.all()]
    return roll_up(own, {letter: by_letter.get(letter) for letter in letters})


def rollup_inputs(updates: QuerySet[StatusUpdate]) -> dict[tuple[int, int], list[StatusUpdate]]:
    """(round id, action id) → the given updates of that round for that action, in their order,
    with the sub-measure ``roll_up_updates`` reads: the roll-up's inputs in one query, grouped
    here for every reader (the pages, the charts, the reports, the round comparison). Which
    updates count (public, or approved for a concept report) is the caller's QuerySet."""
    found: dict[tuple[int, int], list[StatusUpdate]] = defaultdict(list)
    for update in updates.select_related("sub_measure"):
        found[(update.round_id, update.action_id)].append(update)
    return found
