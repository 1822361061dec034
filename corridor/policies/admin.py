from django.contrib import admin

from corridor.policies.models import ApplicationItem, Certificate, EligibilityProfile, Policy


class ItemInline(admin.StackedInline):
    model = ApplicationItem
    extra = 0


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "document_number", "level", "status", "effective_from", "expires_on")
    list_filter = ("level", "status")
    search_fields = ("title_zh", "title_en", "document_number")
    inlines = [ItemInline]
    raw_id_fields = ("home_region", "alliance", "superseded_by")


admin.site.register(EligibilityProfile)
admin.site.register(Certificate)
