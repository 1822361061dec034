"""Admin for R&D. Overlaps are the engine's findings: read-only here; teams change through the services."""

from django.contrib import admin

from corridor.audit.admin_mixins import AuditedAdmin
from corridor.rnd.models import JointTeam, Milestone, Output, Overlap, RDDirection, RDProject, TeamMember, WorkPackage


@admin.register(RDDirection)
class DirectionAdmin(AuditedAdmin):
    list_display = ("title_zh", "title_en", "organisation", "visibility")
    list_filter = ("visibility",)
    search_fields = ("title_zh", "title_en")
    raw_id_fields = ("organisation",)


@admin.register(RDProject)
class ProjectAdmin(AuditedAdmin):
    list_display = ("title", "organisation", "language", "trl", "visibility", "created_at")
    list_filter = ("language", "visibility", "trl", "is_synthetic")
    search_fields = ("title", "text")
    raw_id_fields = ("organisation", "direction", "created_by")
    filter_horizontal = ("segments",)
    readonly_fields = ("engine_key", "created_at", "updated_at")


@admin.register(Overlap)
class OverlapAdmin(AuditedAdmin):
    list_display = ("id", "project_a", "project_b", "relation", "score", "status")
    list_filter = ("relation", "status")
    readonly_fields = ("project_a", "project_b", "relation", "score", "reasons", "found_at", "updated_at")


class MemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ("organisation", "decided_by")
    readonly_fields = ("status", "decided_at")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    raw_id_fields = ("owner", "work_package")


@admin.register(JointTeam)
class TeamAdmin(AuditedAdmin):
    list_display = ("title_zh", "title_en", "status", "lead", "alliance", "proposed_at")
    list_filter = ("status", "is_synthetic")
    raw_id_fields = ("lead", "alliance", "proposed_by")
    filter_horizontal = ("overlaps", "instruments")
    readonly_fields = ("status", "formed_at", "proposed_at")
    inlines = [MemberInline, MilestoneInline]


admin.site.register(WorkPackage)
admin.site.register(Output)
