from django import forms
from django.utils.translation import gettext_lazy as _

from pactmonitor.core.forms import NLDesignForm


class UploadForm(NLDesignForm, forms.Form):
    workbook = forms.FileField(label=_("Ingevulde werkmap (.xlsx)"))
