from django.contrib import admin
from django.http import HttpRequest

from .models import Edition


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Read-only: editions are made by the background job, never by hand."""

    list_display = ["product", "state", "requested_at", "finished_at"]
    list_filter = ["state"]
    search_fields = ["product"]
    readonly_fields = [f.name for f in Edition._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Edition | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Edition | None = None) -> bool:
        return False
