from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from pactmonitor.pacts.signals import action_added

if TYPE_CHECKING:
    from pactmonitor.pacts.models import Action


def _draft_for_new_action(sender: type[Action], action: Action, **kwargs: object) -> None:
    from .services import add_drafts_for_new_action

    add_drafts_for_new_action(action)


class ProgressConfig(AppConfig):
    name = "pactmonitor.progress"
    verbose_name = _("Voortgang")

    def ready(self) -> None:
        # pacts lies below progress: it announces a new action, the round cycle drafts for it.
        action_added.connect(_draft_for_new_action, dispatch_uid="progress-drafts-for-new-action")
