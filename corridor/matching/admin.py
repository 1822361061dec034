from django.contrib import admin

from corridor.matching.models import Interest, Listing


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "title_en", "side", "category", "organisation", "visibility", "status")
    list_filter = ("side", "category", "visibility", "status")
    search_fields = ("title_zh", "title_en", "text")
    raw_id_fields = ("organisation", "alliance", "created_by")


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ("listing", "organisation", "stage", "expressed_at")
    list_filter = ("stage",)
    raw_id_fields = ("listing", "counterpart", "organisation", "introduced_by")
