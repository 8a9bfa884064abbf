from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    workbook = forms.FileField(label=_("Ingevulde werkmap (.xlsx)"))
