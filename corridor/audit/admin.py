from django.contrib import admin

from corridor.audit.models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "content_type", "object_repr", "actor", "note")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "object_id", "actor__username")
    readonly_fields = [f.name for f in ChangeRecord._meta.fields]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
