from django.contrib import admin

from corridor.audit.admin_mixins import AuditedAdmin
from corridor.projects.models import CapitalArrival, Project, Site, StageChange, StageRule


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    raw_id_fields = ("region", "city", "park", "organisation")


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ("from_stage", "to_stage", "at", "on", "by", "note")
    can_delete = False


class ArrivalInline(admin.TabularInline):
    model = CapitalArrival
    extra = 0
    raw_id_fields = ("recorded_by",)


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ("name_zh", "name_en", "investor", "city", "stage", "stage_changed_at", "published", "is_synthetic")
    list_filter = ("stage", "kind", "source", "published", "is_synthetic")
    search_fields = ("name_zh", "name_en", "investor__name_zh", "investor__name_en")
    raw_id_fields = ("investor", "region", "city", "province", "park", "alliance", "account_manager", "created_by")
    filter_horizontal = ("segments",)
    # The stage moves through the workflow (the project page), never by editing the field.
    readonly_fields = ("stage", "stage_changed_at", "arrived")
    inlines = [SiteInline, StageChangeInline, ArrivalInline]


@admin.register(StageRule)
class StageRuleAdmin(admin.ModelAdmin):
    list_display = ("region", "sign_requires", "warn_days")
    raw_id_fields = ("region",)
