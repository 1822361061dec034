from django.contrib import admin

from corridor.regions.models import Corridor, CorridorVersion, Park, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name_zh", "name_en")
    raw_id_fields = ("parent",)


class CorridorVersionInline(admin.StackedInline):
    model = CorridorVersion
    extra = 0
    filter_horizontal = ("regions",)


@admin.register(Corridor)
class CorridorAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_zh", "name_en")
    inlines = [CorridorVersionInline]


@admin.register(Park)
class ParkAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "kind", "region", "run_for", "is_synthetic")
    list_filter = ("kind", "is_synthetic")
    search_fields = ("name_zh", "name_en", "slug")
    raw_id_fields = ("region", "run_for")
