"""The review of one status update: all its evidence beside the previous round's version, and
the reviewer's steps refused when the update changed since the reviewer loaded the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from . import diff, services
from .models import Milestone, Source, StatusUpdate

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

REVIEWED = StatusUpdate.objects.select_related(
    "round",
    "action__pact",
    "sub_measure",
    "updated_by",
    "submitted_by",
    "approved_by",
    "confirmed_by",
).prefetch_related("milestones", "sources")


@dataclass(frozen=True)
class ComparedText:
    """One text of the update beside its previous version, the differences marked."""

    label: str
    old: SafeString
    new: SafeString
    changed: bool


@dataclass(frozen=True)
class Review:
    update: StatusUpdate
    previous: StatusUpdate | None
    status_changed: bool
    texts: list[ComparedText]


def milestone_line(milestone: Milestone) -> str:
    when = milestone.date_text or (milestone.date.isoformat() if milestone.date else "")
    when = when or _("zonder datum")  # outside the f-string, where xgettext finds it
    return f"{when}: {milestone.text}"


def source_line(source: Source) -> str:
    return f"{source.title} ({source.url})" if source.url else source.title


def _texts(update: StatusUpdate | None) -> dict[str, str]:
    """The update's texts as the reviewer compares them (milestones and sources a line each)."""
    if update is None:
        return {"narrative": "", "new": "", "basis_quote": "", "milestones": "", "sources": ""}
    return {
        "narrative": update.narrative,
        "new": update.new,
        "basis_quote": update.basis_quote,
        "milestones": "\n".join(milestone_line(m) for m in update.milestones.all()),
        "sources": "\n".join(source_line(s) for s in update.sources.all()),
    }


def _labels() -> dict[str, str]:
    return {
        "narrative": _("Stand van zaken"),
        "new": _("Nieuw sinds de vorige ronde"),
        "basis_quote": _("Citaat waaruit de status blijkt"),
        "milestones": _("Mijlpalen"),
        "sources": _("Vindplaatsen"),
    }


def review_of(update: StatusUpdate) -> Review:
    """The update (fetched through ``REVIEWED``) beside the previous round's version."""
    previous = services.previous_update(update)
    if previous is not None:
        prefetch_related_objects([previous], "milestones", "sources")
    old, new = _texts(previous), _texts(update)
    texts = []
    for name, label in _labels().items():
        pieces = diff.diff(old[name], new[name])
        texts.append(
            ComparedText(
                label, diff.render_old(pieces), diff.render_new(pieces), diff.changed(pieces)
            )
        )
    status_changed = previous is not None and (
        (previous.status, previous.basis) != (update.status, update.basis)
    )
    return Review(update, previous, status_changed, texts)


def next_to_review(update: StatusUpdate, user: User) -> StatusUpdate | None:
    """The first submitted update of the same round the user may approve, after a step."""
    waiting = StatusUpdate.objects.filter(round=update.round_id).exclude(pk=update.pk)
    return waiting.for_user(user, "approve").in_report_order().first()


class ChangedSinceLoaded(services.RoundStepRefused):
    """The update was saved (or moved on) after the reviewer loaded the page."""


def _claim(update: StatusUpdate, revision: int) -> StatusUpdate:
    """Lock the update and refuse it when it is no longer the revision the reviewer saw."""
    current = (
        StatusUpdate.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .get(pk=update.pk)
    )
    if current.revision != revision:
        raise ChangedSinceLoaded(
            _(
                "%(subject)s is gewijzigd nadat u de pagina opende (door %(who)s, %(when)s); "
                "er is niets gedaan. Bekijk de nieuwe versie en kies opnieuw."
            )
            % {
                "subject": update,
                "who": current.updated_by or _("onbekend"),
                "when": date_format(localtime(current.updated_at), "j F Y H:i"),
            }
        )
    return current


@transaction.atomic
def approve_reviewed(update: StatusUpdate, *, revision: int, user: User) -> StatusUpdate:
    """Approve the update the reviewer saw (``revision``), through ``services.approve_update``."""
    return services.approve_update(_claim(update, revision), user=user)


@transaction.atomic
def send_back_reviewed(
    update: StatusUpdate, *, revision: int, comment: str, user: User
) -> StatusUpdate:
    """Send back the update the reviewer saw, with the comment (``services.send_back_update``)."""
    return services.send_back_update(_claim(update, revision), comment=comment, user=user)
