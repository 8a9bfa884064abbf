"""The form mixin every work form shares: the NL Design System look, written once."""

from __future__ import annotations

from typing import Any

from django import forms

# NL Design System (Utrecht) classes per widget, so every work form picks up the site style.
WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "",
    forms.FileInput: "",
    forms.widgets.Input: "utrecht-textbox utrecht-textbox--html-input",
}


class NLDesignForm:
    """Mixin: Utrecht classes on the widgets and the fields rendered by core/_form.html."""

    template_name_div = "core/_form.html"
    fields: dict[str, forms.Field]  # the form's, which this mixin precedes

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = next(
                (css for kind, css in WIDGET_CLASSES.items() if isinstance(field.widget, kind)), ""
            )
            if css:
                field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()
