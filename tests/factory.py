"""A small hand-written factory: each function makes one valid object, overridable by keyword."""

from __future__ import annotations

import datetime
import itertools

from django.test import Client

from pactmonitor.indicators.models import Figure, ImportBatch, Indicator, Observation, Target
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action, ActionLine, Organisation, Pact, SubMeasure
from pactmonitor.progress.models import ReportingRound, StatusUpdate
from pactmonitor.regions.models import Region

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def region(**kw) -> Region:
    n = _n()
    kw.setdefault("key", f"regio-{n}")
    kw.setdefault("name", f"Regio {n}")
    kw.setdefault("kind", "landsdeel")
    return Region.objects.create(**kw)


def organisation(**kw) -> Organisation:
    n = _n()
    kw.setdefault("key", f"organisatie-{n}")
    kw.setdefault("name", f"Organisatie {n}")
    kw.setdefault("sector", "onderwijs")
    return Organisation.objects.create(**kw)


def pact(**kw) -> Pact:
    n = _n()
    kw.setdefault("key", f"pact-{n}")
    kw.setdefault("name", f"Pact {n}")
    kw.setdefault("level", "national")
    return Pact.objects.create(**kw)


def action_line(**kw) -> ActionLine:
    n = _n()
    kw.setdefault("pact", kw.get("pact") or pact())
    kw.setdefault("key", f"lijn-{n}")
    kw.setdefault("name", f"Actielijn {n}")
    return ActionLine.objects.create(**kw)


def action(leads=(), **kw) -> Action:
    n = _n()
    kw.setdefault("pact", kw.get("pact") or pact())
    kw.setdefault("number", str(n))
    kw.setdefault("title", f"Actie {n}")
    created = Action.objects.create(**kw)
    created.leads.set(leads)
    return created


def sub_measure(**kw) -> SubMeasure:
    kw.setdefault("action", kw.get("action") or action())
    kw.setdefault("letter", "a")
    kw.setdefault("text", "Een deelmaatregel")
    return SubMeasure.objects.create(**kw)


def reporting_round(**kw) -> ReportingRound:
    n = _n()
    kw.setdefault("pact", kw.get("pact") or pact())
    kw.setdefault("slug", f"ronde-{n}")
    kw.setdefault("name", f"Ronde {n}")
    kw.setdefault("peildatum", datetime.date(2014, 5, 31))
    return ReportingRound.objects.create(**kw)


def status_update(**kw) -> StatusUpdate:
    kw.setdefault("action", kw.get("action") or action())
    kw.setdefault("round", kw.get("round") or reporting_round(pact=kw["action"].pact))
    return StatusUpdate.objects.create(**kw)


def indicator(**kw) -> Indicator:
    n = _n()
    kw.setdefault("key", f"indicator-{n}")
    kw.setdefault("name", f"Indicator {n}")
    kw.setdefault("unit", "percent")
    return Indicator.objects.create(**kw)


def observation(**kw) -> Observation:
    kw.setdefault("indicator", kw.get("indicator") or indicator())
    kw.setdefault("value", 1.0)
    return Observation.objects.create(**kw)


def target(**kw) -> Target:
    kw.setdefault("indicator", kw.get("indicator") or indicator())
    kw.setdefault("value", 1.0)
    return Target.objects.create(**kw)


def import_batch(**kw) -> ImportBatch:
    n = _n()
    kw.setdefault("recipe", f"recept-{n}")
    kw.setdefault("file_name", f"bestand-{n}.csv")
    kw.setdefault("sha256", f"{n:064x}")
    kw.setdefault("publisher", "DUO")
    kw.setdefault("table_name", "Examenkandidaten en geslaagden")
    kw.setdefault("licence", "CC0 1.0")
    kw.setdefault("licence_url", "https://creativecommons.org/publicdomain/zero/1.0/")
    return ImportBatch.objects.create(**kw)


def figure(**kw) -> Figure:
    """A figure of an active batch; pass ``batch`` to put several in one."""
    kw.setdefault("indicator", kw.get("indicator") or indicator(measure="share"))
    kw.setdefault("batch", kw.get("batch") or import_batch())
    kw.setdefault("year", 2019)
    kw.setdefault("numerator", 1.0)
    return Figure.objects.create(**kw)


def initiative(**kw) -> Initiative:
    n = _n()
    kw.setdefault("key", f"initiatief-{n}")
    kw.setdefault("name", f"Initiatief {n}")
    kw.setdefault("kind", "overig")
    # Like the bundled ones, public unless a test says otherwise (review_state="pending").
    kw.setdefault("review_state", "approved")
    return Initiative.objects.create(**kw)


def user(**kw):
    from pactmonitor.accounts.models import User

    n = _n()
    kw.setdefault("username", f"gebruiker-{n}")
    kw.setdefault("email", f"{kw['username']}@example.org")
    password = kw.pop("password", "geheim-wachtwoord")
    created = User(**kw)
    created.set_password(password)
    created.save()
    return created


# --- Signing in with the second factor ---------------------------------------------------------
# Accounts that need a second factor (accounts.second_factor.must_verify) get nothing but the
# second step until they pass it. Tests sign in through these helpers; tests/conftest.py makes
# ``client.force_login`` use ``sign_in`` so every test gets a verified session unless it asks
# for an unverified one (``sign_in(client, user, verified=False)``).

_plain_force_login = Client.force_login


def totp_device(user):
    """The user's confirmed TOTP app, made if they have none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def totp_code(device) -> str:
    """The code the user's app shows now (the device forgets the last one used, so a test may
    sign in twice within the same 30 seconds)."""
    from django_otp.oath import TOTP

    device.last_t = -1
    device.save(update_fields=["last_t"])
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return str(token).zfill(device.digits)


def sign_in(client, user, *, verified: bool = True, backend: str | None = None) -> None:
    """``force_login``, plus a passed second step for an account that needs one."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from pactmonitor.accounts import second_factor

    _plain_force_login(client, user, backend)
    if verified and second_factor.must_verify(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
        session.save()


# --- Stored documents ---------------------------------------------------------------------------


def produced_edition(product: str, *, formats: tuple[str, ...] = ("html",)):
    """The background job's edition of ``product`` ("rapportages/2014", "open-data"), run at
    once. Reports in formats outside ``formats`` are one-line stand-ins: printing every PDF
    and DOCX of a round takes long, and tests/reports checks those documents."""
    import pytest

    from pactmonitor.downloads.models import Edition
    from pactmonitor.downloads.tasks import produce_edition
    from pactmonitor.reports import storage
    from pactmonitor.reports.output import render

    def chosen(report, format):
        if format in formats:
            return render(report, format)
        return f"{format} van {report.title}".encode()

    edition = Edition.objects.create(product=product)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "render", chosen)
        produce_edition.call(edition.pk)
    edition.refresh_from_db()
    return edition
