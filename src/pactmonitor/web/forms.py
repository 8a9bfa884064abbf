"""The GET forms of the public pages: the action filters of a pact and the initiative finder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from pactmonitor.indicators.choices import EducationLevel
from pactmonitor.initiatives.choices import InitiativeKind
from pactmonitor.pacts.models import ActionLine, Organisation, Pact
from pactmonitor.progress.choices import Status
from pactmonitor.regions.choices import RegionKind
from pactmonitor.regions.models import Region

if TYPE_CHECKING:
    from pactmonitor.progress.models import ReportingRound

ANY = [("", _("alle"))]


class ActionFilterForm(forms.Form):
    """Filters of a pact's action list; every field optional, invalid values are ignored."""

    ronde = forms.ChoiceField(label=_("Ronde"), required=False)
    lijn = forms.ChoiceField(label=_("Actielijn"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    trekker = forms.ChoiceField(label=_("Trekker"), required=False)

    def __init__(
        self, data: QueryDict | None, *, pact: Pact, rounds: list[ReportingRound], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        ronde_field = cast(forms.ChoiceField, self.fields["ronde"])
        ronde_field.choices = [(r.slug, r.name) for r in reversed(rounds)] or [("", _("geen"))]
        lijn_field = cast(forms.ChoiceField, self.fields["lijn"])
        lijn_field.choices = ANY + [
            (line.key, line.name) for line in ActionLine.objects.filter(pact=pact)
        ]
        status_field = cast(forms.ChoiceField, self.fields["status"])
        status_field.choices = ANY + list(Status.choices)
        owners = Organisation.objects.filter(led_actions__pact=pact).distinct().order_by("name")
        trekker_field = cast(forms.ChoiceField, self.fields["trekker"])
        trekker_field.choices = ANY + [(o.key, o.name) for o in owners]

    def value(self, name: str) -> str:
        """The field's value if it is valid; an invalid field is ignored, the others still apply."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""


# The kinds of region a reader filters by, in the order a reader zooms in; municipalities are
# accepted by key but not listed.
LISTED_KINDS = ["landsdeel", "provincie", "subregio", "corop", "arbeidsmarktregio"]


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Regions grouped by kind for a <select>: (kind label, [(key, name)])."""
    groups: dict[str, list[tuple[str, str]]] = {kind: [] for kind in LISTED_KINDS}
    for region in Region.objects.filter(kind__in=LISTED_KINDS).order_by("name"):
        groups[region.kind].append((region.key, region.name))
    labels = dict(RegionKind.choices)
    return [(str(labels[kind]), options) for kind, options in groups.items() if options]


class InitiativeFinderForm(forms.Form):
    q = forms.CharField(label=_("Zoekwoorden"), required=False, max_length=200)
    landsdeel = forms.ModelChoiceField(
        label=_("Landsdeel"),
        required=False,
        queryset=Region.objects.landsdelen().order_by("name"),
        to_field_name="key",
        empty_label=_("alle"),
    )
    # A text field shown as a <select>: the listed regions are choices, but any region's key,
    # a municipality's too, is accepted (clean_regio).
    regio = forms.CharField(
        label=_("Regio"),
        required=False,
        max_length=150,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=ANY + list(InitiativeKind.choices)
    )
    lijn = forms.ChoiceField(label=_("Actielijn"), required=False)
    niveau = forms.ChoiceField(
        label=_("Onderwijsniveau"), required=False, choices=ANY + list(EducationLevel.choices)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lines = ActionLine.objects.filter(pact__level="national").order_by("order")
        lijn_field = cast(forms.ChoiceField, self.fields["lijn"])
        lijn_field.choices = ANY + [(line.key, line.name) for line in lines]
        choices: list[tuple[str, object]] = [*ANY, *region_choices()]
        cast(forms.Select, self.fields["regio"].widget).choices = choices

    def clean_regio(self) -> Region | None:
        """Any region by key, municipalities too (they are not listed: hundreds of options)."""
        key = self.cleaned_data.get("regio")
        if not key:
            return None
        region = Region.objects.filter(key=key).first()
        if region is None:
            raise forms.ValidationError(_("Onbekende regio."))
        return region

    def filters(self) -> dict:
        self.is_valid()  # invalid fields drop out of cleaned_data; the valid ones still filter
        data = self.cleaned_data
        return {
            "q": data.get("q"),
            "landsdeel": data.get("landsdeel"),
            "region": data.get("regio"),
            "kind": data.get("soort"),
            "action_line": data.get("lijn"),
            "level": data.get("niveau"),
        }


class IndicatorRegionForm(forms.Form):
    """The region of an indicator page (``?regio=<key>``): the regions that have figures.

    Municipalities are accepted by key but not listed: several hundred options help nobody.
    """

    regio = forms.ChoiceField(label=_("Regio"), required=False)

    def __init__(self, data: QueryDict | None, *, regions: list[Region], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        groups: dict[str, list[tuple[str, str]]] = {}
        for region in regions:
            if region.kind != "gemeente":
                groups.setdefault(str(region.get_kind_display()), []).append(
                    (region.key, region.name)
                )
        regio_field = cast(forms.ChoiceField, self.fields["regio"])
        regio_field.choices = [("", _("Nederland"))] + list(groups.items())


class RoundComparisonForm(forms.Form):
    """Which two rounds of a pact to compare; an invalid choice falls back to the default."""

    pact = forms.ChoiceField(label=_("Pact"), required=False)
    ronde = forms.ChoiceField(label=_("Ronde"), required=False)
    met = forms.ChoiceField(label=_("Vergelijken met"), required=False)

    def __init__(
        self,
        data: QueryDict | None,
        *,
        pacts: list[Pact],
        rounds: list[ReportingRound],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        newest_first = [(r.slug, r.name) for r in reversed(rounds)]
        cast(forms.ChoiceField, self.fields["pact"]).choices = [(p.key, p.name) for p in pacts]
        cast(forms.ChoiceField, self.fields["ronde"]).choices = newest_first
        cast(forms.ChoiceField, self.fields["met"]).choices = [
            ("", _("de vorige ronde met rapportage")),
            *newest_first,
        ]

    def value(self, name: str) -> str:
        """The field's value if it is valid; an invalid field is ignored, the others still apply."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""
