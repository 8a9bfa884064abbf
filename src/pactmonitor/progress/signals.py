"""What the round cycle tells the apps above it, without importing them.

Each signal is sent by the service in ``progress.services`` after its write, through
``send_after_commit``: only once the transaction commits (a rolled-back step tells nobody),
and robustly (a failing receiver is logged and never undoes or breaks the step).
The notifications app connects them (``notifications.apps``).

- ``update_sent_back`` (``update=``, ``comment=``, ``user=``): a reviewer sent an update back;
- ``updates_submitted`` (``update_ids=``, ``user=``): drafts were handed to the national
  coordinator;
- ``updates_approved`` (``update_ids=``, ``user=``): submitted updates were approved;
- ``round_published`` (``round=``, ``user=``): a round was published;
- ``update_corrected`` (``update=`` the new version, ``user=``): a published update was
  corrected.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal

update_sent_back = Signal()
updates_submitted = Signal()
updates_approved = Signal()
round_published = Signal()
update_corrected = Signal()


def send_after_commit(signal: Signal, **kwargs: Any) -> None:
    """Send ``signal`` (sender ``None``) once the current transaction commits."""
    transaction.on_commit(lambda: signal.send_robust(sender=None, **kwargs), robust=True)
