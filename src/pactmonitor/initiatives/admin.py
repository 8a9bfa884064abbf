from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Initiative


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "start_year"]
    list_filter = ["kind", "regions", "action_lines__name"]
    search_fields = ["name", "description", "key"]
    autocomplete_fields = ["regions", "institutions", "serves"]
    filter_horizontal = ["action_lines"]
