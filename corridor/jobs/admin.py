from django.contrib import admin

from corridor.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "done", "total", "created_by", "created_at", "finished_at")
    list_filter = ("kind", "status")
    readonly_fields = ("kind", "status", "params", "done", "total", "message", "result", "error", "output",
                       "created_by", "created_at", "started_at", "finished_at")
