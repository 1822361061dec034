from django.urls import path

from corridor.regions import views

app_name = "regions"
urlpatterns: list = []
