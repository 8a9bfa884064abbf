"""The outbox's tests: the named users of tests/world.py and the queued sending jobs run at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from pactmonitor.notifications.tasks import send_notification
from pactmonitor.progress.models import StatusUpdate


@pytest.fixture
def deliver() -> Callable[[], list[str]]:
    """``deliver()`` runs the sending jobs queued so far (the test backend only records them),
    as the worker would; their outcomes."""
    # The dummy backend of tests/settings.py, which keeps what was queued in ``results``.
    backend: Any = send_notification.get_backend()
    backend.clear()

    def run() -> list[str]:
        queued = [r for r in backend.results if r.task.name == send_notification.name]
        backend.clear()
        return [send_notification.call(*r.args, **r.kwargs) for r in queued]

    return run


def sent() -> list[tuple[str, str]]:
    """(address, subject) of every e-mail sent, in order."""
    return [(address, str(m.subject)) for m in mail.outbox for address in m.to]


def write(update: StatusUpdate, user, text: str = "Nieuwe stand van zaken.") -> StatusUpdate:
    """``user`` writes the draft (the history keeps who wrote it)."""
    update.narrative = text
    update.updated_by = user
    update.save()
    return update
