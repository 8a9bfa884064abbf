"""Changes to status updates that involve more than one row."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pactmonitor.downloads.services import request_after_publication
from pactmonitor.pacts.models import Action, Pact, SubMeasure
from pactmonitor.regions.models import Region

from .choices import Basis, ProfileState, RoundState, Status, UpdateState
from .models import RegionProfile, ReportingRound, StatusUpdate, StatusUpdateQuerySet
from .permissions import (
    APPROVABLE,
    CONFIRMABLE,
    CORRECTABLE,
    OPEN_DRAFT,
    READY_FOR_REVIEW,
    SENDABLE_BACK,
)
from .signals import (
    round_published,
    send_after_commit,
    update_corrected,
    update_sent_back,
    updates_approved,
    updates_submitted,
)

if TYPE_CHECKING:
    from django.forms import BaseInlineFormSet

    from pactmonitor.accounts.models import User

    from .forms import DraftForm

COPIED_FIELDS = ["status", "basis", "basis_quote", "narrative", "new"]


@transaction.atomic
def correct_update(
    update: StatusUpdate, *, reason: str, user: User | None = None, **values: Any
) -> StatusUpdate:
    """Publish a correction of a published update as a new version; the old one stays."""
    if not reason.strip():
        raise ValueError("a correction needs a reason")
    if not _in_state(update, CORRECTABLE):
        raise ValueError("only the current published version can be corrected")
    fields = {name: getattr(update, name) for name in COPIED_FIELDS} | values
    StatusUpdate.objects.filter(pk=update.pk).update(is_current=False)
    correction = StatusUpdate.objects.create(
        round=update.round,
        action=update.action,
        sub_measure=update.sub_measure,
        version=update.version + 1,
        supersedes=update,
        correction_reason=reason,
        state=UpdateState.PUBLISHED,
        updated_by=user,
        **fields,
    )
    _copy_evidence(update, correction)
    request_after_publication(rounds_shown_with(update.round))
    send_after_commit(update_corrected, update=correction, user=user)
    return correction


def rounds_shown_with(round: ReportingRound) -> list[str]:
    """The published rounds whose documents show ``round``'s updates: the round itself and the
    later rounds of its pact (they report what changed since)."""
    later = ReportingRound.objects.published().filter(
        pact=round.pact_id, peildatum__gte=round.peildatum
    )
    return sorted({round.slug, *later.values_list("slug", flat=True)})


def _copy_evidence(source: StatusUpdate, target: StatusUpdate) -> None:
    """Milestones and vindplaatsen travel with the status into a correction or a new draft."""
    for milestone in source.milestones.all():
        target.milestones.create(
            date=milestone.date, date_text=milestone.date_text, text=milestone.text
        )
    for link in source.sources.all():
        target.sources.create(title=link.title, url=link.url)


# --- The round cycle -------------------------------------------------------------------------
# open_round → (contributors edit drafts: save_draft) → submit → approve | send_back →
# publish_round. Each step checks the state it starts from (progress.permissions, the same
# conditions the work pages offer a step by) and raises RoundStepRefused with a message for
# the user; scope is checked by the caller through the model's policy (get_for_user).


class RoundStepRefused(ValidationError):
    """A step of the round cycle that the state of the round or update does not allow."""


class EditConflict(Exception):
    """The draft was saved by someone else since the editor loaded it."""

    def __init__(self, current: StatusUpdate):
        super().__init__(f"update {current.pk} changed (revision {current.revision})")
        self.current = current


def pacts_of_round(pact: Pact) -> list[Pact]:
    """The round's pact and every pact that contributes to it, at any depth.

    One query for the whole pact tree, not one per pact: the workbook asks this on every
    download."""
    children: dict[int | None, list[Pact]] = defaultdict(list)
    for other in Pact.objects.order_by("level", "name"):
        children[other.parent_id].append(other)
    found, todo = [], [pact]
    while todo:
        node = todo.pop(0)
        if node not in found:
            found.append(node)
            todo.extend(children[node.pk])
    return found


def subjects_to_report(
    actions: Iterable[Action], earlier: dict[tuple[int, int | None], StatusUpdate]
) -> list[tuple[Action, SubMeasure | None]]:
    """Every action, or each of its sub-measures, to be reported on.

    An action is reported per sub-measure when it has sub-measures, unless its latest earlier
    update was for the action as a whole (the way the source reported it is kept).
    """
    subjects: list[tuple[Action, SubMeasure | None]] = []
    for action in actions:
        measures = list(action.sub_measures.all())
        if measures and (action.pk, None) not in earlier:
            subjects.extend((action, measure) for measure in measures)
        else:
            subjects.append((action, None))
    return subjects


def latest_earlier_updates(round: ReportingRound, pacts: list[Pact]) -> dict:
    """(action id, sub-measure id) → the latest current update from an earlier round."""
    earlier = (
        StatusUpdate.objects.current()
        .filter(action__pact__in=pacts, round__peildatum__lt=round.peildatum)
        .exclude(round=round)
        .select_related("round")
        .prefetch_related("milestones", "sources")
        .order_by("round__peildatum", "version")
    )
    return {(u.action_id, u.sub_measure_id): u for u in earlier}


def previous_update(update: StatusUpdate) -> StatusUpdate | None:
    """The latest current update of the same action or sub-measure in an earlier round."""
    return (
        StatusUpdate.objects.current()
        .filter(
            action=update.action_id,
            sub_measure=update.sub_measure_id,
            round__peildatum__lt=update.round.peildatum,
        )
        .select_related("round")
        .order_by("-round__peildatum", "-version")
        .first()
    )


def carried_values(previous: StatusUpdate) -> dict[str, Any]:
    """What a new round's draft takes over from the previous round's update.

    What is new is new in every round. A status read from the narrative (afgeleid) was an
    assessment of the previous round's text, not a report: it is not carried into the new
    round as if assessed again; the draft starts "onbekend" and the edit page shows the
    previous round's status beside it.
    """
    values = {name: getattr(previous, name) for name in COPIED_FIELDS}
    values["new"] = ""
    if previous.basis == Basis.ASSESSED:
        values |= {"status": Status.ONBEKEND, "basis": Basis.UNKNOWN, "basis_quote": ""}
    return values


def _draft_from(
    round: ReportingRound,
    action: Action,
    measure: SubMeasure | None,
    previous: StatusUpdate | None,
) -> StatusUpdate:
    values = carried_values(previous) if previous else {}
    # Carried over: it reports nothing in this round until changed or confirmed unchanged.
    draft = StatusUpdate.objects.create(
        round=round,
        action=action,
        sub_measure=measure,
        state=UpdateState.DRAFT,
        carried_over=True,
        **values,
    )
    if previous is not None:
        _copy_evidence(previous, draft)
    return draft


@transaction.atomic
def open_round(
    *,
    pact: Pact,
    slug: str,
    name: str,
    peildatum: datetime.date,
    deadline: datetime.date | None = None,
) -> ReportingRound:
    """Open a round: a draft for every action (or sub-measure), prefilled from earlier rounds."""
    round = ReportingRound.objects.create(
        pact=pact,
        slug=slug,
        name=name,
        peildatum=peildatum,
        deadline=deadline,
        state=RoundState.OPEN,
    )
    pacts = pacts_of_round(pact)
    earlier = latest_earlier_updates(round, pacts)
    actions = Action.objects.filter(pact__in=pacts).prefetch_related("sub_measures")
    for action, measure in subjects_to_report(actions, earlier):
        previous = earlier.get((action.pk, measure.pk if measure else None))
        _draft_from(round, action, measure, previous)
    open_profiles(round)
    return round


def add_drafts_for_new_action(action: Action) -> int:
    """A new action gets a draft in every open round that reports on its pact."""
    count = 0
    for round in ReportingRound.objects.filter(state=RoundState.OPEN):
        if action.pact in pacts_of_round(round.pact):
            measures: list[SubMeasure | None] = [*action.sub_measures.all()] or [None]
            for measure in measures:
                _draft_from(round, action, measure, None)
                count += 1
    return count


def open_profiles(round: ReportingRound) -> None:
    """A profile per landsdeel for the round, its text prefilled from the latest earlier one.

    Like the drafts, it becomes public only when the round is published, and only once it is
    approved (progress/profiles.py); untouched, it goes out as "niet bijgewerkt".
    """
    for landsdeel in Region.objects.landsdelen():
        previous = (
            # What went out before (approved, or carried over), never another round's draft.
            RegionProfile.objects.filter(region=landsdeel, round__peildatum__lt=round.peildatum)
            .filter(state__in=[ProfileState.PUBLISHED, ProfileState.NOT_UPDATED])
            .order_by("-round__peildatum")
            .first()
        )
        RegionProfile.objects.create(
            region=landsdeel,
            round=round,
            organisation=previous.organisation if previous else "",
            priorities=previous.priorities if previous else "",
        )


def _in_state(update: StatusUpdate, condition: Q) -> bool:
    return StatusUpdate.objects.filter(condition, pk=update.pk).exists()


def _refuse_unless(condition: bool, message: str) -> None:
    if not condition:
        raise RoundStepRefused(message)


@transaction.atomic
def save_draft(
    form: DraftForm,
    *,
    expected_revision: int,
    user: User,
    formsets: Iterable[BaseInlineFormSet[Any, Any, Any]] = (),
    evidence_added: bool = False,
) -> StatusUpdate:
    """Save a draft form (and its milestone/source formsets) unless someone else saved the
    draft since ``expected_revision``.

    A save that changes the content (a field, a milestone, a vindplaats; ``evidence_added``
    for evidence the caller adds itself) makes the draft a report of this round and its saver
    the author; a save that changes nothing leaves both as they were.

    The check and the write lock happen in one conditional UPDATE on the row's own columns, so
    two saves racing on the same revision cannot both pass (on PostgreSQL the second waits for
    the first, re-reads the row and matches nothing).
    """
    update = form.instance
    _refuse_unless(update.round.state == RoundState.OPEN, _("Deze ronde is niet open."))
    editable = [UpdateState.DRAFT, UpdateState.READY]
    claimed = StatusUpdate.objects.filter(
        pk=update.pk, revision=expected_revision, state__in=editable
    ).update(revision=expected_revision)
    if not claimed:
        current = StatusUpdate.objects.select_related("updated_by").get(pk=update.pk)
        _refuse_unless(current.state in editable, _("Deze update is niet meer in concept."))
        raise EditConflict(current)
    update.revision = expected_revision
    if content_changed(form, formsets) or evidence_added:
        update.updated_by = user
        update.carried_over = False
        update.confirmed_by, update.confirmed_at = None, None
    saved = form.save()
    for formset in formsets:
        formset.instance = saved
        formset.save()
    return saved


def content_changed(form: DraftForm, formsets: Iterable[BaseInlineFormSet[Any, Any, Any]]) -> bool:
    """Whether a save changes what the update says (the revision field is bookkeeping)."""
    if any(name != "revision" for name in form.changed_data):
        return True
    return any(formset.has_changed() for formset in formsets)


def _set_state(updates: StatusUpdateQuerySet, state: str, user: User, **extra: Any) -> list[int]:
    """Move ``updates`` to ``state``; the ids of the updates that moved. The author
    (``updated_by``) stays: each step records its own who and when in ``extra``."""
    moved = []
    # Lock only the updates themselves, in a fixed order (the default ordering joins sub-measures).
    for update in updates.select_for_update(of=("self",)).order_by("pk"):
        update.state = state
        for name, value in extra.items():
            setattr(update, name, value)
        update.save()
        moved.append(update.pk)
    return moved


@transaction.atomic
def submit_updates(updates: StatusUpdateQuerySet, *, user: User) -> int:
    """Hand drafts (ready for review or not) to the national coordinator; only drafts of open
    rounds move. An untouched draft stays "niet gerapporteerd" (see ``Reporting``)."""
    stamp = _stamp("submitted", user)
    submittable = updates.submittable()
    moved = _set_state(submittable, UpdateState.SUBMITTED, user, review_comment="", **stamp)
    send_after_commit(updates_submitted, update_ids=moved, user=user)
    return len(moved)


def _stamp(step: str, user: User) -> dict[str, Any]:
    return {f"{step}_by": user, f"{step}_at": timezone.now()}


@transaction.atomic
def approve_updates(updates: StatusUpdateQuerySet, *, user: User) -> int:
    """Approve every submitted update among ``updates`` at once: all of them or none."""
    submitted = updates.current().filter(APPROVABLE)
    moved = _set_state(
        submitted, UpdateState.APPROVED, user, review_comment="", **_stamp("approved", user)
    )
    send_after_commit(updates_approved, update_ids=moved, user=user)
    return len(moved)


@transaction.atomic
def mark_ready(update: StatusUpdate, *, user: User) -> StatusUpdate:
    """The owner says the draft is done: "klaar voor review" (their coordinator submits it)."""
    return _step(
        update,
        OPEN_DRAFT,
        UpdateState.READY,
        user,
        _("Alleen een concept van een open ronde kan klaar voor review worden gemeld."),
    )


@transaction.atomic
def take_back(update: StatusUpdate, *, user: User) -> StatusUpdate:
    """The owner takes a draft marked ready back to work on it."""
    return _step(
        update,
        READY_FOR_REVIEW,
        UpdateState.DRAFT,
        user,
        _("Alleen een update die klaar voor review is, kan worden teruggenomen."),
    )


@transaction.atomic
def confirm_unchanged(update: StatusUpdate, *, user: User) -> StatusUpdate:
    """Someone in the update's scope says the carried-over content still holds: the update
    reports it for this round ("ongewijzigd bevestigd"), with who confirmed and when."""
    update = StatusUpdate.objects.select_for_update().get(pk=update.pk)
    _refuse_unless(
        _in_state(update, CONFIRMABLE),
        _("Alleen een ongewijzigd overgenomen concept van een open ronde kan worden bevestigd."),
    )
    _refuse_unless(
        previous_update(update) is not None,
        _("Er is geen eerdere stand van zaken om te bevestigen; vul de update in."),
    )
    update.confirmed_by, update.confirmed_at = user, timezone.now()
    update.save()
    return update


def _step(update: StatusUpdate, condition: Q, state: str, user: User, refusal: str) -> StatusUpdate:
    update = StatusUpdate.objects.select_for_update().get(pk=update.pk)
    _refuse_unless(_in_state(update, condition), refusal)
    _set_state(StatusUpdate.objects.filter(pk=update.pk), state, user)
    update.refresh_from_db()
    return update


@transaction.atomic
def approve_update(update: StatusUpdate, *, user: User) -> StatusUpdate:
    update = StatusUpdate.objects.select_for_update().get(pk=update.pk)
    _refuse_unless(
        _in_state(update, APPROVABLE), _("Alleen een ingediende update kan worden goedgekeurd.")
    )
    _set_state(
        StatusUpdate.objects.filter(pk=update.pk),
        UpdateState.APPROVED,
        user,
        review_comment="",
        **_stamp("approved", user),
    )
    send_after_commit(updates_approved, update_ids=[update.pk], user=user)
    update.refresh_from_db()
    return update


@transaction.atomic
def send_back_update(update: StatusUpdate, *, comment: str, user: User) -> StatusUpdate:
    update = StatusUpdate.objects.select_for_update().get(pk=update.pk)
    _refuse_unless(bool(comment.strip()), _("Zeg bij het terugsturen wat er anders moet."))
    _refuse_unless(
        _in_state(update, SENDABLE_BACK),
        _(
            "Alleen een ingediende of goedgekeurde update van een open ronde "
            "kan worden teruggestuurd."
        ),
    )
    _set_state(
        StatusUpdate.objects.filter(pk=update.pk),
        UpdateState.DRAFT,
        user,
        review_comment=comment.strip(),
        submitted_by=None,
        submitted_at=None,
        approved_by=None,
        approved_at=None,
    )
    send_after_commit(update_sent_back, update=update, comment=comment.strip(), user=user)
    update.refresh_from_db()
    return update


@transaction.atomic
def publish_round(round: ReportingRound, *, user: User) -> int:
    """Publish a round whose every current update is approved; published updates are frozen."""
    # The profiles' cycle builds on this module (its refusals are RoundStepRefused).
    from .profiles import publish_profiles, refuse_unreviewed_profiles

    round = ReportingRound.objects.select_for_update().get(pk=round.pk)
    _refuse_unless(
        round.state == RoundState.OPEN, _("Alleen een open ronde kan worden gepubliceerd.")
    )
    refuse_unreviewed_profiles(round)
    waiting = round.updates.current().exclude(state=UpdateState.APPROVED).count()
    _refuse_unless(
        waiting == 0,
        _("Nog %(count)d updates zijn niet goedgekeurd; publiceren kan als alles is goedgekeurd.")
        % {"count": waiting},
    )
    count = len(_set_state(round.updates.current(), UpdateState.PUBLISHED, user))
    publish_profiles(round)
    round.state = RoundState.PUBLISHED
    round.published_at = timezone.now()
    round.save()
    request_after_publication([round.slug])
    send_after_commit(round_published, round=round, user=user)
    return count
