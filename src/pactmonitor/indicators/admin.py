from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from pactmonitor.accounts.http import SignedInRequest
from pactmonitor.provenance.admin import PROVENANCE_FIELDSET as PROVENANCE

from .choices import BatchState
from .models import Finding, ImportBatch, Indicator, Observation, Target
from .services import withdraw_batch


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["region", "education_level", "year", "value", "lower", "upper", "bound_text"]
    fields += ["dimensions", "note"]
    autocomplete_fields = ["region"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "is_headline"]
    list_filter = ["unit", "is_headline"]
    search_fields = ["name", "description", "key"]
    inlines = [TargetInline]


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "region", "education_level", "year", "value", "bound_text"]
    list_filter = ["indicator", "education_level", "year", "dating", "comparable", "region"]
    search_fields = ["indicator__name", "note"]
    autocomplete_fields = ["indicator", "region"]
    list_select_related = ["indicator", "region"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "region", "education_level", "year", "value"]
    list_filter = ["indicator", "education_level", "year"]
    search_fields = ["indicator__name", "note"]
    autocomplete_fields = ["indicator", "region"]


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["text", "region", "indicator", "year"]
    list_filter = ["region", "indicator", "year"]
    search_fields = ["text", "note", "region__name"]
    autocomplete_fields = ["region", "indicator"]
    list_select_related = ["region", "indicator"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    "region",
                    "indicator",
                    "education_levels",
                    "year",
                    "as_of",
                    "as_of_text",
                    "note",
                ]
            },
        ),
        PROVENANCE,
    ]


@admin.register(ImportBatch)
class ImportBatchAdmin(SimpleHistoryAdmin):
    """Read-only: a batch changes only by a newer import or by withdrawal (the action below)."""

    list_display = ["pk", "recipe", "file_name", "state", "imported_by", "imported_at", "rows_used"]
    list_filter = ["recipe", "state"]
    search_fields = ["recipe", "file_name", "sha256"]
    actions = ["withdraw"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: ImportBatch | None = None
    ) -> list[str]:
        return [field.name for field in ImportBatch._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ImportBatch | None = None) -> bool:
        return False

    @admin.action(description=_("Geselecteerde batches intrekken"))
    def withdraw(self, request: SignedInRequest, queryset: QuerySet[ImportBatch]) -> None:
        for batch in queryset.exclude(state=BatchState.WITHDRAWN):
            withdraw_batch(batch, user=request.user)
