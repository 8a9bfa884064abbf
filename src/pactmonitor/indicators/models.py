"""Indicators, their targets and their observed values per region, level and year."""

from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pactmonitor.core.permissions import ScopedQuerySet
from pactmonitor.provenance.models import Provenanced

from .choices import BatchState, Dating, EducationLevel, Measure, Unit
from .permissions import FindingPolicy, ImportBatchPolicy


class Indicator(Provenanced):
    key = models.SlugField(_("sleutel"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=300)
    unit = models.CharField(_("eenheid"), max_length=20, choices=Unit.choices)
    unit_text = models.CharField(_("eenheid in woorden"), max_length=100, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    measure = models.CharField(
        _("soort grootheid"), max_length=10, choices=Measure.choices, default=Measure.COUNT
    )
    definition = models.TextField(
        _("definitie"),
        blank=True,
        help_text=_("Hoe is dit berekend: teller, noemer, bron en regio-indeling, in woorden."),
    )
    is_headline = models.BooleanField(_("kernindicator"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:indicator", args=[self.key])


class Measurement(Provenanced):
    """What targets and observations share: where, for which level, when, in which breakdown."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Leeg als de bron de regio niet noemt."),
    )
    education_level = models.CharField(
        _("onderwijsniveau"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    year = models.PositiveIntegerField(
        _("jaar"), null=True, blank=True, help_text=_("Leeg als de bron het jaar niet noemt.")
    )
    period_text = models.CharField(_("periode volgens de bron"), max_length=100, blank=True)
    dimensions = models.JSONField(_("verdere uitsplitsing"), default=dict, blank=True)
    value = models.FloatField(_("waarde"))
    # A range or bound as the source gives it ("minder dan 20%", "10 à 12", "ruim de helft"):
    # one or both ends, and the source's words.
    lower = models.FloatField(_("ondergrens"), null=True, blank=True)
    upper = models.FloatField(_("bovengrens"), null=True, blank=True)
    bound_text = models.CharField(
        _("grens volgens de bron"),
        max_length=100,
        blank=True,
        help_text=_("De woorden van de bron, zoals 'minder dan 20%' of '10 à 12'."),
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        abstract = True

    @property
    def dimensions_text(self) -> str:
        return ", ".join(f"{k}: {v}" for k, v in sorted(self.dimensions.items()))

    @property
    def is_range(self) -> bool:
        """The source gives a range or bound, not one exact value."""
        return self.lower is not None or self.upper is not None

    def figure_text(self, unit: str | None = None) -> str:
        """The figure as a reader reads it: "minder dan 20%", "10 a 12", "4 – 5", "57%".

        A range keeps the source's words when it has them ("ruim de helft"): they say whether
        the bound itself is included, which the two numbers do not.
        """
        unit = unit if unit is not None else self.indicator.unit
        if self.is_range and self.bound_text:
            return self.bound_text
        if self.lower is not None and self.upper is not None:
            return _("%(lower)s – %(upper)s") % {
                "lower": figure_number(self.lower, unit),
                "upper": figure_number(self.upper, unit),
            }
        if self.upper is not None:
            return _("ten hoogste %(value)s") % {"value": figure_number(self.upper, unit)}
        if self.lower is not None:
            return _("ten minste %(value)s") % {"value": figure_number(self.lower, unit)}
        return figure_number(self.value, unit) if self.value is not None else ""


def figure_number(value: float, unit: str) -> str:
    """A number as the reader's language writes it, with its unit: 1.400, 0,4, 57% in Dutch."""
    decimals = 0 if float(value).is_integer() else 1  # as the charts and reports round
    # Rounded first: number_format cuts decimals off instead of rounding.
    text = number_format(round(value, decimals), decimals, use_l10n=True, force_grouping=True)
    if unit == "percent":
        return f"{text}%"
    if unit == "euro":
        return f"€ {text}"
    return text


class Target(Measurement):
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "year"]
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")
        default_related_name = "targets"

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value:g} in {self.year or '?'}"


class Observation(Measurement):
    """A figure a document gives (a seed's "32,6% in 2014"); bulk open data are ``Figure`` rows."""

    # A range ("minder dan 20%") has its bounds and no exact value.
    value = models.FloatField(_("waarde"), null=True, blank=True)  # type: ignore[assignment]
    # A share as the source counts it ("20.617 van 51.998 examenkandidaten"), when it does.
    numerator = models.FloatField(_("teller"), null=True, blank=True)
    denominator = models.FloatField(_("noemer"), null=True, blank=True)
    # When the figure holds: the document's peildatum for a "huidige stand", the pact's
    # signing for the "van 45%" of a goal, else the year the text gives (docs/dataset.md).
    dating = models.CharField(
        _("datering"), max_length=20, choices=Dating.choices, default=Dating.STATED
    )
    as_of = models.DateField(_("stand per"), null=True, blank=True)
    as_of_text = models.CharField(
        _("stand per, in woorden"),
        max_length=200,
        blank=True,
        help_text=_("Waar de datum vandaan komt, zoals 'peildatum van Bijlage 1 (13 mei 2014)'."),
    )
    # A figure measured otherwise than its indicator's baseline (havo and vwo apart against
    # a combined 45%): shown with the reason, never set beside the baseline as a trend.
    comparable = models.BooleanField(_("vergelijkbaar met de uitgangswaarde"), default=True)
    comparability_note = models.TextField(_("waarom niet vergelijkbaar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "year"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        default_related_name = "observations"
        indexes = [models.Index(fields=["indicator", "region", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.figure_text()} ({self.year or '?'})"

    @property
    def is_point(self) -> bool:
        """An exact value, which a chart may draw as a point."""
        return self.value is not None and not self.is_range

    @property
    def when_text(self) -> str:
        """Year, source words, stand: "2014 (Huidige stand; stand per 13 mei 2014)"."""
        head = str(self.year) if self.year else (self.period_text or str(_("jaar niet genoemd")))
        extras = [self.period_text] if self.year and self.period_text else []
        if self.as_of or self.as_of_text:
            when = date_format(self.as_of, "j F Y") if self.as_of else self.as_of_text
            extras.append(str(_("stand per %(date)s") % {"date": when}))
        return f"{head} ({'; '.join(extras)})" if extras else head


class FindingQuerySet(ScopedQuerySet["Finding"]):
    def in_regions(self, ids: set[int]) -> FindingQuerySet:
        return self.filter(region__in=ids)


class Finding(Provenanced):
    """A qualitative finding of a document, in its own words ("In het VMBO en het MBO zien we
    het aantal leerlingen niet verder toenemen"): never a figure, which is an ``Observation``."""

    text = models.TextField(_("bevinding"))
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        help_text=_("Leeg als de bron de regio niet noemt."),
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        help_text=_("De indicator waar de bevinding over gaat, als die er is."),
    )
    education_levels = models.JSONField(_("onderwijsniveaus"), default=list, blank=True)
    # When it holds, as the document dates it: the document's year, and its day if it has one.
    year = models.PositiveIntegerField(_("jaar"), null=True, blank=True)
    as_of = models.DateField(_("stand per"), null=True, blank=True)
    as_of_text = models.CharField(_("stand per, in woorden"), max_length=200, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    objects = FindingQuerySet.as_manager()
    policy = FindingPolicy()

    class Meta:
        ordering = ["region_id", "id"]
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def education_level_labels(self) -> list[str]:
        labels = dict(EducationLevel.choices)
        return [str(labels.get(level, level)) for level in self.education_levels]

    @property
    def when_text(self) -> str:
        """ "2016 (notitie doorontwikkeling, 2016)": the year and where it comes from."""
        when = date_format(self.as_of, "j F Y") if self.as_of else (str(self.year or ""))
        if self.as_of_text:
            return f"{when} ({self.as_of_text})" if when else self.as_of_text
        return when or str(_("jaar niet genoemd"))


class ImportBatch(models.Model):
    """One import of a source table through its recipe: the unit of history of bulk figures.

    Its figures are never edited one by one: a newer file of the same table makes a new batch
    that supersedes this one, and a batch can be withdrawn as a whole.
    """

    # Set by import_file on the batch it returns: the same file was already the active import.
    unchanged: bool

    recipe = models.CharField(_("recept"), max_length=100)
    file_name = models.CharField(_("bestandsnaam"), max_length=300)
    sha256 = models.CharField(_("sha256"), max_length=64)
    size = models.BigIntegerField(_("grootte in bytes"), default=0)
    publisher = models.CharField(_("uitgever"), max_length=200)
    table_name = models.CharField(_("tabel"), max_length=300)
    licence = models.CharField(_("licentie"), max_length=100)
    licence_url = models.URLField(_("licentie-adres"), blank=True)
    imported_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("geïmporteerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("geïmporteerd op"), auto_now_add=True)
    state = models.CharField(
        _("status"), max_length=12, choices=BatchState.choices, default=BatchState.ACTIVE
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("vervangt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
    )
    rows_read = models.BigIntegerField(_("rijen gelezen"), default=0)
    rows_used = models.BigIntegerField(_("rijen gebruikt"), default=0)
    rows_skipped = models.BigIntegerField(_("rijen overgeslagen"), default=0)
    # {reason: count}, e.g. {"lege rij": 3, "geen techniek of totaal": 1200}
    skip_reasons = models.JSONField(_("redenen van overslaan"), default=dict, blank=True)
    # {"count": n, "examples": ["20XX00", ...]}: region codes that could not be placed.
    unplaced = models.JSONField(_("niet geplaatste regiocodes"), default=dict, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()
    policy = ImportBatchPolicy()

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("importbatch")
        verbose_name_plural = _("importbatches")
        indexes = [models.Index(fields=["recipe", "state"])]

    def __str__(self) -> str:
        return f"{self.recipe}: {self.file_name} ({self.imported_at:%Y-%m-%d})"


class FigureQuerySet(models.QuerySet):
    def in_use(self) -> FigureQuerySet:
        """The figures of active batches: superseded and withdrawn ones stay for the history."""
        return self.filter(batch__state=BatchState.ACTIVE)


class Figure(models.Model):
    """One imported figure: a count (or numerator over denominator) for a leaf region and year.

    Bulk data: written and withdrawn per batch, never edited, without per-row history.
    """

    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("importbatch"), on_delete=models.CASCADE, related_name="figures"
    )
    # No index of its own: the (indicator, year) index below serves every lookup by indicator,
    # and each index costs the import a b-tree insert per figure.
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="figures",
        db_index=False,
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("regio"), on_delete=models.PROTECT, related_name="+"
    )
    # The school or institution location the source row belongs to (BRIN, vestiging).
    location = models.CharField(_("vestiging"), max_length=50, blank=True)
    year = models.PositiveIntegerField(_("jaar"))
    education_level = models.CharField(
        _("onderwijsniveau"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    numerator = models.FloatField(_("teller"))
    denominator = models.FloatField(_("noemer"), null=True, blank=True)

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("cijfer")
        verbose_name_plural = _("cijfers")
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.region_id}/{self.year}: {self.numerator:g}"


def _new_token() -> str:
    return uuid.uuid4().hex


class SnapshotVersion(models.Model):
    """A counter bumped whenever what the columnar snapshot holds changes (see ``rollup``).

    One row. Every worker process compares it (with the batches' ids) to the snapshot it
    reads, in one cheap query, so a batch landing in one process is seen by all.
    """

    counter = models.BigIntegerField(_("volgnummer"), default=0)
    # Random per database: two databases (test runs, a restored copy) that share a data
    # directory never take each other's snapshot or batch files for their own.
    token = models.CharField(_("kenmerk"), max_length=32, default=_new_token)

    class Meta:
        verbose_name = _("versie van de kolomopslag")
        verbose_name_plural = _("versies van de kolomopslag")

    def __str__(self) -> str:
        return str(self.counter)
