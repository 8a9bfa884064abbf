from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from pactmonitor.provenance.admin import PROVENANCE_FIELDSET as PROVENANCE

from .models import (
    Action,
    ActionLine,
    ContactPerson,
    OperationalGoal,
    Organisation,
    Pact,
    PactMilestone,
    SubMeasure,
)


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "sector", "region"]
    list_filter = ["sector", "region"]
    search_fields = ["name", "short_name", "key"]
    autocomplete_fields = ["region"]


@admin.register(ContactPerson)
class ContactPersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "role", "organisation", "pact", "region"]
    list_filter = ["region", "pact"]
    search_fields = ["name", "role", "organisation__name"]
    autocomplete_fields = ["organisation", "pact", "region"]


class ActionLineInline(admin.TabularInline):
    model = ActionLine
    extra = 0
    fields = ["order", "key", "name", "national_goal"]


class PactMilestoneInline(admin.TabularInline):
    model = PactMilestone
    extra = 0
    fields = ["position", "date", "date_text", "text", "note"]


@admin.register(Pact)
class PactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "region", "period", "signed_on"]
    list_filter = ["level", "region"]
    search_fields = ["name", "description", "parties"]
    autocomplete_fields = ["parent", "region"]
    inlines = [ActionLineInline, PactMilestoneInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "key",
                    "name",
                    "level",
                    "parent",
                    "region",
                    "period_start",
                    "period_end",
                    "signed_on",
                    "parties",
                    "description",
                ]
            },
        ),
        PROVENANCE,
    ]


@admin.register(ActionLine)
class ActionLineAdmin(SimpleHistoryAdmin):
    list_display = ["name", "pact", "order"]
    list_filter = ["pact"]
    search_fields = ["name", "national_goal"]
    filter_horizontal = ["contributes_to"]


class SubMeasureInline(admin.TabularInline):
    model = SubMeasure
    extra = 0
    fields = ["letter", "text"]


class OperationalGoalInline(admin.TabularInline):
    model = OperationalGoal
    extra = 0
    fields = ["text", "deadline", "deadline_text", "note"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "pact", "action_line", "region"]
    list_display_links = ["number", "title"]
    list_filter = ["pact", "action_line__name", "pact__region", "leads"]
    search_fields = ["number", "title", "text", "ambition", "lead_text", "theme"]
    autocomplete_fields = ["pact", "region", "leads", "partners", "serves_actions"]
    filter_horizontal = ["serves_action_lines"]
    inlines = [SubMeasureInline, OperationalGoalInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "pact",
                    "number",
                    "title",
                    "text",
                    "action_line",
                    "theme",
                    "region",
                    "ambition",
                    "note",
                ]
            },
        ),
        (
            _("Trekkers en partners"),
            {
                "fields": [
                    "leads",
                    "lead_text",
                    "lead_basis",
                    "lead_quote",
                    "partners",
                    "partners_text",
                ]
            },
        ),
        (_("Bijdrage aan"), {"fields": ["serves_actions", "serves_action_lines", "serves_note"]}),
        PROVENANCE,
    ]


@admin.register(OperationalGoal)
class OperationalGoalAdmin(SimpleHistoryAdmin):
    list_display = ["text", "action", "deadline"]
    list_filter = ["action__pact", "deadline"]
    search_fields = ["text", "action__title"]
    date_hierarchy = "deadline"


@admin.register(SubMeasure)
class SubMeasureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "text", "action"]
    list_filter = ["action__pact"]
    search_fields = ["text", "action__title", "action__number"]


@admin.register(PactMilestone)
class PactMilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["date_text", "date", "text", "pact"]
    list_filter = ["pact", "date"]
    search_fields = ["text", "date_text", "pact__name"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["pact", "position", "date", "date_text", "text", "note"]}),
        PROVENANCE,
    ]
