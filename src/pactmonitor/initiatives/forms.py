"""Editing initiatives from the work pages (landsdeel coordinators, within their landsdeel)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from pactmonitor.core.forms import NLDesignForm
from pactmonitor.indicators.choices import EducationLevel
from pactmonitor.regions.models import Region

from .models import Initiative

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User


class InitiativeForm(NLDesignForm, forms.ModelForm):
    levels = forms.MultipleChoiceField(
        label=_("onderwijsniveaus"),
        choices=EducationLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    url = forms.URLField(label=_("website"), required=False, assume_scheme="https", max_length=500)

    class Meta:
        model = Initiative
        fields = ["name", "kind", "description", "regions", "action_lines", "start_year", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("levels", self.instance.education_levels.split())
        self.kept_regions: list[Region] = []
        if not user.is_administrator:
            # A coordinator places initiatives in their own landsdeel only; the regions of other
            # landsdelen it also belongs to are not theirs to remove.
            allowed = user.landsdeel_ids()
            regions = cast(forms.ModelChoiceField, self.fields["regions"])
            regions.queryset = Region.objects.filter(pk__in=allowed)
            if self.instance.pk:
                self.kept_regions = list(self.instance.regions.exclude(pk__in=allowed))
        self.fields["regions"].required = True

    def save(self, commit: bool = True) -> Initiative:
        self.instance.education_levels = Initiative.normalise_levels(self.cleaned_data["levels"])
        if not self.instance.key:
            self.instance.key = unique_key(self.cleaned_data["name"])
        saved = super().save(commit)
        if commit and self.kept_regions:
            saved.regions.add(*self.kept_regions)
        return saved


def unique_key(name: str) -> str:
    base = slugify(name)[:140] or "initiatief"
    key, n = base, 1
    while Initiative.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


class RejectForm(NLDesignForm, forms.Form):
    comment = forms.CharField(
        label=_("Waarom wordt dit afgewezen?"), widget=forms.Textarea(attrs={"rows": 3})
    )
