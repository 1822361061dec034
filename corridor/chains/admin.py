"""Chains in the admin: read-only, because edits go through the chain editor (a new version each time)
and tag changes through the services (which keep the counts in step)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from corridor.chains.models import Chain, ChainVersion, Segment, SegmentTag, SupplyEdge


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Chain)
class ChainAdmin(ReadOnlyAdmin):
    list_display = ("slug", "name_zh", "name_en", "industry", "version", "file_version", "updated_at")


@admin.register(ChainVersion)
class ChainVersionAdmin(ReadOnlyAdmin):
    list_display = ("chain", "number", "origin", "created_by", "created_at", "note")
    list_filter = ("chain", "origin")


@admin.register(Segment)
class SegmentAdmin(ReadOnlyAdmin):
    list_display = ("chain", "key", "name_zh", "name_en", "stage", "parent", "active")
    list_filter = ("chain", "stage", "active")
    search_fields = ("key", "name_zh", "name_en")


@admin.register(SupplyEdge)
class SupplyEdgeAdmin(ReadOnlyAdmin):
    list_display = ("chain", "source", "target", "share")
    list_filter = ("chain",)


@admin.register(SegmentTag)
class SegmentTagAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "segment", "role", "source", "status", "confidence")
    list_filter = ("source", "status", "role", "segment__chain")
    raw_id_fields = ("organisation",)
    list_select_related = ("organisation", "segment")
