from django.urls import path

from corridor.policies import views

app_name = "policies"
urlpatterns = [
    path("", views.policy_list, name="list"),
    path("new/", views.policy_create, name="create"),
    path("import/", views.policy_import, name="import"),
    path("compare/", views.compare, name="compare"),
    path("export.xlsx", views.policies_xlsx, name="export_xlsx"),
    path("for/<int:org_id>/deadlines.ics", views.deadlines_ics, name="deadlines_ics"),
    path("for/", views.for_us_start, name="for_us_start"),
    path("for/<int:org_id>/", views.for_us, name="for_us"),
    path("for/<int:org_id>/calendar/", views.for_us_calendar, name="calendar"),
    path("for/<int:org_id>/profile/", views.profile_edit, name="profile"),
    path("for/<int:org_id>/remind/<int:item_id>/", views.remind, name="remind"),
    path("<int:pk>/", views.policy_detail, name="detail"),
    path("<int:pk>/edit/", views.policy_edit, name="edit"),
    path("<int:pk>/items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/reach/", views.item_reach, name="item_reach"),
    path("items/<int:pk>/reach.xlsx", views.item_reach_xlsx, name="item_reach_xlsx"),
    path("<int:pk>/<slug:name>/", views.policy_transition, name="transition"),
]
