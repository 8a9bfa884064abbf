from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pactmonitor.provenance.admin import PROVENANCE_FIELDSET as PROVENANCE

from .models import Region


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
