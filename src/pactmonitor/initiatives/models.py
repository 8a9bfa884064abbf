"""The registry of regional initiatives that serve the action lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pactmonitor.core.permissions import ScopedQuerySet
from pactmonitor.core.review import Proposal, Reviewed
from pactmonitor.indicators.choices import EducationLevel
from pactmonitor.provenance.models import DeclaredInSeveral, Provenanced

from .choices import InitiativeKind, ReviewState
from .permissions import InitiativeChangePolicy, InitiativePolicy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from .search import query_words, search_column


class InitiativeQuerySet(ScopedQuerySet["Initiative"]):
    def public(self) -> InitiativeQuerySet:
        """What the public may see (finder, pages, search, API, open data, reports): approved
        initiatives only. Every public query of initiatives starts here."""
        return self.filter(review_state=ReviewState.APPROVED)

    def awaiting_review(self) -> InitiativeQuerySet:
        return self.filter(review_state=ReviewState.PENDING)

    def with_education_level(self, level: str) -> InitiativeQuerySet:
        # Levels are stored as " mbo hbo " so one portable LIKE finds a whole token.
        return self.filter(education_levels__contains=f" {level} ")

    def search(self, query: str) -> InitiativeQuerySet:
        """Initiatives whose folded text contains every word of ``query`` (see search.py)."""
        result = self
        for word in query_words(query):
            result = result.filter(search_text__contains=word)
        return result


class Initiative(DeclaredInSeveral, Provenanced, Reviewed):
    key = models.SlugField(_("sleutel"), max_length=150, unique=True)
    name = models.CharField(_("naam"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=InitiativeKind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("regio's"), blank=True, related_name="initiatives"
    )
    institutions = models.ManyToManyField(
        "pacts.Organisation", verbose_name=_("instellingen"), blank=True, related_name="initiatives"
    )
    action_lines = models.ManyToManyField(
        "pacts.ActionLine", verbose_name=_("actielijnen"), blank=True, related_name="initiatives"
    )
    education_levels = models.CharField(
        _("onderwijsniveaus"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Spatiegescheiden codes: po vo vmbo havo vwo havo-vwo mbo hbo wo ho."),
    )
    sectors = models.JSONField(_("sectoren"), default=list, blank=True)
    start_year = models.PositiveIntegerField(_("startjaar"), null=True, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    serves = models.ManyToManyField(
        "pacts.Action",
        verbose_name=_("draagt bij aan acties"),
        blank=True,
        related_name="initiatives",
    )
    # Folded name, description, kind, regions and institutions, kept up to date on save and when
    # the regions or institutions change; what the finder searches.
    search_text = models.TextField(_("zoektekst"), blank=True, default="", editable=False)
    # A new initiative from the work pages waits for review; the bundled ones are approved.
    review_state = models.CharField(
        _("beoordeling"), max_length=20, choices=ReviewState.choices, default=ReviewState.PENDING
    )
    review_state_field = "review_state"
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = InitiativeQuerySet.as_manager()
    policy = InitiativePolicy()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:initiative", args=[self.key])

    @property
    def is_public(self) -> bool:
        return self.review_state == ReviewState.APPROVED

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.education_levels = self.normalise_levels(self.education_levels)
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        related: list[str] = []
        if self.pk:
            related += [r.name for r in self.regions.all()]
            related += [f"{o.name} {o.short_name}" for o in self.institutions.all()]
        kind = InitiativeKind(self.kind).label if self.kind in InitiativeKind.values else ""
        return search_column(self.name, self.description, str(kind), *related)

    def refresh_search_text(self) -> None:
        """Store the search text again (after the regions or institutions changed)."""
        Initiative.objects.filter(pk=self.pk).update(search_text=self.build_search_text())

    @staticmethod
    def normalise_levels(levels: str | list[str]) -> str:
        tokens = levels.split() if isinstance(levels, str) else list(levels)
        unknown = [t for t in tokens if t not in EducationLevel.values]
        if unknown:
            raise ValueError(f"unknown education level(s): {', '.join(unknown)}")
        return f" {' '.join(tokens)} " if tokens else ""

    @property
    def education_level_labels(self) -> list[StrOrPromise]:
        return [EducationLevel(t).label for t in self.education_levels.split()]

    def possibly_same(self) -> list[PossiblySame]:
        """The links to records that may be this one, from either side."""
        links = PossiblySame.objects.select_related("initiative", "other", "organisation")
        return list(links.filter(models.Q(initiative=self) | models.Q(other=self)))


class PossiblySame(Provenanced):
    """Two records that may be one initiative ("mogelijk dezelfde"); the text does not say so.

    The dataset keeps them apart, because it merges only where the text says two names are one,
    and links them here with the reason, shown on the pages of both.
    """

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="possibly_same_links",
    )
    other = models.ForeignKey(
        Initiative,
        verbose_name=_("mogelijk hetzelfde initiatief"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="possibly_same_back_links",
    )
    organisation = models.ForeignKey(
        "pacts.Organisation",
        verbose_name=_("mogelijk dezelfde organisatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="possibly_same_initiatives",
    )
    reason = models.TextField(_("reden"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mogelijk dezelfde")
        verbose_name_plural = _("mogelijk dezelfde")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(other__isnull=False) | models.Q(organisation__isnull=False),
                name="possibly_same_names_another_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} ~ {self.other or self.organisation}"

    def counterpart(self, initiative: Initiative) -> Initiative | models.Model | None:
        """The record on the other side of the link, seen from ``initiative``."""
        if self.other_id and self.other_id != initiative.pk:
            return self.other
        if self.other_id == initiative.pk:
            return self.initiative
        return self.organisation


class InitiativeChangeQuerySet(ScopedQuerySet["InitiativeChange"]):
    def pending(self) -> InitiativeChangeQuerySet:
        return self.filter(state=ReviewState.PENDING)


class InitiativeChange(Proposal):
    """A change to an approved (public) initiative, waiting for review. The public keeps
    seeing the approved version until the change is approved; ``data`` holds the form's
    fields as submitted, and approving applies them through the same form."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    data = models.JSONField(_("voorgestelde gegevens"))
    state = models.CharField(
        _("beoordeling"), max_length=20, choices=ReviewState.choices, default=ReviewState.PENDING
    )
    history = HistoricalRecords()

    objects = InitiativeChangeQuerySet.as_manager()
    policy = InitiativeChangePolicy()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("voorgestelde wijziging van een initiatief")
        verbose_name_plural = _("voorgestelde wijzigingen van initiatieven")

    def __str__(self) -> str:
        return f"{self.initiative} ({self.get_state_display()})"


def _related_changed(
    sender: type[models.Model], instance: models.Model, action: str, reverse: bool, **kwargs: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Initiative):
        instance.refresh_search_text()
    else:  # changed from the other side (region.initiatives.add(...))
        for initiative in Initiative.objects.filter(pk__in=kwargs.get("pk_set") or []):
            initiative.refresh_search_text()


models.signals.m2m_changed.connect(_related_changed, sender=Initiative.regions.through)
models.signals.m2m_changed.connect(_related_changed, sender=Initiative.institutions.through)
