from django.contrib import admin

from corridor.standards.models import (
    Ballot,
    Brand,
    Comment,
    Committee,
    CommitteeSeat,
    Draft,
    PatentDeclaration,
    Standard,
)


class SeatInline(admin.TabularInline):
    model = CommitteeSeat
    extra = 0
    raw_id_fields = ("user", "organisation")


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "alliance", "pass_share", "comment_days", "review_years")
    inlines = [SeatInline]


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "alliance", "status", "publication_number")
    list_filter = ("status", "alliance")
    search_fields = ("title_zh", "title_en", "publication_number")
    raw_id_fields = ("proposer", "proposing_org", "editors", "segments")
    readonly_fields = ("status",)


admin.site.register(Draft)
admin.site.register(Ballot)
admin.site.register(Comment)
admin.site.register(PatentDeclaration)


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "holder", "alliance", "category", "valid_until", "revoked")
    raw_id_fields = ("holder",)
