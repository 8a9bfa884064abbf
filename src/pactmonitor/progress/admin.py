from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from pactmonitor.provenance.admin import PROVENANCE_FIELDSET as PROVENANCE

from .models import Milestone, ReportingRound, SentReminder, Source, StatusUpdate


@admin.register(ReportingRound)
class ReportingRoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "pact", "peildatum", "deadline", "state"]
    list_filter = ["state", "pact"]
    search_fields = ["name", "slug"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["date", "date_text", "text"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    fields = ["title", "url"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(SimpleHistoryAdmin):
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
    autocomplete_fields = ["action", "sub_measure"]
    readonly_fields = ["version", "is_current", "supersedes", "updated_by", "updated_at"]
    inlines = [MilestoneInline, SourceInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "round",
                    "action",
                    "sub_measure",
                    "state",
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

    def has_change_permission(self, request, obj=None) -> bool:
        # A published update is frozen; corrections are made as new versions.
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["text", "date", "update"]
    search_fields = ["text"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "url", "update"]
    search_fields = ["title", "url"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["user", "round", "days_before", "sent_at"]
    list_filter = ["round", "days_before"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
