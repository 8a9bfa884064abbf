"""Corrections under review: a national coordinator proposes a correction of a published
update; a second national coordinator approves it (which publishes the correction as a new
version through ``services.correct_update``) or rejects it with a reason.

Scope is the caller's (``ProposedCorrection.policy``); these functions check the states and
refuse with a message (``RoundStepRefused``), changing nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .choices import ProposalState
from .models import ProposedCorrection, StatusUpdate
from .permissions import CORRECTABLE, sole_national_coordinator

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

Refused = services.RoundStepRefused


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


def _lock_pending(proposal: ProposedCorrection) -> ProposedCorrection:
    proposal = ProposedCorrection.objects.select_for_update().get(pk=proposal.pk)
    _refuse_unless(
        proposal.state == ProposalState.PENDING,
        _("Dit correctievoorstel is al beoordeeld (%(state)s).")
        % {"state": proposal.get_state_display()},
    )
    return proposal


@transaction.atomic
def approve_correction(proposal: ProposedCorrection, *, user: User) -> StatusUpdate:
    """Publish the proposed correction as a new version, in one transaction with the review."""
    proposal = _lock_pending(proposal)
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
    proposal.state = ProposalState.APPROVED
    proposal.reviewed_by = user
    proposal.reviewed_at = timezone.now()
    proposal.correction = correction
    proposal.save()
    return correction


@transaction.atomic
def reject_correction(
    proposal: ProposedCorrection, *, comment: str, user: User
) -> ProposedCorrection:
    """Reject (or, by its proposer, withdraw) a proposal; the published version stays."""
    _refuse_unless(bool(comment.strip()), _("Zeg bij het afwijzen waarom."))
    proposal = _lock_pending(proposal)
    proposal.state = ProposalState.REJECTED
    proposal.reviewed_by = user
    proposal.reviewed_at = timezone.now()
    proposal.review_comment = comment.strip()
    proposal.save()
    return proposal
