from typing import Any

from django.contrib import admin

from corridor.audit.admin_mixins import AuditedAdmin
from corridor.orgs.models import Industry, Organisation
from corridor.orgs.services import refresh_derived_fields


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_zh", "name_en")
    search_fields = ("slug", "name_zh", "name_en")


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name_zh", "name_en", "kind", "city", "is_head_enterprise", "listed", "is_synthetic")
    list_filter = ("kind", "is_head_enterprise", "listed", "is_synthetic", "size_band")
    search_fields = ("search_text", "uscc")
    raw_id_fields = ("region",)
    readonly_fields = ("city", "province", "created_at", "updated_at")
    filter_horizontal = ("industries",)
    list_select_related = ("city",)

    def before_save(self, obj: Any) -> None:
        refresh_derived_fields(obj)
