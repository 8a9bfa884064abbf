"""Reporting rounds, the status updates collected in them, and each landsdeel's profile per
round (its organisation, main results and priorities)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pactmonitor.core.permissions import Actor, ScopedQuerySet
from pactmonitor.core.review import Proposal, Reviewed
from pactmonitor.provenance.models import Provenanced

from .choices import Basis, ProfileState, ProposalState, Reporting, RoundState, Status, UpdateState
from .permissions import (
    NOT_REPORTED,
    OPEN_DRAFT,
    SUBMITTABLE,
    EvidencePolicy,
    ProposedCorrectionPolicy,
    RegionProfilePolicy,
    ReportingRoundPolicy,
    StatusUpdatePolicy,
)

if TYPE_CHECKING:
    from pactmonitor.pacts.models import Action, SubMeasure


class ReportingRoundQuerySet(ScopedQuerySet["ReportingRound"]):
    def published(self) -> ReportingRoundQuerySet:
        return self.filter(state=RoundState.PUBLISHED)


class ReportingRound(Provenanced):
    """A round of status updates; its peildatum is the date the statuses refer to."""

    pact = models.ForeignKey(
        "pacts.Pact", verbose_name=_("pact"), on_delete=models.PROTECT, related_name="rounds"
    )
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    peildatum = models.DateField(_("peildatum"))
    peildatum_text = models.CharField(_("peildatum volgens de bron"), max_length=200, blank=True)
    deadline = models.DateField(_("inleverdatum"), null=True, blank=True)
    state = models.CharField(
        _("fase"), max_length=20, choices=RoundState.choices, default=RoundState.DRAFT
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ReportingRoundQuerySet.as_manager()
    policy = ReportingRoundPolicy()

    class Meta:
        ordering = ["peildatum"]
        verbose_name = _("rapportageronde")
        verbose_name_plural = _("rapportagerondes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:round", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.state == RoundState.PUBLISHED

    def previous(self) -> ReportingRound | None:
        return (
            ReportingRound.objects.filter(pact=self.pact, peildatum__lt=self.peildatum)
            .order_by("-peildatum")
            .first()
        )


# The pact's own order (level, then name) and the action's number order, spelled out.
REPORT_ORDER = (
    "round__peildatum",
    "action__pact__level",
    "action__pact__name",
    "action__position",
    "action__number",
    "sub_measure__letter",
    "version",
)


class StatusUpdateQuerySet(ScopedQuerySet["StatusUpdate"]):
    def current(self) -> StatusUpdateQuerySet:
        """The latest version of each update (a correction replaces what it corrects)."""
        return self.filter(is_current=True)

    def published(self) -> StatusUpdateQuerySet:
        return self.filter(state=UpdateState.PUBLISHED)

    def public(self) -> StatusUpdateQuerySet:
        """What the public may see: the current published versions of published rounds that
        report something. A carried-over update nobody changed or confirmed was published with
        its round but reports nothing: the public pages, reports and API count its action as
        not reported in that round."""
        return self.current().published().reported().filter(round__state=RoundState.PUBLISHED)

    def in_report_order(self) -> StatusUpdateQuerySet:
        """As the documents list them: by round, pact, action number, sub-measure, version."""
        return self.order_by(*REPORT_ORDER)

    def for_round(self, round: ReportingRound) -> StatusUpdateQuerySet:
        return self.filter(round=round)

    def open_drafts(self) -> StatusUpdateQuerySet:
        """The current drafts of open rounds: what may be edited and submitted."""
        return self.filter(OPEN_DRAFT)

    def submittable(self) -> StatusUpdateQuerySet:
        """The current drafts of open rounds, ready for review or not: what a coordinator may
        submit and what may still be edited."""
        return self.filter(SUBMITTABLE)

    def ready(self) -> StatusUpdateQuerySet:
        return self.filter(state=UpdateState.READY)

    def with_earlier_update(self) -> StatusUpdateQuerySet:
        """Updates whose action or sub-measure has a current update in an earlier round: what
        confirming unchanged confirms (``services.previous_update`` finds it), in one query."""
        whole = models.Value(0, output_field=models.IntegerField())
        earlier = (
            StatusUpdate.objects.current()
            .filter(
                action=models.OuterRef("action"),
                round__peildatum__lt=models.OuterRef("round__peildatum"),
            )
            .annotate(part=Coalesce("sub_measure", whole))
            .filter(part=Coalesce(models.OuterRef("sub_measure"), whole))
        )
        return self.filter(models.Exists(earlier))

    def editable_by(self, user: Actor) -> StatusUpdateQuerySet:
        """The drafts of open rounds that the user may edit now (marked ready or not)."""
        return self.for_user(user, "edit").submittable()

    def reported(self) -> StatusUpdateQuerySet:
        """Updates that report something: their content was changed in the round (or came
        from the source documents), or someone confirmed the carried-over content."""
        return self.exclude(NOT_REPORTED)

    def not_reported(self) -> StatusUpdateQuerySet:
        """Updates still as the round opened them, which nobody changed or confirmed."""
        return self.filter(NOT_REPORTED)


def _who(verbose_name: Any) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class PublishedUpdateIsFrozen(ValidationError):
    pass


class StatusUpdate(Provenanced):
    """The status of an action (or one of its sub-measures) in a reporting round.

    A published update is frozen: a correction is a new version that points to the one it
    corrects, with a reason; both stay in the history.
    """

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("ronde"), on_delete=models.PROTECT, related_name="updates"
    )
    action = models.ForeignKey(
        "pacts.Action", verbose_name=_("actie"), on_delete=models.CASCADE, related_name="updates"
    )
    sub_measure = models.ForeignKey(
        "pacts.SubMeasure",
        verbose_name=_("deelmaatregel"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="updates",
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    is_current = models.BooleanField(_("actuele versie"), default=True, editable=False)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrigeert"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    correction_reason = models.TextField(_("reden van de correctie"), blank=True)
    state = models.CharField(
        _("fase"), max_length=20, choices=UpdateState.choices, default=UpdateState.DRAFT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONBEKEND
    )
    basis = models.CharField(
        _("grondslag"), max_length=20, choices=Basis.choices, default=Basis.UNKNOWN
    )
    basis_quote = models.TextField(_("citaat waaruit de status blijkt"), blank=True)
    narrative = models.TextField(_("stand van zaken"), blank=True)
    new = models.TextField(_("nieuw sinds de vorige ronde"), blank=True)
    review_comment = models.TextField(_("opmerking van de beoordelaar"), blank=True)
    # The author: the last person who changed the content (the state steps leave it alone).
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # True while the content is what the round opened the draft with (the previous round's,
    # or nothing): such an update reports nothing until changed or confirmed unchanged.
    carried_over = models.BooleanField(_("overgenomen uit de vorige ronde"), default=False)
    confirmed_by = _who(_("ongewijzigd bevestigd door"))
    confirmed_at = models.DateTimeField(_("ongewijzigd bevestigd op"), null=True, blank=True)
    submitted_by = _who(_("ingediend door"))
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    approved_by = _who(_("goedgekeurd door"))
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    # Bumped on every save; an edit based on an older revision is refused (no lost work).
    revision = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = StatusUpdateQuerySet.as_manager()
    policy = StatusUpdatePolicy()

    class Meta:
        # Local columns only: a plain query joins nothing. Pages that list the updates of
        # several actions ask for ``in_report_order()``.
        ordering = ["round_id", "action_id", "sub_measure_id", "version"]
        verbose_name = _("statusupdate")
        verbose_name_plural = _("statusupdates")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "action", "version"],
                condition=models.Q(sub_measure__isnull=True),
                name="one_update_per_action_per_round",
            ),
            models.UniqueConstraint(
                fields=["round", "sub_measure", "version"],
                condition=models.Q(sub_measure__isnull=False),
                name="one_update_per_sub_measure_per_round",
            ),
        ]

    def __str__(self) -> str:
        subject = f"{self.action.number}{self.sub_measure.letter if self.sub_measure else ''}"
        return f"{self.round.slug} – {self.action.pact.name} {subject}"

    @property
    def subject(self) -> SubMeasure | Action:
        return self.sub_measure or self.action

    @property
    def reporting(self) -> Reporting:
        """Changed, confirmed unchanged, or not reported (see ``Reporting``)."""
        if not self.carried_over:
            return Reporting.CHANGED
        return Reporting.CONFIRMED if self.confirmed_at else Reporting.NOT_REPORTED

    @property
    def is_frozen(self) -> bool:
        return self.state == UpdateState.PUBLISHED

    def clean(self) -> None:
        if self.sub_measure is not None and self.sub_measure.action_id != self.action_id:
            raise ValidationError(
                {"sub_measure": _("Deze deelmaatregel hoort bij een andere actie.")}
            )
        if self.basis == Basis.ASSESSED and not self.basis_quote:
            raise ValidationError(
                {"basis_quote": _("Een afgeleide status vraagt het citaat waaruit die blijkt.")}
            )
        if self.status == Status.ONBEKEND and self.basis != Basis.UNKNOWN:
            raise ValidationError({"basis": _("Een onbekende status heeft geen grondslag.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk:
            stored = StatusUpdate.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored == UpdateState.PUBLISHED:
                raise PublishedUpdateIsFrozen(
                    _("Een gepubliceerde statusupdate wordt niet overschreven; maak een correctie.")
                )
        self.revision += 1
        super().save(*args, **kwargs)


class MilestoneQuerySet(ScopedQuerySet["Milestone"]):
    pass


class Milestone(Provenanced):
    update = models.ForeignKey(
        StatusUpdate,
        verbose_name=_("statusupdate"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    date = models.DateField(_("datum"), null=True, blank=True)
    date_text = models.CharField(_("datum volgens de bron"), max_length=200, blank=True)
    text = models.TextField(_("mijlpaal"))
    history = HistoricalRecords()

    objects = MilestoneQuerySet.as_manager()
    policy = EvidencePolicy()

    class Meta:
        ordering = ["update_id", "date", "id"]
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")

    def __str__(self) -> str:
        return self.text[:80]


class SourceQuerySet(ScopedQuerySet["Source"]):
    pass


class Source(Provenanced):
    """Where the evidence for an update can be found (vindplaats)."""

    update = models.ForeignKey(
        StatusUpdate,
        verbose_name=_("statusupdate"),
        on_delete=models.CASCADE,
        related_name="sources",
    )
    title = models.TextField(_("omschrijving"))
    url = models.URLField(_("adres"), max_length=1000, blank=True)
    history = HistoricalRecords()

    objects = SourceQuerySet.as_manager()
    policy = EvidencePolicy()

    class Meta:
        ordering = ["update_id", "id"]
        verbose_name = _("vindplaats")
        verbose_name_plural = _("vindplaatsen")

    def __str__(self) -> str:
        return self.title[:80]


class SentReminder(models.Model):
    """A reminder mail that went out: each (contributor, round, reminder day) is sent once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("ronde"),
        on_delete=models.CASCADE,
        related_name="sent_reminders",
    )
    days_before = models.IntegerField(_("dagen voor de inleverdatum"))
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        ordering = ["round_id", "user_id", "-days_before"]
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "round", "days_before"], name="one_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.round} – {self.days_before}"


