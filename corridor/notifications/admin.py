from django.contrib import admin

from corridor.notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "__str__", "created_at", "read_at", "emailed_at")
    list_filter = ("read_at",)
    raw_id_fields = ("user",)


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "delivery", "language")
    raw_id_fields = ("user",)
