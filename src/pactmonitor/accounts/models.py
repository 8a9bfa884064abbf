"""Users, their role, and the organisation or landsdeel that bounds what they may change."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import scope
from .choices import Role


class User(AbstractUser):
    # Set on every request's user by django-otp's OTPMiddleware; declared for the type checker.
    is_verified: Callable[[], bool]

    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, blank=True)
    organisation = models.ForeignKey(
        "pacts.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    landsdeel = models.ForeignKey(
        "regions.Region",
        verbose_name=_("landsdeel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinators",
        limit_choices_to={"kind": "landsdeel"},
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def is_national_coordinator(self) -> bool:
        return self.role in (Role.NATIONAL_COORDINATOR, Role.ADMINISTRATOR) or self.is_superuser

    @property
    def manages_rounds(self) -> bool:
        """Opens, approves and publishes rounds: the national coordinator and the administrator."""
        return scope.is_national(self) or scope.is_administrator(self)

    @property
    def is_coordinator(self) -> bool:
        """May see the state of a round at a glance."""
        return self.is_national_coordinator or self.role == Role.LANDSDEEL_COORDINATOR

    @property
    def scope_label(self) -> str:
        """The landsdeel or organisation that bounds this user, in words."""
        if self.role == Role.LANDSDEEL_COORDINATOR and self.landsdeel_id:
            return str(self.landsdeel)
        if self.role == Role.ACTION_OWNER and self.organisation_id:
            return str(self.organisation)
        return str(_("landelijk")) if self.role else ""

    def scope(self, verb: str, model: type[models.Model]) -> models.Q:
        """The condition on ``model`` for what this user may do (see ``accounts.scope``)."""
        return scope.rule(self, verb, model)

    def can(self, verb: str, obj: models.Model) -> bool:
        """Whether ``obj`` lies inside this user's scope for ``verb``."""
        if obj.pk is None:
            return False
        model = type(obj)
        return model._default_manager.filter(self.scope(verb, model), pk=obj.pk).exists()

    def can_edit(self, obj: models.Model) -> bool:
        return self.can("edit", obj)
