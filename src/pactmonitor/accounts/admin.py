from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Field
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .choices import Role
from .models import User

# What only an administrator may change: otherwise a national coordinator who manages users
# could make themselves (or anyone) an administrator.
PRIVILEGE_FIELDS = ["is_superuser", "is_staff", "groups", "user_permissions"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "get_full_name", "role", "organisation", "landsdeel", "is_active"]
    list_filter = ["role", "landsdeel", "is_active", "is_staff"]
    fieldsets = [
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Rol en bereik"), {"fields": ["role", "organisation", "landsdeel"]}),
    ]
    autocomplete_fields = ["organisation"]

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else fields + PRIVILEGE_FIELDS

    def formfield_for_choice_field(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.TypedChoiceField | None:
        if db_field.name == "role" and not request.user.is_superuser:
            kwargs["choices"] = [
                (value, label)
                for value, label in db_field.get_choices()
                if value != Role.ADMINISTRATOR
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if self._protected(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if self._protected(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    @staticmethod
    def _protected(request: HttpRequest, obj: User | None) -> bool:
        """Accounts with more power than a user manager: only a superuser may touch them."""
        if obj is None or request.user.is_superuser:
            return False
        return obj.is_superuser or obj.is_staff or obj.role == Role.ADMINISTRATOR
