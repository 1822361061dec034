from django.urls import path, re_path

from corridor.chains import views

app_name = "chains"
urlpatterns = [
    path("", views.chain_list, name="list"),
    path("organisations/<int:pk>/", views.organisation_tags, name="organisation"),
    path("<slug:slug>/", views.chain_detail, name="detail"),
    path("<slug:slug>/export.xlsx", views.chain_export, name="export"),
    path("<slug:slug>/edit/", views.chain_edit, name="edit"),
    path("<slug:slug>/review/", views.tag_review, name="review"),
    path("<slug:slug>/review/<int:tag_id>/", views.tag_decide, name="decide"),
    path("<slug:slug>/segments/<slug:key>/", views.segment_organisations, name="segment"),
    re_path(r"^(?P<slug>[-\w]+)/cities/(?P<code>\d{6})/$", views.chain_city, name="city"),
]
