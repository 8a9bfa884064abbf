"""Where a bundled fact comes from: the source document and an exact quote.

Every domain model inherits ``Provenanced``. Records that users create in the app have no
provenance document; records loaded from a dataset carry the seed and the quote, plus the
dataset key and fingerprint that make reloading idempotent without overwriting user edits.
"""

from django.core.exceptions import FieldDoesNotExist
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
        if self.provenance_document is None:
            return ""
        quote = strip_tags(self.provenance_quote)
        return f"{self.provenance_document.dated_title}: “{quote}”"


class DeclaredInSeveral(models.Model):
    """Abstract: a record the dataset declares in several documents (organisations, initiatives).

    The provenance fields hold the first declaration; every later one keeps its own quote here,
    with the fields it gave, so each value has the evidence of the document that states it.
    """

    alternative_names = models.JSONField(
        _("andere namen"),
        default=list,
        blank=True,
        help_text=_("Namen waaronder andere documenten dit noemen."),
    )
    # [{"seed": "001", "quote": "…", "fields": ["url", "start_year"]}, …]
    further_evidence = models.JSONField(_("verdere vindplaatsen"), default=list, blank=True)

    class Meta:
        abstract = True

    def further_sources(self) -> list[dict]:
        """The later declarations as a reader cites them: document title and date, quote, fields."""
        documents = {
            d.key: d
            for d in SourceDocument.objects.filter(
                key__in={e.get("seed") for e in self.further_evidence}
            )
        }
        return [
            {
                "document": documents[e["seed"]].dated_title if e.get("seed") in documents else "",
                "quote": strip_tags(e.get("quote", "")),
                "fields": [self._field_label(name) for name in e.get("fields", [])],
            }
            for e in self.further_evidence
        ]

    def _field_label(self, name: str) -> str:
        try:
            field = self._meta.get_field(name)
            # A reverse relation has no verbose name of its own: its name is the label.
            return str(getattr(field, "verbose_name", name))
        except FieldDoesNotExist:  # a dataset field the model stores under another name
            return name
