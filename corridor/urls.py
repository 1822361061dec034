from django.contrib import admin
from django.urls import include, path

from corridor.accounts.views import admin_login
from corridor.api import api

handler400 = "corridor.core.views.bad_request"
handler404 = "corridor.core.views.not_found"

urlpatterns = [
    # Before admin.site.urls, so the admin sign-in goes through the shared throttle's 429 page.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("corridor.accounts.urls")),
    path("regions/", include("corridor.regions.urls")),
    path("organisations/", include("corridor.orgs.urls")),
    path("alliances/", include("corridor.alliances.urls")),
    path("history/", include("corridor.audit.urls")),
    path("matching/", include("corridor.matching.urls")),
    path("equipment/", include("corridor.equipment.urls")),
    path("imports/", include("corridor.imports.urls")),
    path("jobs/", include("corridor.jobs.urls")),
    path("chains/", include("corridor.chains.urls")),
    path("notifications/", include("corridor.notifications.urls")),
    path("policies/", include("corridor.policies.urls")),
    path("channel/", include("corridor.channel.urls")),
    path("events/", include("corridor.events.urls")),
    path("standards/", include("corridor.standards.urls")),
    path("rnd/", include("corridor.rnd.urls")),
    path("dashboards/", include("corridor.dashboards.urls")),
    path("projects/", include("corridor.projects.urls")),
    path("", include("corridor.core.urls")),
]
