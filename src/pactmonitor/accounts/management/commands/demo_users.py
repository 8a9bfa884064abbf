"""Create (or reset) one demo user per role on the loaded dataset, and print their sign-ins.

The accounts that need a second factor get a TOTP app set up for them: the line prints its
otpauth:// address (scan or type its secret into an authenticator app) and recovery codes.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count, QuerySet

from pactmonitor.accounts import second_factor
from pactmonitor.accounts.choices import Role
from pactmonitor.accounts.models import User
from pactmonitor.pacts.models import Organisation, Pact
from pactmonitor.regions.models import Region

# The national coordinator manages users and rounds in the admin as well as in the work pages.
NATIONAL_PERMISSIONS = [("accounts", "user"), ("progress", "reportinground")]


class Command(BaseCommand):
    help = (
        "Create a demo user for each role on the loaded dataset (a coordinator per landsdeel, "
        "owners for some organisations that lead actions) and print role, scope, sign-in name "
        "and password, one line per user, tab-separated; for the accounts that need a second "
        "factor also the otpauth:// address of a TOTP app made for them and recovery codes. "
        "Existing demo users get a new password (and a new second factor)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--owners", type=int, default=5, help="How many organisations get an owner."
        )
        parser.add_argument(
            "--password",
            help="One password for all, checked against the password rules "
            "(default: a new strong random one each).",
        )

    @transaction.atomic
    def handle(self, *args: str, owners: int, password: str | None, **options: Any) -> None:
        landsdelen = list(Region.objects.landsdelen().order_by("name"))
        if not landsdelen:
            raise CommandError(
                "Er zijn geen landsdelen; laad eerst de dataset (pactmonitor load-techniekpact)."
            )
        self.password = password
        self.passwords: dict[str, str] = {}  # username → the password just set
        self.emit(self.user("beheerder", Role.ADMINISTRATOR, is_staff=True, is_superuser=True), "")
        national = self.user("landelijk", Role.NATIONAL_COORDINATOR, is_staff=True)
        national.user_permissions.set(self.national_permissions())
        self.emit(national, "landelijk")
        for region in landsdelen:
            self.emit(
                self.user(
                    f"coordinator-{region.key}", Role.LANDSDEEL_COORDINATOR, landsdeel=region
                ),
                region.name,
            )
        for organisation in self.leading_organisations(owners):
            username = f"eigenaar-{organisation.key}"[:150]
            self.emit(
                self.user(username, Role.ACTION_OWNER, organisation=organisation), str(organisation)
            )

    def leading_organisations(self, count: int) -> list[Organisation]:
        """The main lead of each pact first (so every pact has an owner), then the busiest."""
        chosen: list[Organisation] = []
        for pact in Pact.objects.order_by("level", "name"):
            top = self.by_actions_led(Organisation.objects.filter(led_actions__pact=pact)).first()
            if top and top not in chosen:
                chosen.append(top)
        for organisation in self.by_actions_led(Organisation.objects.all()):
            if len(chosen) >= count:
                break
            if organisation not in chosen:
                chosen.append(organisation)
        return chosen[:count]

    def by_actions_led(self, organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
        return (
            organisations.annotate(led=Count("led_actions"))
            .filter(led__gt=0)
            .order_by("-led", "name")
        )

    def national_permissions(self) -> list[Permission]:
        return [
            permission
            for app, model in NATIONAL_PERMISSIONS
            for permission in Permission.objects.filter(
                content_type__app_label=app, content_type__model=model
            )
        ]

    def user(self, username: str, role: str, **fields: object) -> User:
        defaults = {
            "role": role,
            "organisation": None,
            "landsdeel": None,
            "is_active": True,
            "is_staff": False,
            "is_superuser": False,
            "email": f"{username}@example.org",
            **fields,
        }
        user, _ = User.objects.update_or_create(username=username, defaults=defaults)
        self.passwords[username] = self.password or secrets.token_urlsafe(15)
        self.check_password(user)
        user.set_password(self.passwords[username])
        user.save()
        return user

    def check_password(self, user: User) -> None:
        """The same rules as every password (settings.AUTH_PASSWORD_VALIDATORS)."""
        try:
            validate_password(self.passwords[user.username], user)
        except ValidationError as error:
            raise CommandError(
                f"--password geweigerd voor {user.username}: " + " ".join(error.messages)
            ) from None

    def second_factor(self, user: User) -> list[str]:
        if not second_factor.is_required(user):
            return ["–", "–"]
        device, codes = second_factor.give_app(user)
        return [device.config_url, " ".join(codes)]

    def emit(self, user: User, scope: str) -> None:
        columns = [
            user.get_role_display(),
            scope or "–",
            user.username,
            self.passwords[user.username],
        ]
        self.stdout.write("\t".join(columns + self.second_factor(user)))
