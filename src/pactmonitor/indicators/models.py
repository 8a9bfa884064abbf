"""Indicators, their targets and their observed values per region, level and year."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pactmonitor.provenance.models import Provenanced

from .choices import EducationLevel, Unit


class Indicator(Provenanced):
    key = models.SlugField(_("sleutel"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=300)
    unit = models.CharField(_("eenheid"), max_length=20, choices=Unit.choices)
    unit_text = models.CharField(_("eenheid in woorden"), max_length=100, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
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
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        abstract = True

    @property
    def dimensions_text(self) -> str:
        return ", ".join(f"{k}: {v}" for k, v in sorted(self.dimensions.items()))


class Target(Measurement):
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")
        default_related_name = "targets"

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value:g} in {self.year or '?'}"


class Observation(Measurement):
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        default_related_name = "observations"
        indexes = [models.Index(fields=["indicator", "region", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value:g} ({self.year or '?'})"
