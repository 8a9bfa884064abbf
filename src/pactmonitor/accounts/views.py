"""Signing in and out. Repeated failures are throttled by django-axes (settings AXES_*)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return str(reverse_lazy("progress:home"))


class SignOutView(auth_views.LogoutView):
    """Sign-out is a POST (Django 5 refuses GET), so a link cannot sign anyone out."""

    template_name = "accounts/logged_out.html"
