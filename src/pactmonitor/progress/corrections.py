"""Corrections under review: a national coordinator proposes a correction of a published
update; a second national coordinator approves it (which publishes the correction as a new
version through ``services.correct_update``) or rejects it with a reason.

Scope is the caller's (``ProposedCorrection.policy``); these functions check the states and
refuse with a message (``RoundStepRefused``), changing nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from pactmonitor.core.review import lock_in_state, required_comment, take_step

from . import services
from .choices import ProposalState
from .models import ProposedCorrection, StatusUpdate
from .permissions import CORRECTABLE, sole_national_coordinator

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

Refused = services.RoundStepRefused
# The state every step of a proposal's review starts from.
PENDING = Q(state=ProposalState.PENDING)


def _refuse_unless(condition: bool, message: str) -> None:
    if not condition:
        raise Refused(message)


@transaction.atomic
def propose_correction(
    update: StatusUpdate, *, reason: str, user: User, **values: Any
) -> ProposedCorrection:
    """Record a proposed correction of the current published version; nothing is published."""
    update = StatusUpdate.objects.select_for_update().get(pk=update.pk)
    _refuse_unless(bool(reason.strip()), _("Een correctie vraagt een reden."))
    _refuse_unless(
        StatusUpdate.objects.filter(CORRECTABLE, pk=update.pk).exists(),
        _("Alleen de actuele gepubliceerde versie kan worden gecorrigeerd."),
    )
    _refuse_unless(
        not update.proposed_corrections.pending().exists(),
        _("Voor %(subject)s ligt al een correctievoorstel ter beoordeling.") % {"subject": update},
    )
    fields = {name: getattr(update, name) for name in services.COPIED_FIELDS} | values
    return ProposedCorrection.objects.create(
        update=update, reason=reason.strip(), proposed_by=user, **fields
    )


def _already_reviewed(proposal: ProposedCorrection) -> Refused:
    return Refused(
        _("Dit correctievoorstel is al beoordeeld (%(state)s).")
        % {"state": proposal.get_state_display()}
    )


@transaction.atomic
def approve_correction(proposal: ProposedCorrection, *, user: User) -> StatusUpdate:
    """Publish the proposed correction as a new version, in one transaction with the review."""
    proposal = lock_in_state(proposal, PENDING, _already_reviewed)
    _refuse_unless(
        proposal.proposed_by_id != user.pk or sole_national_coordinator(),
        _("Een tweede landelijk coördinator keurt deze correctie goed, niet de indiener."),
    )
    update = StatusUpdate.objects.select_for_update().get(pk=proposal.update_id)
    _refuse_unless(
        StatusUpdate.objects.filter(CORRECTABLE, pk=update.pk).exists(),
        _(
            "%(subject)s is intussen gecorrigeerd; dit voorstel gaat uit van een oudere versie. "
            "Wijs het af en doe zo nodig een nieuw voorstel."
        )
        % {"subject": update},
    )
    # The proposer wrote the correction; the reviewer is kept on the proposal.
    correction = services.correct_update(
        update, reason=proposal.reason, user=proposal.proposed_by, **proposal.values
    )
    proposal.record_review(ProposalState.APPROVED, user=user)
    proposal.correction = correction
    proposal.save()
    return correction


@transaction.atomic
def reject_correction(
    proposal: ProposedCorrection, *, comment: str, user: User
) -> ProposedCorrection:
    """Reject (or, by its proposer, withdraw) a proposal; the published version stays."""
    return take_step(
        proposal,
        allowed=PENDING,
        refusal=_already_reviewed,
        to=ProposalState.REJECTED,
        user=user,
        comment=required_comment(comment, Refused(_("Zeg bij het afwijzen waarom."))),
    )
