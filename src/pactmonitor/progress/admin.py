"""The round cycle in the admin: records to look at and correct, never a way around the rules.

Workflow state (a round's phase, an update's phase, versions and corrections) is read-only
here; the steps run through ``progress.services`` — as admin actions that call the services
with their own checks and messages, or on the work pages the admin links to. Frozen records
(published updates and everything hanging from them, the profiles of a round that is no
longer open) are read-only for everyone, the superuser included.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import ForeignKey, Model, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.core.permissions import can
from pactmonitor.provenance.admin import PROVENANCE_FIELDSET as PROVENANCE

from . import services
from .choices import RoundState, UpdateState
from .models import (
    PROFILE_ORDER,
    Milestone,
    ProposedCorrection,
    RegionProfile,
    RegionResult,
    ReportingRound,
    SentReminder,
    Source,
    StatusUpdate,
    StatusUpdateQuerySet,
)

# Fields only the services set: the phase of a round or update, versions and corrections.
ROUND_WORKFLOW_FIELDS = ["state", "published_at"]
UPDATE_WORKFLOW_FIELDS = [
    "round",
    "action",
    "sub_measure",
    "state",
    "version",
    "is_current",
    "supersedes",
    "correction_reason",
    "review_comment",
    "updated_by",
    "updated_at",
]


class NoRevertHistoryAdmin(SimpleHistoryAdmin):
    """History to read, never to revert: simple-history saves a POSTed old version (its whole
    instance, workflow state included) with no change-permission check, which would unpublish
    a round or rewrite a frozen update."""

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return True


def _report_refusal(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, error: services.RoundStepRefused
) -> None:
    for message in error.messages:
        modeladmin.message_user(request, message, messages.ERROR)


@admin.register(ReportingRound)
class ReportingRoundAdmin(NoRevertHistoryAdmin):
    list_display = ["name", "slug", "pact", "peildatum", "deadline", "state"]
    list_filter = ["state", "pact"]
    search_fields = ["name", "slug"]
    readonly_fields = [*ROUND_WORKFLOW_FIELDS, "work_page"]
    actions = ["publish"]

    @admin.display(description=_("werkpagina"))
    def work_page(self, obj: ReportingRound) -> str:
        if obj.pk is None:
            return "–"
        url = reverse("progress:round", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, gettext("Open, keur goed en publiceer"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Opening a round creates a draft for every action: only the service does that.
        return False

    def get_readonly_fields(
        self, request: HttpRequest, obj: ReportingRound | None = None
    ) -> list[str]:
        # The drafts were made for this pact's actions; another pact would not match them.
        return [*super().get_readonly_fields(request, obj), "pact"]

    def has_change_permission(
        self, request: SignedInRequest, obj: ReportingRound | None = None
    ) -> bool:
        if obj is not None and (
            obj.state == RoundState.PUBLISHED or not can(request.user, "manage", obj)
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: SignedInRequest, obj: ReportingRound | None = None
    ) -> bool:
        # A round with updates is part of the record; only an empty draft round may go.
        if obj is not None and (obj.state != RoundState.DRAFT or obj.updates.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Publiceer de gekozen rondes"))
    def publish(self, request: SignedInRequest, queryset: QuerySet[ReportingRound]) -> None:
        for round in queryset:
            if not can(request.user, "manage", round):
                self.message_user(
                    request,
                    gettext("U mag %(round)s niet publiceren.") % {"round": round},
                    messages.ERROR,
                )
                continue
            try:
                count = services.publish_round(round, user=request.user)
            except services.RoundStepRefused as error:
                _report_refusal(self, request, error)
            else:
                self.message_user(
                    request,
                    gettext("%(round)s gepubliceerd: %(count)d updates.")
                    % {"round": round, "count": count},
                    messages.SUCCESS,
                )


# The frozen-record mixins go into model admins and inlines alike: their super() is either's.
_AdminBase: Any = object


class FrozenWithUpdateMixin(_AdminBase):
    """Milestones and vindplaatsen of a published update are frozen with it."""

    def _locked(self, request: HttpRequest, obj: Model | None) -> bool:
        return obj is not None and (_frozen_update(obj) or not can(request.user, "edit", obj))

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self._locked(request, obj):
            return False
        if isinstance(self, admin.ModelAdmin):
            return super().has_add_permission(request)
        return super().has_add_permission(request, obj)


def _frozen_update(obj: Model) -> bool:
    """The update itself (in an inline) or the update a milestone/source belongs to."""
    update = obj if isinstance(obj, StatusUpdate) else getattr(obj, "update", None)
    return (
        update is not None and update.pk is not None and _stored_state(update) != UpdateState.DRAFT
    )


def _stored_state(update: StatusUpdate) -> str | None:
    # The stored phase, not the one a form may have put on the instance.
    return StatusUpdate.objects.filter(pk=update.pk).values_list("state", flat=True).first()


class MilestoneInline(FrozenWithUpdateMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["date", "date_text", "text"]


class SourceInline(FrozenWithUpdateMixin, admin.TabularInline):
    model = Source
    extra = 0
    fields = ["title", "url"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(NoRevertHistoryAdmin):
    list_display = ["__str__", "status", "basis", "state", "version", "is_current", "updated_at"]
    list_filter = [
        "round",
        "status",
        "basis",
        "state",
        "action__pact",
        "action__action_line__name",
        "action__pact__region",
    ]
    search_fields = ["action__title", "action__number", "narrative", "new"]
    readonly_fields = [*UPDATE_WORKFLOW_FIELDS, "work_page"]
    inlines = [MilestoneInline, SourceInline]
    actions = ["approve"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "round",
                    "action",
                    "sub_measure",
                    "state",
                    "work_page",
                    "status",
                    "basis",
                    "basis_quote",
                ]
            },
        ),
        (_("Stand van zaken"), {"fields": ["narrative", "new", "review_comment"]}),
        (
            _("Versies"),
            {
                "fields": [
                    "version",
                    "is_current",
                    "supersedes",
                    "correction_reason",
                    "updated_by",
                    "updated_at",
                ]
            },
        ),
        PROVENANCE,
    ]

    @admin.display(description=_("werkpagina"))
    def work_page(self, obj: StatusUpdate) -> str:
        if obj.pk is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("progress:edit", args=[obj.pk]),
            gettext("bewerken, indienen, beoordelen"),
            reverse("progress:history", args=[obj.pk]),
            gettext("geschiedenis en correctie"),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Drafts are made by opening a round (or adding an action to an open one).
        return False

    def has_change_permission(
        self, request: SignedInRequest, obj: StatusUpdate | None = None
    ) -> bool:
        # Only a draft of an open round takes content here, as on the work pages; anything
        # submitted is in review, and a published update is frozen (a correction is a new
        # version, made on the work page).
        if obj is not None and not (
            _stored_state(obj) == UpdateState.DRAFT
            and obj.round.state == RoundState.OPEN
            and can(request.user, "edit", obj)  # the same scope as the work pages
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: SignedInRequest, obj: StatusUpdate | None = None
    ) -> bool:
        # Also what stops the admin deleting an action (or pact) with its published updates:
        # the admin refuses a delete that would take an object it may not delete.
        if obj is not None and _stored_state(obj) != UpdateState.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Keur de gekozen ingediende updates goed"))
    def approve(self, request: SignedInRequest, queryset: StatusUpdateQuerySet) -> None:
        allowed = queryset.for_user(request.user, "review")
        count = services.approve_updates(allowed, user=request.user)
        self.message_user(
            request, gettext("%(count)d updates goedgekeurd.") % {"count": count}, messages.SUCCESS
        )


class FrozenWithRoundMixin(_AdminBase):
    """The profile of a round that is no longer open lies fixed, as on the work page."""

    def _frozen(self, obj: Model) -> bool:
        profile = obj if isinstance(obj, RegionProfile) else getattr(obj, "profile", None)
        if profile is None or profile.pk is None:
            return False
        state = ReportingRound.objects.filter(region_profiles=profile.pk).values_list(
            "state", flat=True
        )
        return state.first() != RoundState.OPEN

    def has_change_permission(
        self, request: HttpRequest, obj: RegionProfile | RegionResult | None = None
    ) -> bool:
        if obj is not None and (self._frozen(obj) or not self._in_scope(request, obj)):
            return False
        return super().has_change_permission(request, obj)

    def _in_scope(self, request: HttpRequest, obj: RegionProfile | RegionResult) -> bool:
        profile = obj if isinstance(obj, RegionProfile) else obj.profile
        return can(request.user, "edit", profile)

    def has_delete_permission(
        self, request: HttpRequest, obj: RegionProfile | RegionResult | None = None
    ) -> bool:
        return not (obj is not None and self._frozen(obj)) and super().has_delete_permission(
            request, obj
        )


class RegionResultInline(admin.StackedInline):
    model = RegionResult
    extra = 0
    fields = ["order", "action_line", "subregion", "heading", "text"]
    autocomplete_fields = ["subregion"]


class RegionProfileAdmin(SimpleHistoryAdmin):
    list_display = ["region", "round", "state"]
    list_filter = ["round", "region", "state"]
    ordering = PROFILE_ORDER
    search_fields = ["region__name", "organisation", "priorities", "results__text"]
    inlines = [RegionResultInline]
    fieldsets = [(None, {"fields": ["region", "round", "organisation", "priorities"]}), PROVENANCE]


class RoundResultInline(FrozenWithRoundMixin, RegionResultInline):
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not (obj is not None and self._frozen(obj)) and super().has_add_permission(
            request, obj
        )


@admin.register(RegionProfile)
class RoundProfileAdmin(FrozenWithRoundMixin, RegionProfileAdmin):
    history_form_view = NoRevertHistoryAdmin.history_form_view
    revert_disabled = NoRevertHistoryAdmin.revert_disabled

    inlines = [RoundResultInline]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        # A new profile only for an open round: a published round's profiles are its record.
        if db_field.name == "round":
            kwargs["queryset"] = ReportingRound.objects.filter(state=RoundState.OPEN)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Milestone)
class MilestoneAdmin(FrozenWithUpdateMixin, NoRevertHistoryAdmin):
    list_display = ["text", "date", "update"]
    search_fields = ["text"]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "update":
            kwargs["queryset"] = StatusUpdate.objects.open_drafts()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Source)
class SourceAdmin(FrozenWithUpdateMixin, NoRevertHistoryAdmin):
    list_display = ["title", "url", "update"]
    search_fields = ["title", "url"]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "update":
            kwargs["queryset"] = StatusUpdate.objects.open_drafts()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["user", "round", "days_before", "sent_at"]
    list_filter = ["round", "days_before"]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ProposedCorrection)
class ProposedCorrectionAdmin(SimpleHistoryAdmin):
    """Read only: a proposal is approved or rejected in the work pages (progress/corrections.py),
    where the second pair of eyes is checked."""

    list_display = ["update", "state", "proposed_by", "proposed_at", "reviewed_by"]
    list_filter = ["state"]
    # The order of the page: the proposal, then its review (the columns come from core.review).
    fields = [
        "update",
        "status",
        "basis",
        "basis_quote",
        "narrative",
        "new",
        "reason",
        "proposed_by",
        "state",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
        "correction",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
