"""Changes to status updates that involve more than one row."""

from __future__ import annotations

from django.db import transaction

from .choices import UpdateState
from .models import StatusUpdate

COPIED_FIELDS = ["status", "basis", "basis_quote", "narrative", "new"]


@transaction.atomic
def correct_update(update: StatusUpdate, *, reason: str, user=None, **values) -> StatusUpdate:
    """Publish a correction of a published update as a new version; the old one stays."""
    if not reason.strip():
        raise ValueError("a correction needs a reason")
    if update.state != UpdateState.PUBLISHED or not update.is_current:
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
    for milestone in update.milestones.all():
        correction.milestones.create(date=milestone.date, date_text=milestone.date_text, text=milestone.text)
    for source in update.sources.all():
        correction.sources.create(title=source.title, url=source.url)
    return correction
