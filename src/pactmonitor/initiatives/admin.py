from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Initiative, PossiblySame


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
