from django.urls import path

from corridor.matching import views
from corridor.notifications import views as notifications

app_name = "matching"
urlpatterns = [
    path("", views.listing_list, name="list"),
    path("new/", views.listing_edit, name="create"),
    path("funnel/", views.funnel, name="funnel"),
    # The first address of the notifications page (matchmaking's), kept for links already sent.
    path("notifications/", notifications.notification_list, name="notifications"),
    path("<int:pk>/", views.listing_detail, name="detail"),
    path("<int:pk>/edit/", views.listing_edit, name="edit"),
    path("<int:pk>/close/", views.listing_close, name="close"),
    path("<int:pk>/interest/", views.interest_express, name="express"),
    path("<int:pk>/introduce/", views.introduce, name="introduce"),
    path("interests/<int:pk>/step/", views.interest_step, name="step"),
]
