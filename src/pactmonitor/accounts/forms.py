from django.contrib.auth.forms import AuthenticationForm

from pactmonitor.progress.forms import NLDesignForm


class SignInForm(NLDesignForm, AuthenticationForm):
    """Django's sign-in form in the site's style (django-axes checks it on authenticate)."""
