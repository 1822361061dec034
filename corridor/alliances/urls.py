from django.urls import path

from corridor.alliances import views

app_name = "alliances"
# Fixed paths first: an alliance slug could otherwise shadow them.
urlpatterns = [
    path("", views.alliance_list, name="list"),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/decide/", views.decide, name="decide"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("memberships/<int:pk>/", views.change_membership, name="membership"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration"),
    path("declarations/<int:pk>/commitments/<int:commitment_pk>/actions/", views.record_action, name="record_action"),
    path("<slug:slug>/", views.alliance_detail, name="detail"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/members.xlsx", views.members_export, name="members_export"),
]
