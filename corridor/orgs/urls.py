from django.urls import path

from corridor.orgs import views

app_name = "orgs"
urlpatterns: list = []
