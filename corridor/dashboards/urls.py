from django.urls import path

from corridor.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("corridor/", views.corridor, name="corridor"),
    path("indicators/", views.indicators_page, name="indicators"),
    path("reports/", views.report, name="report"),
    path("reports/subscribe/", views.subscribe, name="subscribe"),
    path("city/<str:code>/", views.city, name="city"),
    path("alliance/<slug:slug>/", views.alliance, name="alliance"),
    path("chain/<slug:slug>/", views.chain, name="chain"),
]
