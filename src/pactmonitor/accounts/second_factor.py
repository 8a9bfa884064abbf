"""The second factor: who needs one, and setting up a TOTP app with recovery codes.

A TOTP app (django-otp's TOTPDevice) is the everyday factor; ten single-use recovery codes
(a StaticDevice) are for a lost phone. Required for the accounts that can publish, manage
users or use the admin; offered to everyone else, and asked for at every sign-in once set up.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING, TypeGuard

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .choices import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

APP_DEVICE = "app"
RECOVERY_DEVICE = "herstelcodes"
RECOVERY_CODES = 10


def is_required(user: User) -> bool:
    """National coordinators, administrators, superusers and staff cannot do without."""
    return bool(
        user.is_superuser
        or user.is_staff
        or user.role in (Role.NATIONAL_COORDINATOR, Role.ADMINISTRATOR)
    )


def has_second_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def must_verify(user: User | AnonymousUser) -> TypeGuard[User]:
    """Whether this signed-in user must pass the second step before doing anything else."""
    return user.is_authenticated and (is_required(user) or has_second_factor(user))


def pending_app(user: User) -> TOTPDevice:
    """The app being set up: unconfirmed until the user types a first code from it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def qr_svg(text: str) -> str:
    """The QR code of ``text`` as inline SVG markup (made here: nothing is fetched)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    markup = buffer.getvalue().decode()
    return markup[markup.index("<svg") :]  # without the XML declaration, to sit in a page


@transaction.atomic
def confirm_app(device: TOTPDevice) -> list[str]:
    """The app works: it replaces any earlier one, and new recovery codes replace the old."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh single-use codes; the earlier ones stop working. Shown once (django-otp keeps
    them as they are, so they are as secret as the database)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def give_app(user: User) -> tuple[TOTPDevice, list[str]]:
    """A confirmed app and recovery codes at once (for demo-users: the printed secret is the
    app). Any earlier devices of the user stop working."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=True)
    return device, new_recovery_codes(user)
