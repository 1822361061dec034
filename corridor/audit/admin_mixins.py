"""Admin edits are changes like any other: recorded with who, when, before and after."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
            self.before_save(obj)
            super().save_model(request, obj, form, change)
            action = ChangeRecord.Action.UPDATE if change else ChangeRecord.Action.CREATE
            audit.record(request.user, obj, action, before=before, note="admin")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit.record(request.user, obj, ChangeRecord.Action.DELETE, before=audit.snapshot(obj), after={}, note="admin")
            super().delete_model(request, obj)

    def before_save(self, obj: Any) -> None:
        """Derived fields to refresh before saving."""
