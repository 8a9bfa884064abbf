from django.contrib import admin

from .models import SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "date", "file_name"]
    search_fields = ["title", "file_name"]


class ProvenanceAdminMixin:
    """Shows a record's provenance read-only in its admin page."""

    provenance_fieldset = (
        "Herkomst",
        {"fields": ("provenance_document", "provenance_quote"), "classes": ("collapse",)},
    )
