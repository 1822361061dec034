from django.urls import path

from corridor.core import views

app_name = "core"
urlpatterns = [path("", views.home, name="home"), path("search/", views.search, name="search")]
