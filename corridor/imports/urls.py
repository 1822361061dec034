from django.urls import path

from corridor.imports import views

app_name = "imports"
urlpatterns = [
    path("organisations/", views.import_organisations_page, name="organisations"),
    path("organisations/template.xlsx", views.import_template, name="template"),
    path("organisations/export.csv", views.export_csv, name="export-csv"),
    path("organisations/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/find/", views.find_duplicates, name="find-duplicates"),
    path("duplicates/merge/", views.merge, name="merge"),
    path("duplicates/reject/", views.reject, name="reject"),
    path("merges/<int:pk>/undo/", views.undo_merge, name="undo-merge"),
]
