from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

from pactmonitor.progress.forms import NLDesignForm

if TYPE_CHECKING:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .models import User


class SignInForm(NLDesignForm, AuthenticationForm):
    """Django's sign-in form in the site's style (django-axes checks it on authenticate)."""


class CodeForm(NLDesignForm, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def normalised_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


class SecondFactorForm(CodeForm):
    """The second step of signing in: a code from the app, or one of the recovery codes.

    Wrong codes slow the device down (django-otp's throttling doubles the wait each time).
    """

    code = forms.CharField(
        label=_("Code uit uw app, of een herstelcode"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self) -> str:
        code = self.normalised_code()
        self.device = match_token(self.user, code)
        if self.device is None:
            raise forms.ValidationError(
                _(
                    "Deze code klopt niet of is al gebruikt. Wacht op een nieuwe code en "
                    "probeer het opnieuw."
                )
            )
        return code


class SetupForm(CodeForm):
    """Setting up the app: the first code it shows proves it holds the secret."""

    code = forms.CharField(
        label=_("De code die uw app nu toont"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending = device

    def clean_code(self) -> str:
        code = self.normalised_code()
        if not self.pending.verify_token(code):
            raise forms.ValidationError(
                _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw.")
            )
        self.device = self.pending
        return code
