from django.urls import path

from corridor.channel import views

app_name = "channel"
urlpatterns = [
    path("", views.home, name="home"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/attachment", views.request_attachment, name="request_attachment"),
    path("requests/<int:pk>/<slug:action>/", views.request_action, name="request_action"),
    path("offices/<int:pk>/", views.office_detail, name="office"),
    path("offices/<int:pk>/rules/", views.office_rule, name="office_rule"),
    path("offices/<int:pk>/requests.xlsx", views.office_xlsx, name="office_xlsx"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("notices/<int:pk>/attachment", views.notice_attachment, name="notice_attachment"),
    path("targets/", views.target_list, name="targets"),
    path("targets/<int:pk>/value/", views.target_value, name="target_value"),
]
