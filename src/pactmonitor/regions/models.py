"""Regions: the country, landsdelen, provinces, subregions, labour-market regions, municipalities.

A region has one main parent (the tree used to roll figures up) and may also belong to other
groupings: West-Brabant sits under Zuidwest and also works with Zuidoost.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pactmonitor.core.permissions import ScopedQuerySet
from pactmonitor.progress.choices import RoundState
from pactmonitor.provenance.models import Provenanced

from .choices import RegionKind
from .permissions import RegionProfilePolicy
from .tree import RegionTree, region_tree


class RegionQuerySet(models.QuerySet):
    def landsdelen(self) -> RegionQuerySet:
        return self.filter(kind=RegionKind.LANDSDEEL)

    def in_grouping(self, region: Region) -> RegionQuerySet:
        """Regions that sit under ``region`` as main parent or through a grouping."""
        return self.filter(models.Q(parent=region) | models.Q(groupings=region)).distinct()

    def members(self, region: Region) -> RegionQuerySet:
        """The regions one step inside ``region`` (main parent or ``part_of``) or working with
        it (``groupings``): what the region's page lists, not every municipality below it."""
        inside = models.Q(parent=region) | models.Q(part_of=region) | models.Q(groupings=region)
        return self.filter(inside).distinct()


class Region(Provenanced):
    key = models.SlugField(_("sleutel"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hoort bij"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    groupings = models.ManyToManyField(
        "self",
        verbose_name=_("werkt ook samen met"),
        symmetrical=False,
        blank=True,
        related_name="grouped_members",
        help_text=_("Andere regio's waar deze regio ook toe behoort, naast de hoofdregio."),
    )
    grouping_note = models.TextField(_("toelichting op de groepering"), blank=True)
    # The CBS code ("GM0106", "CR12", "PV22", "AM01"): how open data finds the region.
    code = models.CharField(
        _("CBS-code"), max_length=20, null=True, blank=True, unique=True, default=None
    )
    # Containment besides the main parent, for adding up figures: COROP area
    # West-Noord-Brabant lies in landsdeel Zuidwest (main parent) and also in the province of
    # Noord-Brabant; a municipality also lies in its arbeidsmarktregio. Unlike ``groupings``
    # (working together), every region listed here contains all of this region.
    part_of = models.ManyToManyField(
        "self",
        verbose_name=_("ligt ook in"),
        symmetrical=False,
        blank=True,
        related_name="parts",
        help_text=_("Regio's die deze regio geheel omvatten, naast de hoofdregio."),
    )
    history = HistoricalRecords()

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        if self.kind == RegionKind.LANDSDEEL:
            return reverse("web:landsdeel", args=[self.key])
        return reverse("web:region", args=[self.key])

    # The tree questions are answered by the request's RegionTree (regions/tree.py): the whole
    # tree in two queries, however often a page asks.

    def _tree(self) -> RegionTree:
        tree = region_tree()
        return tree if self.pk in tree else RegionTree.load()

    def ancestors(self) -> list[Region]:
        """The chain of main parents, nearest first."""
        return self._tree().ancestors(self.pk)

    def landsdeel(self) -> Region | None:
        """The landsdeel this region lies in by its main parent (itself, if it is one), else
        the one landsdeel that contains it through ``part_of``."""
        return self._tree().landsdeel(self.pk)

    def all_landsdelen(self) -> list[Region]:
        """Every landsdeel the region belongs to: by main parent, containment or grouping."""
        return self._tree().all_landsdelen(self.pk)

    def descendant_ids(self) -> set[int]:
        """Ids of this region and every region that lies in it (main parent or ``part_of``).

        Not the regions that only work with it (``groupings``)."""
        return self._tree().descendant_ids(self.pk)


class RegionProfileQuerySet(ScopedQuerySet["RegionProfile"]):
    def published(self) -> RegionProfileQuerySet:
        """What the public may see: the profiles of published rounds."""
        return self.filter(round__state=RoundState.PUBLISHED)


class RegionProfile(Provenanced):
    """A landsdeel's organisation, main results and priorities, as reported in one round."""

    region = models.ForeignKey(
        Region, verbose_name=_("landsdeel"), on_delete=models.CASCADE, related_name="profiles"
    )
    round = models.ForeignKey(
        "progress.ReportingRound",
        verbose_name=_("rapportageronde"),
        on_delete=models.PROTECT,
        related_name="region_profiles",
    )
    organisation = models.TextField(_("organisatie"), blank=True)
    priorities = models.TextField(_("prioriteiten voor het komende jaar"), blank=True)
    history = HistoricalRecords()

    objects = RegionProfileQuerySet.as_manager()
    policy = RegionProfilePolicy()

    class Meta:
        ordering = ["region__name", "round__peildatum"]
        verbose_name = _("landsdeelprofiel")
        verbose_name_plural = _("landsdeelprofielen")
        constraints = [
            models.UniqueConstraint(fields=["region", "round"], name="one_profile_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.region} – {self.round}"


class RegionResult(Provenanced):
    """One main result in a profile, for an action line and/or a province or subregion."""

    profile = models.ForeignKey(
        RegionProfile, verbose_name=_("profiel"), on_delete=models.CASCADE, related_name="results"
    )
    action_line = models.ForeignKey(
        "pacts.ActionLine",
        verbose_name=_("actielijn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    subregion = models.ForeignKey(
        Region,
        verbose_name=_("provincie of subregio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    heading = models.CharField(_("kop"), max_length=300, blank=True)
    text = models.TextField(_("tekst"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["profile", "order"]
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")

    def __str__(self) -> str:
        return self.heading or self.text[:60]
