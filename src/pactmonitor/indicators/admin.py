from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator, Observation, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["region", "education_level", "year", "value", "dimensions", "note"]
    autocomplete_fields = ["region"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "is_headline"]
    list_filter = ["unit", "is_headline"]
    search_fields = ["name", "description", "key"]
    inlines = [TargetInline]


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "region", "education_level", "year", "value"]
    list_filter = ["indicator", "education_level", "year", "region"]
    search_fields = ["indicator__name", "note"]
    autocomplete_fields = ["indicator", "region"]
    list_select_related = ["indicator", "region"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "region", "education_level", "year", "value"]
    list_filter = ["indicator", "education_level", "year"]
    search_fields = ["indicator__name", "note"]
    autocomplete_fields = ["indicator", "region"]