# A list of profiles across landsdelen or rounds, as pages and files show it (a join each).
PROFILE_ORDER = ("region__name", "round__peildatum")


class RegionProfileQuerySet(ScopedQuerySet["RegionProfile"]):
    def published(self) -> RegionProfileQuerySet:
        """What the public may see: the approved profiles that went out with a published round
        (a profile carried over untouched is not among them: see ``not_updated``)."""
        return self.filter(state=ProfileState.PUBLISHED, round__state=RoundState.PUBLISHED)

    def not_updated(self) -> RegionProfileQuerySet:
        """The profiles of published rounds that nobody updated: shown as "niet bijgewerkt"."""
        return self.filter(state=ProfileState.NOT_UPDATED, round__state=RoundState.PUBLISHED)

    def awaiting_review(self) -> RegionProfileQuerySet:
        return self.filter(state=ProfileState.SUBMITTED, round__state=RoundState.OPEN)

    def in_landsdeel_order(self) -> RegionProfileQuerySet:
        """By landsdeel name, then round (oldest first): how lists and files show them."""
        return self.order_by(*PROFILE_ORDER)


class RegionProfile(Provenanced, Reviewed):
    """A landsdeel's organisation, main results and priorities, as reported in one round."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("landsdeel"),
        on_delete=models.CASCADE,
        related_name="profiles",
    )
    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("rapportageronde"),
        on_delete=models.PROTECT,
        related_name="region_profiles",
    )
    organisation = models.TextField(_("organisatie"), blank=True)
    priorities = models.TextField(_("prioriteiten voor het komende jaar"), blank=True)
    state = models.CharField(
        _("fase"), max_length=20, choices=ProfileState.choices, default=ProfileState.DRAFT
    )
    # Empty while the profile is as it was prefilled from the previous round (not a report).
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)
    history = HistoricalRecords()

    objects = RegionProfileQuerySet.as_manager()
    policy = RegionProfilePolicy()

    class Meta:
        # Local columns only: a plain query joins nothing. A list across landsdelen or rounds
        # asks for ``in_landsdeel_order()``.
        ordering = ["region_id", "round_id"]
        verbose_name = _("landsdeelprofiel")
        verbose_name_plural = _("landsdeelprofielen")
        constraints = [
            models.UniqueConstraint(fields=["region", "round"], name="one_profile_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.region} – {self.round}"

    @property
    def is_touched(self) -> bool:
        """Someone changed or submitted it in this round (a prefilled profile is not)."""
        return self.updated_by_id is not None or self.state != ProfileState.DRAFT


class RegionResultQuerySet(models.QuerySet):
    def published(self) -> RegionResultQuerySet:
        """What the public may see: the results in the published profiles."""
        return self.filter(
            profile__state=ProfileState.PUBLISHED, profile__round__state=RoundState.PUBLISHED
        )

    def in_landsdeel_order(self) -> RegionResultQuerySet:
        """As their profiles are listed (``RegionProfile.objects.in_landsdeel_order()``), each
        profile's results in their order."""
        return self.order_by(*(f"profile__{name}" for name in PROFILE_ORDER), "order")


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
        "regions.Region",
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

    objects = RegionResultQuerySet.as_manager()

    class Meta:
        ordering = ["profile_id", "order"]
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")

    def __str__(self) -> str:
        return self.heading or self.text[:60]


