"""Users, their role, and the organisation or landsdeel that bounds what they may change."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Role


class User(AbstractUser):
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
