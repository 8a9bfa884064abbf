from django import forms
from django.utils.translation import gettext_lazy as _

from pactmonitor.progress.forms import NLDesignForm

from . import recipes


def recipe_choices() -> list[tuple[str, str]]:
    return [(key, f"{recipes.load(path).name} ({key})") for key, path in recipes.bundled().items()]


class ImportForm(NLDesignForm, forms.Form):
    recipe = forms.ChoiceField(label=_("Recept (brontabel)"), choices=recipe_choices)
    file = forms.FileField(label=_("Bronbestand (.csv)"))
