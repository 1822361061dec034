"""Snapshots are written by the snapshot job only: read-only here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from corridor.dashboards.models import Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ("indicator", "audience", "period", "city", "alliance", "chain", "value", "taken_at")
    list_filter = ("audience", "indicator", "period")
    list_select_related = ("city", "alliance", "chain")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
