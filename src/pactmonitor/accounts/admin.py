from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "get_full_name", "role", "organisation", "landsdeel", "is_active"]
    list_filter = ["role", "landsdeel", "is_active", "is_staff"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Rol en bereik"), {"fields": ["role", "organisation", "landsdeel"]}),
    ]
    autocomplete_fields = ["organisation"]
