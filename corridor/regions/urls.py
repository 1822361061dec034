from django.urls import path, re_path

from corridor.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.index, name="index"),
    path("pick/", views.region_pick, name="pick"),
    path("parks/<slug:slug>/", views.park_detail, name="park"),
    path("corridors/<slug:slug>/", views.corridor_detail, name="corridor"),
    re_path(r"^(?P<code>\d{6})/$", views.region_detail, name="region"),
]
