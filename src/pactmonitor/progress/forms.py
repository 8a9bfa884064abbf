"""The forms of the round cycle. The Excel upload sends every row through DraftForm too."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from pactmonitor.core.forms import NLDesignForm
from pactmonitor.pacts.models import ActionLine, Pact
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

from .choices import Basis, Status
from .models import Milestone, RegionProfile, RegionResult, ReportingRound, Source, StatusUpdate
from .services import COPIED_FIELDS

# The most a spreadsheet cell holds: every text of a round must fit in the round workbook
# (and in a CSV opened in Excel) without being cut, so the app refuses longer ones at save time.
TEXT_LIMIT = 32_767


def limit_text(form: forms.BaseForm, *names: str) -> None:
    """Refuse texts longer than a spreadsheet cell holds, with Django's own length message."""
    for name in names:
        field = form.fields[name]
        field.validators.append(MaxLengthValidator(TEXT_LIMIT))
        field.widget.attrs["maxlength"] = str(TEXT_LIMIT)


def set_reported_basis(update: StatusUpdate, status: str) -> None:
    """A status someone saves is reported by them; "onbekend" has no basis."""
    update.basis = Basis.UNKNOWN if status == Status.ONBEKEND else Basis.REPORTED
    update.basis_quote = ""


class DraftForm(NLDesignForm, forms.ModelForm):
    """What a contributor fills in for an action or sub-measure in a round."""

    # The revision the editor started from: a save based on an older one is refused.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = StatusUpdate
        fields = ["status", "narrative", "new"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 6}),
            "new": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = Status.choices
        limit_text(self, "narrative", "new")
        if not self.is_bound:
            self.initial["revision"] = self.instance.revision

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        status = cleaned.get("status")
        if status is not None:
            set_reported_basis(self.instance, status)
        return cleaned


class MilestoneForm(NLDesignForm, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["date", "date_text", "text"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self, "text")


# The prefixes of the milestone and source formsets, on the edit page and in the upload.
MILESTONES, SOURCES = "mijlpalen", "vindplaatsen"

MilestoneFormSet = inlineformset_factory(
    StatusUpdate,
    Milestone,
    form=MilestoneForm,
    extra=1,
    can_delete=True,
)


class SourceForm(NLDesignForm, forms.ModelForm):
    url = forms.URLField(label=_("adres"), required=False, assume_scheme="https", max_length=1000)

    class Meta:
        model = Source
        fields = ["title", "url"]
        widgets = {"title": forms.TextInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self, "title")


SourceFormSet = inlineformset_factory(
    StatusUpdate, Source, form=SourceForm, extra=1, can_delete=True
)


class OpenRoundForm(NLDesignForm, forms.ModelForm):
    class Meta:
        model = ReportingRound
        fields = ["pact", "name", "slug", "peildatum", "deadline"]
        widgets = {
            "peildatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, pacts: QuerySet[Pact] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if pacts is not None:
            cast(forms.ModelChoiceField, self.fields["pact"]).queryset = pacts
        self.fields["deadline"].required = True

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        peildatum, deadline = cleaned.get("peildatum"), cleaned.get("deadline")
        pact = cleaned.get("pact")
        if (
            pact
            and peildatum
            and ReportingRound.objects.filter(pact=pact, peildatum__gte=peildatum).exists()
        ):
            self.add_error(
                "peildatum", _("Er is al een ronde van dit pact met deze of een latere peildatum.")
            )
        if peildatum and deadline and deadline < peildatum:
            self.add_error("deadline", _("De inleverdatum ligt voor de peildatum."))
        return cleaned


class SendBackForm(NLDesignForm, forms.Form):
    comment = forms.CharField(
        label=_("Wat moet er anders?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewStepForm(NLDesignForm, forms.Form):
    """A step on the review page: the revision the reviewer saw, so a changed item is refused."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReviewSendBackForm(ReviewStepForm):
    # The box is required (the server says so when it is empty), but not marked with HTML's
    # ``required``: the design system paints an empty required box as invalid before the
    # reviewer typed anything. ``aria-required`` still tells a screen reader.
    use_required_attribute = False

    comment = forms.CharField(
        label=_("Wat moet er anders?"),
        widget=forms.Textarea(attrs={"rows": 3, "aria-required": "true"}),
    )


class CorrectionForm(NLDesignForm, forms.ModelForm):
    """A correction of a published update; like a draft, its status is reported by whoever
    makes it."""

    reason = forms.CharField(
        label=_("Reden van de correctie"), widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = StatusUpdate
        fields = ["status", "narrative", "new"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 6}),
            "new": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("status") is not None:
            set_reported_basis(self.instance, cleaned["status"])
        return cleaned

    def corrected_values(self) -> dict[str, Any]:
        return {name: getattr(self.instance, name) for name in COPIED_FIELDS}


class ProfileForm(NLDesignForm, forms.ModelForm):
    """A landsdeel's organisation and priorities in a round (the results are a formset)."""

    class Meta:
        model = RegionProfile
        fields = ["organisation", "priorities"]
        widgets = {
            "organisation": forms.Textarea(attrs={"rows": 5}),
            "priorities": forms.Textarea(attrs={"rows": 5}),
        }


class ResultForm(NLDesignForm, forms.ModelForm):
    class Meta:
        model = RegionResult
        fields = ["action_line", "subregion", "heading", "text", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, profile: RegionProfile | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if profile is not None:
            action_line = cast(forms.ModelChoiceField, self.fields["action_line"])
            action_line.queryset = ActionLine.objects.filter(pact=profile.round.pact)
            # Provinces and subregio's, not the hundreds of municipalities below them.
            subregion = cast(forms.ModelChoiceField, self.fields["subregion"])
            subregion.queryset = Region.objects.filter(
                pk__in=profile.region.descendant_ids() - {profile.region_id}
            ).exclude(kind=RegionKind.GEMEENTE)


ResultFormSet = inlineformset_factory(
    RegionProfile, RegionResult, form=ResultForm, extra=1, can_delete=True
)


class RejectForm(NLDesignForm, forms.Form):
    comment = forms.CharField(
        label=_("Waarom wordt dit afgewezen?"), widget=forms.Textarea(attrs={"rows": 3})
    )
