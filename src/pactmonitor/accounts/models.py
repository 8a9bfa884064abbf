"""Users, their role, and the organisation or landsdeel that bounds what they may change."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from pactmonitor.regions.tree import region_tree

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

    # What the permission policies read (core.permissions.Actor); the rules themselves live
    # with each model (``Pact.policy``, ``StatusUpdate.policy``, ...).

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == Role.ADMINISTRATOR)

    @property
    def is_national(self) -> bool:
        """The national coordinator (the administrator is not: see ``is_administrator``)."""
        return self.is_active and self.role == Role.NATIONAL_COORDINATOR

    @property
    def has_role(self) -> bool:
        """Works in the work pages at all: any role, or a superuser."""
        return self.is_active and bool(self.role or self.is_superuser)

    @property
    def owner_organisation_id(self) -> int | None:
        """The organisation whose actions an action owner reports on."""
        if self.is_active and self.role == Role.ACTION_OWNER and self.organisation_id:
            return self.organisation_id
        return None

    def landsdeel_ids(self) -> set[int]:
        """A landsdeel coordinator's landsdeel and every region in it (main tree and
        ``part_of``), from the request's region tree (read at most once per request)."""
        if not (self.is_active and self.role == Role.LANDSDEEL_COORDINATOR and self.landsdeel_id):
            return set()
        return region_tree().descendant_ids(self.landsdeel_id)

    @property
    def is_national_coordinator(self) -> bool:
        return self.role in (Role.NATIONAL_COORDINATOR, Role.ADMINISTRATOR) or self.is_superuser

    @property
    def is_coordinator(self) -> bool:
        """A national or landsdeel coordinator (or the administrator)."""
        return self.is_national_coordinator or self.role == Role.LANDSDEEL_COORDINATOR

    @property
    def scope_label(self) -> str:
        """The landsdeel or organisation that bounds this user, in words."""
        if self.role == Role.LANDSDEEL_COORDINATOR and self.landsdeel_id:
            return str(self.landsdeel)
        if self.role == Role.ACTION_OWNER and self.organisation_id:
            return str(self.organisation)
        return str(_("landelijk")) if self.role else ""
