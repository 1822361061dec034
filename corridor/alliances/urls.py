from django.urls import path

from corridor.alliances import views

app_name = "alliances"
urlpatterns: list = []
