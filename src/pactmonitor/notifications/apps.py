from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "pactmonitor.notifications"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        # progress lies below: it announces each step of the round cycle after its commit,
        # the outbox records who must be told and sends it in the background.
        from pactmonitor.progress import signals

        from . import receivers

        for signal, receiver in receivers.CONNECTIONS:
            getattr(signals, signal).connect(receiver, dispatch_uid=f"notifications-{signal}")
