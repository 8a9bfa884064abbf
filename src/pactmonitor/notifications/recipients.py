"""Who is told of each step of the round cycle (the table in docs/notifications.md).

The person who took the step is never told of it; nobody without an e-mail address or an
active account is (``pacts.people.reachable_users``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pactmonitor.accounts.choices import Role
from pactmonitor.pacts.models import Action
from pactmonitor.pacts.people import answering, reachable_users
from pactmonitor.progress.choices import UpdateState
from pactmonitor.progress.models import ReportingRound, StatusUpdate
from pactmonitor.progress.services import pacts_of_round

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User


def without(actor: User | None, people: Iterable[User]) -> list[User]:
    """``people`` once each, by username, without the one who acted."""
    unique = {user.pk: user for user in people if actor is None or user.pk != actor.pk}
    return sorted(unique.values(), key=lambda user: user.username)


def national_coordinators() -> list[User]:
    return list(reachable_users().filter(role=Role.NATIONAL_COORDINATOR))


def people_of_action(action_id: int) -> list[User]:
    """A correction's audience: the action's owners and its coordinators."""
    return answering([action_id]).everyone(action_id)


def people_of_round(round: ReportingRound) -> list[User]:
    """Everyone with a role in the round's pacts: the owners and coordinators of its actions."""
    ids = list(
        Action.objects.filter(pact__in=pacts_of_round(round.pact)).values_list("pk", flat=True)
    )
    people = answering(ids)
    return [user for action_id in ids for user in people.everyone(action_id)]


def authors_and_submitters(update_ids: Iterable[int]) -> dict[int, tuple[int | None, int | None]]:
    """Update id → (who last wrote it before its latest submission, who submitted it).

    Read from the update's history, so it holds whether or not the submit step records
    ``submitted_by`` and keeps ``updated_by`` (the author) on the row."""
    has_submitter = any(f.name == "submitted_by" for f in StatusUpdate._meta.get_fields())
    fields = ["id", "state", "updated_by_id", "history_user_id"]
    rows = (
        StatusUpdate.history.filter(id__in=list(update_ids))
        .order_by("id", "history_date", "history_id")
        .values(*fields, *(["submitted_by_id"] if has_submitter else []))
    )
    found: dict[int, tuple[int | None, int | None]] = {}
    previous: dict | None = None
    for row in rows:
        before = previous if previous and previous["id"] == row["id"] else None
        if row["state"] == UpdateState.SUBMITTED and not (
            before and before["state"] == UpdateState.SUBMITTED
        ):
            submitter = row.get("submitted_by_id") or row["history_user_id"] or row["updated_by_id"]
            found[row["id"]] = (before["updated_by_id"] if before else None, submitter)
        previous = row
    return found


def users_by_id(ids: Iterable[int | None]) -> dict[int, User]:
    return {user.pk: user for user in reachable_users().filter(pk__in=[i for i in ids if i])}
