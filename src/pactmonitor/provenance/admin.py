from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import SourceDocument

# The fieldset every domain model's admin page ends with: where a bundled record comes from.
PROVENANCE_FIELDSET = (
    _("Herkomst"),
    {"fields": ["provenance_document", "provenance_quote"], "classes": ["collapse"]},
)


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "date", "file_name"]
    search_fields = ["title", "file_name"]
