from django.contrib.auth.decorators import login_required
from django.urls import path

from corridor.accounts import passwords, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("me/", views.account, name="me"),
    path("password/change/", login_required(passwords.PasswordChangeView.as_view()), name="password_change"),
    path("password/change/done/", login_required(passwords.PasswordChangeDoneView.as_view()), name="password_change_done"),
    path("password/reset/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", passwords.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", passwords.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/done/", passwords.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("tokens/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
