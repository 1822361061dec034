from django.urls import path

from corridor.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/do/<slug:action>/", views.event_action, name="action"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
    path("<int:pk>/registrations.xlsx", views.registrations_xlsx, name="registrations_xlsx"),
    path("<int:pk>/badges.pdf", views.badges_pdf, name="badges_pdf"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/check-in/counts/", views.check_in_counts, name="check_in_counts"),
    path("<int:pk>/meetings/", views.meetings, name="meetings"),
    path("<int:pk>/meetings/request/", views.meeting_request, name="meeting_request"),
    path("<int:pk>/meetings/profile/", views.meeting_profile, name="meeting_profile"),
    path("<int:pk>/meetings/outcome/", views.meeting_outcome, name="meeting_outcome"),
    path("<int:pk>/report.xlsx", views.event_report_xlsx, name="report_xlsx"),
    path("<int:pk>/meetings/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<int:pk>/meetings/manage/", views.meetings_manage, name="meetings_manage"),
    path("<int:pk>/meetings/manage/<slug:action>/", views.meetings_manage_action, name="meetings_manage_action"),
    path("meeting-requests/<int:pk>/<slug:action>/", views.meeting_request_action, name="meeting_request_action"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration"),
    path("registrations/<int:pk>/event.ics", views.registration_ics, name="registration_ics"),
    path("registrations/<int:pk>/<slug:action>/", views.registration_action, name="registration_action"),
]
