from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pactmonitor.provenance.admin import PROVENANCE_FIELDSET as PROVENANCE

from .models import Region, RegionProfile, RegionResult


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "code", "parent"]
    list_filter = ["kind"]  # not by parent: with every municipality that list is hundreds long
    search_fields = ["name", "key", "code"]
    autocomplete_fields = ["parent", "part_of", "groupings"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "key",
                    "name",
                    "kind",
                    "code",
                    "parent",
                    "part_of",
                    "groupings",
                    "grouping_note",
                ]
            },
        ),
        PROVENANCE,
    ]


class RegionResultInline(admin.StackedInline):
    model = RegionResult
    extra = 0
    fields = ["order", "action_line", "subregion", "heading", "text"]
    autocomplete_fields = ["subregion"]


@admin.register(RegionProfile)
class RegionProfileAdmin(SimpleHistoryAdmin):
    list_display = ["region", "round"]
    list_filter = ["round", "region"]
    search_fields = ["region__name", "organisation", "priorities", "results__text"]
    inlines = [RegionResultInline]
    fieldsets = [(None, {"fields": ["region", "round", "organisation", "priorities"]}), PROVENANCE]
