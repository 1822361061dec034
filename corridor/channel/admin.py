from django.contrib import admin

from corridor.channel.models import EnterpriseRequest, Notice, Office, RoutingRule, Target


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "region", "supervisor")
    search_fields = ("name_zh", "name_en")
    filter_horizontal = ("staff",)
    raw_id_fields = ("region", "supervisor")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("type", "region", "office")
    raw_id_fields = ("region", "office")


@admin.register(EnterpriseRequest)
class EnterpriseRequestAdmin(admin.ModelAdmin):
    list_display = ("subject", "organisation", "type", "status", "office", "filed_at", "answer_due")
    list_filter = ("status", "type")
    raw_id_fields = ("organisation", "region", "office", "first_office", "filed_by", "answered_by", "duplicate_of")


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "title_en", "sent_at")
    raw_id_fields = ("sent_by",)
    filter_horizontal = ("regions", "alliances", "segments")


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "region", "goal", "due_on", "manual")
    raw_id_fields = ("region", "segment")
