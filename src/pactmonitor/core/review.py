"""The review of a record by a second person, written once for every record that waits for one.

Three kinds of record wait for a review: a landsdeel profile (``progress.profiles``), a proposed
correction of a published update (``progress.corrections``) and a new or changed initiative
(``initiatives.services``). Each service keeps its own rules: who may take a step (the model's
policy), from which states, what a refusal says and what else the step writes. What they share
lives here:

- the columns that say who reviewed and when, and why (``Reviewed``), and, for a proposal kept
  aside until it is reviewed, who proposed it and when (``Proposal``);
- the two moves of every step: lock the row if its state still allows the step
  (``lock_in_state``), then record the review on it (``Reviewed.record_review``); a step that
  sends back or rejects asks for a comment (``required_comment``). ``take_step`` does the three
  for a step that writes nothing else.

The foreign keys to the user are written as ``settings.AUTH_USER_MODEL``, so this module stays
below the apps and imports none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

R = TypeVar("R", bound="Reviewed")


class Reviewed(models.Model):
    """Abstract: who reviewed the record, when, and what they said (a send-back's reason)."""

    # The column that holds the record's place in its review cycle.
    review_state_field: ClassVar[str] = "state"

    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    review_comment = models.TextField(_("opmerking van de beoordelaar"), blank=True)

    class Meta:
        abstract = True

    def record_review(self, state: str, *, user: Any, comment: str = "") -> None:
        """Move the record to ``state`` as reviewed by ``user`` now, with ``comment`` (the
        caller saves)."""
        setattr(self, self.review_state_field, state)
        self.reviewed_by, self.reviewed_at = user, timezone.now()
        self.review_comment = comment


class Proposal(Reviewed):
    """Abstract: a proposal kept aside until a reviewer approves or rejects it."""

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)

    class Meta:
        abstract = True


def lock_in_state(obj: R, allowed: models.Q, refusal: Exception | Callable[[R], Exception]) -> R:
    """``obj``'s row again, locked until the transaction ends, if it still meets ``allowed`` (a
    condition on its state); otherwise raise ``refusal``, or what ``refusal`` makes of the row
    as it now is (for a message that names its state)."""
    manager = type(obj)._default_manager
    locked = manager.select_for_update().filter(allowed, pk=obj.pk).first()
    if locked is None:
        raise refusal(manager.get(pk=obj.pk)) if callable(refusal) else refusal
    return locked


def required_comment(comment: str, refusal: Exception) -> str:
    """The comment without surrounding blanks; raise ``refusal`` when there is none."""
    if not comment.strip():
        raise refusal
    return comment.strip()


def take_step(
    obj: R,
    *,
    allowed: models.Q,
    refusal: Exception | Callable[[R], Exception],
    to: str,
    user: Any,
    comment: str = "",
) -> R:
    """A review step that writes nothing else: lock, record the review, save (in the caller's
    transaction)."""
    locked = lock_in_state(obj, allowed, refusal)
    locked.record_review(to, user=user, comment=comment)
    locked.save()
    return locked
