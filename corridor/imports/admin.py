from django.contrib import admin

from corridor.imports.models import Merge


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    """Read only: merges are made and undone on the duplicates page, which keeps the undo data whole."""

    list_display = ("id", "removed_name", "kept_name", "created_by", "created_at", "undone_at")
    search_fields = ("removed_name", "kept_name")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
