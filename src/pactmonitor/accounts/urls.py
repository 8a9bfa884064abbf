from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.SignInView.as_view(), name="login"),
    path("uitloggen/", views.SignOutView.as_view(), name="logout"),
    path("tweede-stap/", views.second_factor_verify, name="second_factor"),
    path("tweede-stap/instellen/", views.second_factor_setup, name="second_factor_setup"),
    path("tweede-stap/herstelcodes/", views.recovery_codes_new, name="recovery_codes"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verzonden/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
