from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Initiative, InitiativeChange, PossiblySame


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "start_year", "review_state"]
    list_filter = ["review_state", "kind", "regions", "action_lines__name"]
    # The review happens in the work pages (initiatives.services), never by editing a field
    # here: the page cache relies on it (web/caching.py).
    readonly_fields = [
        "review_state",
        "proposed_by",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    ]
    search_fields = ["name", "description", "key"]
    autocomplete_fields = ["regions", "institutions", "serves"]
    filter_horizontal = ["action_lines"]


@admin.register(PossiblySame)
class PossiblySameAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "other", "organisation"]
    search_fields = ["initiative__name", "other__name", "organisation__name", "reason"]
    autocomplete_fields = ["initiative", "other", "organisation"]


@admin.register(InitiativeChange)
class InitiativeChangeAdmin(SimpleHistoryAdmin):
    """Read only: a change is approved or rejected in the work pages (initiatives/services.py)."""

    list_display = ["initiative", "state", "proposed_by", "proposed_at", "reviewed_by"]
    list_filter = ["state"]
    # The order of the page: the change, then its review (the columns come from core.review).
    fields = [
        "initiative",
        "data",
        "proposed_by",
        "state",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
