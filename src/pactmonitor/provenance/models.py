"""Where a bundled fact comes from: the source document and an exact quote.

Every domain model inherits ``Provenanced``. Records that users create in the app have no
provenance document; records loaded from a dataset carry the seed and the quote, plus the
dataset key and fingerprint that make reloading idempotent without overwriting user edits.
"""

from django.db import models
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    """A document a dataset was built from (one of the seeds)."""

    key = models.CharField(_("sleutel"), max_length=20, unique=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=200)
    title = models.CharField(_("titel"), max_length=300)
    date = models.DateField(_("datum van de feiten"), null=True, blank=True)
    date_text = models.CharField(_("datum zoals de bron die geeft"), max_length=200, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("brondocument")
        verbose_name_plural = _("brondocumenten")

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    @property
    def dated_title(self) -> str:
        """How a reader names the document: its title and date, never the file name."""
        when = self.date_text or (date_format(self.date, "j F Y") if self.date else "")
        return f"{self.title} ({when})" if when else self.title


class Provenanced(models.Model):
    """Abstract base: provenance plus the identity of a record in a bundled dataset."""

    provenance_document = models.ForeignKey(
        SourceDocument,
        verbose_name=_("brondocument"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    provenance_quote = models.TextField(_("citaat uit de bron"), blank=True)
    # A stable identity in the dataset ("techniekpact-2020/action/1"): reloading updates
    # the record instead of adding a second one.
    dataset_key = models.CharField(
        _("datasetsleutel"), max_length=255, null=True, blank=True, unique=True, editable=False
    )
    # Hash of the values as last loaded: a record whose values no longer match was edited
    # by a user, and a reload leaves it alone.
    dataset_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def provenance(self) -> str:
        """The source as a reader cites it: document title and date, then the quote.

        Quotes keep the seed's inline HTML (``<u>``) so they can be checked against it; a
        reader sees the words only.
        """
        if not self.provenance_document_id:
            return ""
        quote = strip_tags(self.provenance_quote)
        return f"{self.provenance_document.dated_title}: “{quote}”"
