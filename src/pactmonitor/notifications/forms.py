from django import forms

from pactmonitor.core.forms import NLDesignForm

from .models import Preference


class PreferenceForm(NLDesignForm, forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["digest"]
