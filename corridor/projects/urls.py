from django.urls import path

from corridor.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("board/", views.board, name="board"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/steps/<slug:step>/", views.project_step, name="step"),
    path("<int:pk>/sites/", views.site_add, name="site_add"),
    path("<int:pk>/capital/", views.arrival_add, name="arrival_add"),
    path("<int:pk>/publish/", views.publish, name="publish"),
]
