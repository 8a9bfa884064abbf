"""``{% can "edit" profile as may_edit %}``: templates ask the same policy as the views.

The target is an object, or a model label for a question about the model as a whole
(``{% can "add" "initiatives.Initiative" as may_add %}``). For the rows of a list the view
passes ``permitted_ids`` instead (one query per action rather than one per row).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from pactmonitor.core.permissions import can as policy_can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: template.Context, action: str, target: Model | str) -> bool:
    request = context.get("request")
    user: Any = getattr(request, "user", None)
    return user is not None and policy_can(user, action, target)
