from django.contrib import admin

from corridor.events.models import Event, Meeting, MeetingRequest, MeetingSlot, Registration, RegistrationType, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class RegistrationTypeInline(admin.TabularInline):
    model = RegistrationType
    extra = 0
    readonly_fields = ("taken",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title_zh", "title_en", "kind", "starts_at", "status", "visibility", "capacity", "taken")
    list_filter = ("kind", "status", "visibility")
    search_fields = ("title_zh", "title_en")
    readonly_fields = ("taken",)
    inlines = [SessionInline, RegistrationTypeInline]
    raw_id_fields = ("organiser", "region", "park", "alliance", "created_by")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "organisation", "status", "code", "checked_in_at")
    list_filter = ("status",)
    search_fields = ("name", "code")
    raw_id_fields = ("event", "user", "organisation", "type", "checked_in_by", "decided_by")
    # Status and places change through the services (waiting list, caps): read-only here.
    readonly_fields = ("status", "code", "checked_in_at")


admin.site.register(MeetingSlot)
admin.site.register(MeetingRequest)
admin.site.register(Meeting)
