"""The pact registry: pacts, action lines, actions, sub-measures, goals, owners."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from django.core.validators import RegexValidator
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pactmonitor.core.permissions import ScopedQuerySet
from pactmonitor.provenance.models import DeclaredInSeveral, Provenanced

if TYPE_CHECKING:
    from pactmonitor.regions.models import Region

from .choices import ACTION_NUMBER_HELP, ACTION_NUMBER_PATTERN, LeadBasis, PactLevel, Sector
from .permissions import ActionPolicy, PactMilestonePolicy, PactPolicy


class Organisation(DeclaredInSeveral, Provenanced):
    key = models.SlugField(_("sleutel"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=300)
    short_name = models.CharField(_("korte naam"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("regio"), null=True, blank=True, on_delete=models.SET_NULL
    )
    url = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.short_name or self.name


class ContactPerson(Provenanced):
    """Personal data: kept for coordinators, never shown in a public page, export or API."""

    name = models.CharField(_("naam"), max_length=200, blank=True)
    role = models.CharField(_("functie"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    pact = models.ForeignKey(
        "Pact", verbose_name=_("pact"), null=True, blank=True, on_delete=models.SET_NULL
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("regio"), null=True, blank=True, on_delete=models.SET_NULL
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")

    def __str__(self) -> str:
        return self.name or self.email


class PactQuerySet(ScopedQuerySet["Pact"]):
    pass


class Pact(Provenanced):
    key = models.SlugField(_("sleutel"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=300)
    level = models.CharField(_("niveau"), max_length=20, choices=PactLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("draagt bij aan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pacts",
    )
    period_start = models.PositiveIntegerField(_("looptijd van"), null=True, blank=True)
    period_end = models.PositiveIntegerField(_("looptijd tot"), null=True, blank=True)
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    parties = models.TextField(_("partijen"), blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    # Who sends the pact's reports (the author of a PDF or DOCX); blank: the pact itself.
    secretariat = models.CharField(
        _("secretariaat"),
        max_length=300,
        blank=True,
        help_text=_("Wie de rapportages van het pact verstuurt; leeg: het pact zelf."),
    )
    history = HistoricalRecords()

    objects = PactQuerySet.as_manager()
    policy = PactPolicy()

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("pact")
        verbose_name_plural = _("pacten")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:pact", args=[self.key])

    @property
    def period(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")


class ActionLineQuerySet(models.QuerySet["ActionLine"]):
    def in_pact_order(self) -> ActionLineQuerySet:
        """By pact (level, then name), then the line's own order."""
        return self.order_by("pact__level", "pact__name", "order")


