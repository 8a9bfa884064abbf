"""Signing in and out, and the second step. Repeated failed sign-ins are throttled by
django-axes (settings AXES_*); wrong second-step codes by django-otp's own throttling."""

from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from pactmonitor.core import ratelimit

from . import second_factor, throttling
from .forms import SecondFactorForm, SetupForm, SignInForm
from .http import SignedInRequest


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return str(reverse_lazy("progress:home"))


class SignOutView(auth_views.LogoutView):
    """Sign-out is a POST (Django 5 refuses GET), so a link cannot sign anyone out."""

    template_name = "accounts/logged_out.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail. The answer is the same whether or not the address is
    known, so the page does not tell who has an account. The link points at the configured
    site address (PACTMONITOR_SITE_URL), never at the Host header the request came with."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        wait = reset_wait(self.request, form.cleaned_data["email"])
        if wait is not None:
            response = render(
                self.request,
                "accounts/password_reset_limited.html",
                {"minutes": ratelimit.minutes(wait)},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


RESETS_PER_ADDRESS = 3  # reset e-mails to one address per window: a mailbox is not flooded
RESETS_PER_CLIENT = 10  # requests from one network address per window, whatever they ask
RESET_WINDOW_SECONDS = 60 * 60


def reset_wait(request: HttpRequest, email: str) -> int | None:
    """Seconds to wait before another reset may be asked, or None. Counted per e-mail address
    typed (known or not, so the answer tells nobody whether an account exists) and per network
    address (the same address rule as the sign-in throttling)."""
    client = throttling.client_address(request) or "unknown"
    waits = [
        ratelimit.take_turn(
            "password-reset-client", client, limit=RESETS_PER_CLIENT, window=RESET_WINDOW_SECONDS
        ),
        ratelimit.take_turn(
            "password-reset-address",
            email.strip().lower(),
            limit=RESETS_PER_ADDRESS,
            window=RESET_WINDOW_SECONDS,
        ),
    ]
    late = [wait for wait in waits if wait is not None]
    return max(late) if late else None


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password through the link; the project's password validators apply."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def _next_url(request: HttpRequest) -> str:
    """Where to go after the second step: a local address only (no open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("progress:home")


@login_required
def second_factor_verify(request: SignedInRequest) -> HttpResponse:
    """The second step of signing in."""
    if not second_factor.has_second_factor(request.user):
        return redirect(f"{reverse('accounts:second_factor_setup')}?{request.GET.urlencode()}")
    form = SecondFactorForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        if isinstance(form.device, StaticDevice):
            left = form.device.token_set.count()
            messages.warning(
                request,
                _("U logde in met een herstelcode; u hebt er nog %(count)d.") % {"count": left},
            )
        return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/second_factor.html", context)


@login_required
def second_factor_setup(request: SignedInRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code, type the first number it shows."""
    if second_factor.has_second_factor(request.user) and not request.user.is_verified():
        # Adding an app is itself protected by the factor the account already has.
        return redirect(f"{reverse('accounts:second_factor')}?{request.GET.urlencode()}")
    device = second_factor.pending_app(request.user)
    form = SetupForm(request.POST or None, user=request.user, device=device)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_app(device)
        otp_login(request, device)
        return render(
            request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
        )
    context = {
        "form": form,
        "next": _next_url(request),
        "uri": device.config_url,
        "secret": b32encode(device.bin_key).decode(),
        "qr": second_factor.qr_svg(device.config_url),
        "required": second_factor.is_required(request.user),
    }
    return render(request, "accounts/second_factor_setup.html", context)


@require_POST
@login_required
def recovery_codes_new(request: SignedInRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), for a user who passed the second step."""
    if not request.user.is_verified():
        return redirect("accounts:second_factor")
    codes = second_factor.new_recovery_codes(request.user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("progress:home")}
    )
