from django.urls import path

from corridor.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_read, name="read"),
    path("preference/", views.preference, name="preference"),
]
