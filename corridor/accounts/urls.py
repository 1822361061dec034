from django.urls import path

from corridor.accounts import views

app_name = "accounts"
urlpatterns: list = []
