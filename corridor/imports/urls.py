from django.urls import path

from corridor.imports import views

app_name = "imports"
urlpatterns = [
    path("organisations/", views.import_organisations_page, name="organisations"),
    path("organisations/export.csv", views.export_csv, name="export-csv"),
    path("organisations/export.xlsx", views.export_xlsx, name="export-xlsx"),
]