class ActionLine(Provenanced):
    pact = models.ForeignKey(
        Pact, verbose_name=_("pact"), on_delete=models.CASCADE, related_name="action_lines"
    )
    key = models.SlugField(_("sleutel"), max_length=50)
    name = models.CharField(_("naam"), max_length=200)
    national_goal = models.TextField(_("landelijk doel"), blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    contributes_to = models.ManyToManyField(
        "self",
        verbose_name=_("draagt bij aan landelijke ambities"),
        symmetrical=False,
        blank=True,
        related_name="contributions",
    )
    contribution_note = models.TextField(_("toelichting op de bijdrage"), blank=True)
    history = HistoricalRecords()

    objects = ActionLineQuerySet.as_manager()

    class Meta:
        ordering = ["pact_id", "order"]
        verbose_name = _("actielijn")
        verbose_name_plural = _("actielijnen")
        constraints = [
            models.UniqueConstraint(fields=["pact", "key"], name="action_line_key_unique_per_pact")
        ]

    def __str__(self) -> str:
        return self.name


# The order pages and documents list actions in: by pact (level, then name), then number.
# Meta.ordering holds local columns only, so a plain query joins nothing; a list across pacts
# asks for this order (``in_pact_order()``, or ``action_order("action__")`` from a child row).
ACTION_ORDER = ("pact__level", "pact__name", "position", "number")


def action_order(prefix: str = "") -> list[str]:
    return [f"{prefix}{name}" for name in ACTION_ORDER]


class ActionQuerySet(ScopedQuerySet["Action"]):
    def national(self) -> ActionQuerySet:
        return self.filter(pact__level=PactLevel.NATIONAL)

    def in_region(self, region: Region) -> ActionQuerySet:
        """Actions of the pacts of a landsdeel and of the pacts below it."""
        return self.filter(
            models.Q(pact__region__in=region.descendant_ids()) | models.Q(region=region)
        ).distinct()

    def in_pact_order(self) -> ActionQuerySet:
        """By pact (level, then name) and number, as the pages and documents list them."""
        return self.order_by(*ACTION_ORDER)

    def led_by(self, organisation: Organisation) -> ActionQuerySet:
        return self.filter(leads=organisation)


def number_sort_key(number: str) -> int:
    """'12' → 12000, '3b' → 3002: numbers sort as numbers, not as text."""
    match = re.match(r"(\d+)\s*([a-z]?)", number.strip().lower())
    if not match:
        return 999_999
    letter = match.group(2)
    return int(match.group(1)) * 1000 + (ord(letter) - ord("a") + 1 if letter else 0)


class Action(Provenanced):
    pact = models.ForeignKey(
        Pact, verbose_name=_("pact"), on_delete=models.CASCADE, related_name="actions"
    )
    number = models.CharField(
        _("nummer"),
        max_length=20,
        validators=[
            RegexValidator(
                ACTION_NUMBER_PATTERN,
                _("Een actienummer is 1 tot 3 cijfers, eventueel gevolgd door één kleine letter."),
            )
        ],
        help_text=ACTION_NUMBER_HELP,
    )
    position = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(_("titel"), max_length=500)
    text = models.TextField(_("volledige tekst"), blank=True)
    action_line = models.ForeignKey(
        ActionLine,
        verbose_name=_("actielijn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    theme = models.CharField(_("thema"), max_length=300, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text=_("De regio waar de actie over gaat, als die kleiner is dan die van het pact."),
    )
    ambition = models.TextField(_("ambitie"), blank=True)
    leads = models.ManyToManyField(
        Organisation, verbose_name=_("trekkers"), blank=True, related_name="led_actions"
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="partner_actions"
    )
    lead_text = models.TextField(_("trekker volgens de bron"), blank=True)
    # A lead the source names not at the action but in a line that covers a group of actions
    # (001) or in the sub-measures (002) is inferred; the line it came from is kept.
    lead_basis = models.CharField(
        _("herkomst van de trekker"),
        max_length=20,
        choices=LeadBasis.choices,
        default=LeadBasis.STATED,
    )
    lead_quote = models.TextField(_("afgeleid uit"), blank=True)
    partners_text = models.TextField(_("partners volgens de bron"), blank=True)
    note = models.TextField(
        _("toelichting"),
        blank=True,
        help_text=_("Opmerkingen van de redactie; de tekstvelden houden alleen de brontekst."),
    )
    serves_actions = models.ManyToManyField(
        "self",
        verbose_name=_("draagt bij aan acties"),
        symmetrical=False,
        blank=True,
        related_name="served_by",
    )
    serves_action_lines = models.ManyToManyField(
        ActionLine,
        verbose_name=_("draagt bij aan ambities"),
        blank=True,
        related_name="served_by",
    )
    serves_note = models.TextField(_("toelichting op de bijdrage"), blank=True)
    history = HistoricalRecords(m2m_fields=[leads, partners])

    objects = ActionQuerySet.as_manager()
    policy = ActionPolicy()

    class Meta:
        ordering = ["pact_id", "position", "number"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        constraints = [
            models.UniqueConstraint(fields=["pact", "number"], name="action_number_unique_per_pact")
        ]

    def __str__(self) -> str:
        return f"{self.pact.name} {self.number}. {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.position = number_sort_key(self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        # A number stored before the pattern held (or past the form) must not break the
        # pages that link here: at worst the link leads to the pact.
        try:
            return reverse("web:action", args=[self.pact.key, self.number])
        except NoReverseMatch:
            return self.pact.get_absolute_url()

    @property
    def is_reported_per_sub_measure(self) -> bool:
        return self.sub_measures.exists()


class SubMeasure(Provenanced):
    action = models.ForeignKey(
        Action, verbose_name=_("actie"), on_delete=models.CASCADE, related_name="sub_measures"
    )
    letter = models.CharField(_("letter"), max_length=5)
    text = models.TextField(_("tekst"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_id", "letter"]
        verbose_name = _("deelmaatregel")
        verbose_name_plural = _("deelmaatregelen")
        constraints = [
            models.UniqueConstraint(fields=["action", "letter"], name="sub_measure_letter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.action.number}{self.letter}"


class OperationalGoalQuerySet(models.QuerySet):
    def due_before(self, day: datetime.date) -> OperationalGoalQuerySet:
        return self.filter(deadline__lt=day)


class OperationalGoal(Provenanced):
    """A concrete, dated goal of an action ("plan van aanpak gereed eind 2013")."""

    action = models.ForeignKey(
        Action, verbose_name=_("actie"), on_delete=models.CASCADE, related_name="operational_goals"
    )
    text = models.TextField(_("operationeel doel"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(_("deadline volgens de bron"), max_length=200, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    objects = OperationalGoalQuerySet.as_manager()

    class Meta:
        ordering = ["action_id", "deadline"]
        verbose_name = _("operationeel doel")
        verbose_name_plural = _("operationele doelen")

    def __str__(self) -> str:
        return self.text[:80]


class PactMilestoneQuerySet(ScopedQuerySet["PactMilestone"]):
    pass


class PactMilestone(Provenanced):
    """A line of a pact's own planning ("13 mei 2013: Ondertekening landelijk techniekpact"),
    apart from its actions: the date as the text dates it, the words kept in ``date_text``."""

    pact = models.ForeignKey(
        Pact, verbose_name=_("pact"), on_delete=models.CASCADE, related_name="planning"
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    date = models.DateField(_("datum"), null=True, blank=True)
    date_text = models.CharField(_("datum volgens de bron"), max_length=200, blank=True)
    text = models.TextField(_("omschrijving"))
    note = models.TextField(
        _("toelichting"),
        blank=True,
        help_text=_("Opmerkingen van de redactie, zoals waar het jaar vandaan komt."),
    )
    history = HistoricalRecords()

    objects = PactMilestoneQuerySet.as_manager()
    policy = PactMilestonePolicy()

    class Meta:
        ordering = ["pact_id", "position"]
        verbose_name = _("planningspunt")
        verbose_name_plural = _("planning")

    def __str__(self) -> str:
        when = self.date_text or self.date or _("zonder datum")  # not in the f-string: xgettext
        return f"{when}: {self.text[:80]}"
