from django.contrib import admin

from corridor.alliances.models import (
    Alliance,
    AllianceMembership,
    AllianceOffice,
    Commitment,
    CommitmentAction,
    Declaration,
    MembershipApplication,
)
from corridor.audit.admin_mixins import AuditedAdmin


class OfficeInline(admin.TabularInline):
    model = AllianceOffice
    extra = 0
    raw_id_fields = ("region",)


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_zh", "name_en", "industry", "founded_on", "founded_in")
    search_fields = ("slug", "name_zh", "name_en")
    raw_id_fields = ("secretariat", "founded_in")
    inlines = [OfficeInline]


@admin.register(AllianceMembership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("alliance", "organisation", "role", "batch", "joined_on", "is_synthetic")
    list_filter = ("alliance", "role", "batch")
    raw_id_fields = ("organisation",)
    list_select_related = ("alliance", "organisation")


@admin.register(MembershipApplication)
class ApplicationAdmin(AuditedAdmin):
    list_display = ("alliance", "organisation", "status", "created_at", "decided_at")
    list_filter = ("status", "alliance")
    raw_id_fields = ("organisation", "applicant", "decided_by")


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


@admin.register(Declaration)
class DeclarationAdmin(AuditedAdmin):
    list_display = ("title_zh", "title_en", "alliance", "issued_on")
    inlines = [CommitmentInline]


@admin.register(CommitmentAction)
class ActionAdmin(AuditedAdmin):
    list_display = ("commitment", "taken_on", "organisation", "recorded_by", "is_synthetic")
    raw_id_fields = ("organisation", "recorded_by")
