"""Changes to indicator data that span many rows, each in one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from .choices import BatchState
from .models import ImportBatch

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User


class WithdrawRefused(Exception):
    pass


def withdraw_batch(batch: ImportBatch, *, user: User | None = None, note: str = "") -> ImportBatch:
    """Take an import batch out of use; its figures stay, for the history, but count no more.

    A superseded batch is already out of use; withdrawing the active one leaves its recipe
    without figures until a file is imported again (the older batch is not brought back: it was
    replaced for a reason).
    """
    if batch.state == BatchState.WITHDRAWN:
        raise WithdrawRefused(_("Deze batch is al ingetrokken."))
    with transaction.atomic():
        batch.state = BatchState.WITHDRAWN
        text = _("Ingetrokken door %(user)s.") % {"user": user or _("onbekend")}
        batch.note = "\n".join(part for part in (batch.note, text, note) if part)
        if user is not None and getattr(user, "pk", None):
            batch._history_user = user  # type: ignore[attr-defined]  # simple-history's way, untyped
        batch.save(update_fields=["state", "note"])
    return batch