class ProposedCorrectionQuerySet(ScopedQuerySet["ProposedCorrection"]):
    def pending(self) -> ProposedCorrectionQuerySet:
        return self.filter(state=ProposalState.PENDING)


class ProposedCorrection(Proposal):
    """A correction of a published update that waits for a second national coordinator.

    Approving it makes the correction (``services.correct_update``: a new version); the
    proposal keeps who proposed, who reviewed and why. The proposer may approve their own
    proposal only while there is no other active national coordinator (the page says so).
    """

    update = models.ForeignKey(
        StatusUpdate,
        verbose_name=_("statusupdate"),
        on_delete=models.CASCADE,
        related_name="proposed_corrections",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    basis = models.CharField(_("grondslag"), max_length=20, choices=Basis.choices)
    basis_quote = models.TextField(_("citaat waaruit de status blijkt"), blank=True)
    narrative = models.TextField(_("stand van zaken"), blank=True)
    new = models.TextField(_("nieuw sinds de vorige ronde"), blank=True)
    reason = models.TextField(_("reden van de correctie"))
    state = models.CharField(
        _("fase"), max_length=20, choices=ProposalState.choices, default=ProposalState.PENDING
    )
    correction = models.OneToOneField(
        StatusUpdate,
        verbose_name=_("correctie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )
    history = HistoricalRecords()

    objects = ProposedCorrectionQuerySet.as_manager()
    policy = ProposedCorrectionPolicy()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("correctievoorstel")
        verbose_name_plural = _("correctievoorstellen")

    def __str__(self) -> str:
        return f"{self.update} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("progress:proposal", args=[self.pk])

    @property
    def values(self) -> dict[str, Any]:
        """The proposed content, as ``correct_update`` takes it."""
        names = ("status", "basis", "basis_quote", "narrative", "new")
        return {name: getattr(self, name) for name in names}
