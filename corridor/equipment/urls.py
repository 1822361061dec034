from django.urls import path

from corridor.equipment import views

app_name = "equipment"
urlpatterns = [
    path("", views.instrument_list, name="list"),
    path("<int:pk>/", views.instrument_detail, name="detail"),
    path("new/", views.instrument_create, name="create"),
    path("<int:pk>/estimate/", views.fee_estimate, name="estimate"),
    path("<int:pk>/edit/", views.instrument_edit, name="edit"),
    path("<int:pk>/retire/", views.instrument_retire, name="retire"),
    path("bookings/", views.booking_list, name="bookings"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/<slug:action>/", views.booking_action, name="booking_action"),
    path("vouchers/", views.programme_list, name="programmes"),
    path("vouchers/<int:pk>/", views.programme_detail, name="programme"),
    path("vouchers/<int:pk>/settlement.xlsx", views.settlement_xlsx, name="settlement_xlsx"),
    path("vouchers/settlement.xlsx", views.settlement_xlsx, name="settlement_all_xlsx"),
    path("utilisation/", views.utilisation, name="utilisation"),
]
