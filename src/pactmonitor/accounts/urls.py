from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.SignInView.as_view(), name="login"),
    path("uitloggen/", views.SignOutView.as_view(), name="logout"),
    path("tweede-stap/", views.second_factor_verify, name="second_factor"),
    path("tweede-stap/instellen/", views.second_factor_setup, name="second_factor_setup"),
    path("tweede-stap/herstelcodes/", views.recovery_codes_new, name="recovery_codes"),
]
