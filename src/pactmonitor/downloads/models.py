"""An edition: one production of a set of public files (a round's reports, the open-data dump).

An edition is requested in the transaction of the change that calls for it (a publication, a
correction, a load of the dataset) and produced by the background worker after that commits.
Visitors are served the newest ready edition; while a newer one is being made they still get
that one, and the page says a new one is on its way.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import PENDING, EditionState

# A job still "being made" after this long was cut off (a worker stopped mid-job): the pages
# stop saying a new version is on its way, and `produce-downloads --missing` asks again.
LOST_AFTER = datetime.timedelta(hours=1)


def _folder() -> str:
    return uuid.uuid4().hex


class EditionQuerySet(models.QuerySet):
    def of(self, product: str) -> EditionQuerySet:
        return self.filter(product=product)

    def ready(self) -> EditionQuerySet:
        return self.filter(state=EditionState.READY)

    def pending(self) -> EditionQuerySet:
        """Requested or being made, and not lost (see ``LOST_AFTER``)."""
        return self.filter(state__in=PENDING, requested_at__gte=timezone.now() - LOST_AFTER)

    def current(self, product: str) -> Edition | None:
        """The newest ready edition of ``product``: what visitors get."""
        return self.of(product).ready().order_by("-pk").first()

    def in_the_making(self, product: str) -> bool:
        """Whether a newer edition than the current one is requested or being produced."""
        current = self.current(product)
        newer = self.of(product).pending()
        return (newer.filter(pk__gt=current.pk) if current else newer).exists()


class Edition(models.Model):
    product = models.CharField(_("product"), max_length=200, db_index=True)
    state = models.CharField(
        _("status"), max_length=12, choices=EditionState.choices, default=EditionState.REQUESTED
    )
    # The storage folder, random: ids can be reused after a rollback, folders never are.
    folder = models.CharField(_("map"), max_length=32, default=_folder, unique=True)
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    # [{"name": "bijlage1.pdf", "size": 123456, "content_type": "application/pdf"}, ...]
    files = models.JSONField(_("bestanden"), default=list, blank=True)
    error = models.TextField(_("fout"), blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("editie")
        verbose_name_plural = _("edities")

    def __str__(self) -> str:
        return f"{self.product} #{self.pk} ({EditionState(self.state).label})"

    def file(self, name: str) -> dict | None:
        """The entry of the file ``name`` in this edition, or None if it has no such file."""
        return next((entry for entry in self.files if entry["name"] == name), None)

    def path(self, name: str) -> str:
        return f"{self.product}/{self.folder}/{name}"
