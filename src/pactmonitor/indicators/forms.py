from django import forms
from django.utils.translation import gettext_lazy as _

from pactmonitor.core.forms import NLDesignForm
from pactmonitor.core.limits import MB

from . import recipes

# What the upload page takes; the command takes what the recipe allows.
UPLOAD_LIMIT = 200 * MB


def recipe_choices() -> list[tuple[str, str]]:
    return [(key, f"{recipes.load(path).name} ({key})") for key, path in recipes.bundled().items()]


class ImportForm(NLDesignForm, forms.Form):
    recipe = forms.ChoiceField(label=_("Recept (brontabel)"), choices=recipe_choices)
    file = forms.FileField(
        label=_("Bronbestand (.csv)"),
        help_text=_(
            "Ten hoogste 200 MB; een groter bestand importeert de beheerder met "
            "pactmonitor import-observations."
        ),
    )
