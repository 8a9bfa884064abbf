"""How an e-mail names a status update and links to it (reminders and notifications)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from .choices import UpdateState
from .models import StatusUpdate


def site_link(path: str) -> str:
    """``path`` at the configured site address (``PACTMONITOR_SITE_URL``): mails are sent from
    a command or a background job, which know no request to take the host from."""
    return settings.SITE_URL.rstrip("/") + path


def item_label(update: StatusUpdate) -> str:
    """Pact, number, title, sub-measure: "Nationaal pact 1a. Techniek in de klas – Docenten"."""
    action = update.action
    letter = update.sub_measure.letter if update.sub_measure else ""
    label = f"{action.pact.name} {action.number}{letter}. {action.title}"
    return f"{label} – {update.sub_measure.text}" if update.sub_measure else label


def item_link(update: StatusUpdate) -> str:
    """The work page of the update: a draft's edit page, otherwise its history."""
    page = "progress:edit" if update.state == UpdateState.DRAFT else "progress:history"
    return site_link(reverse(page, args=[update.pk]))
