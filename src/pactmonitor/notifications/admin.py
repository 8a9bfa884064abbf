from django.contrib import admin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "address", "subject", "sent_at", "attempts", "digest"]
    list_filter = ["event", "digest", "sent_at"]
    search_fields = ["address", "subject", "key"]
    readonly_fields = [field.name for field in Notification._meta.fields]
    exclude = ["actions"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "digest"]
    search_fields = ["user__username", "user__email"]
