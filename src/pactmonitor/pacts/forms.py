"""Editing the pact registry from the work pages (coordinators, within their scope)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pactmonitor.progress.forms import NLDesignForm

from .models import Action, ActionLine, Organisation, Pact


class PactForm(NLDesignForm, forms.ModelForm):
    class Meta:
        model = Pact
        fields = ["name", "description", "parties", "period_start", "period_end", "signed_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "parties": forms.Textarea(attrs={"rows": 3}),
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ActionForm(NLDesignForm, forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "number", "title", "text", "action_line", "theme", "ambition",
            "leads", "lead_text", "partners", "partners_text",
        ]  # fmt: skip
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "ambition": forms.Textarea(attrs={"rows": 3}),
            "lead_text": forms.Textarea(attrs={"rows": 2}),
            "partners_text": forms.Textarea(attrs={"rows": 2}),
            "leads": forms.SelectMultiple(attrs={"size": 8}),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, pact: Pact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.pact = pact
        action_line = cast(forms.ModelChoiceField, self.fields["action_line"])
        action_line.queryset = ActionLine.objects.filter(pact=pact)
        leads = cast(forms.ModelChoiceField, self.fields["leads"])
        leads.queryset = Organisation.objects.order_by("name")
        partners = cast(forms.ModelChoiceField, self.fields["partners"])
        partners.queryset = Organisation.objects.order_by("name")

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        clash = Action.objects.filter(pact=self.instance.pact, number=number)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Dit pact heeft al een actie met dit nummer."))
        return number
