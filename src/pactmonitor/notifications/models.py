"""The outbox: every notification e-mail is recorded before it is sent, once per key."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pactmonitor.core.permissions import ScopedQuerySet

from .choices import Delivery, Event
from .permissions import NotificationPolicy

SENT = Q(sent_at__isnull=False)
FAILED = Q(sent_at__isnull=True) & ~Q(last_error="")
PENDING = Q(sent_at__isnull=True, last_error="")


class NotificationQuerySet(ScopedQuerySet["Notification"]):
    def in_delivery(self, delivery: str) -> NotificationQuerySet:
        conditions: dict[str, Q] = {Delivery.SENT: SENT, Delivery.FAILED: FAILED}
        return self.filter(conditions.get(delivery, PENDING))

    def unsent(self) -> NotificationQuerySet:
        return self.filter(sent_at__isnull=True)

    def for_digest(self) -> NotificationQuerySet:
        return self.unsent().filter(digest=True)


class Notification(models.Model):
    """One e-mail to one person about one event.

    ``key`` names the event occurrence and the recipient (e.g. ``sent_back:12:r7:u3``): a signal
    that fires twice records nothing new, and the sender claims the row before it sends, so
    each notification goes out once. ``digest`` holds it for the recipient's daily digest.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    address = models.EmailField(_("adres"))
    event = models.CharField(_("gebeurtenis"), max_length=20, choices=Event.choices)
    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    # The actions it is about: a landsdeel coordinator sees the notifications of their actions.
    actions = models.ManyToManyField(
        "pacts.Action", verbose_name=_("acties"), blank=True, related_name="+"
    )
    round = models.ForeignKey(
        "progress.ReportingRound",
        verbose_name=_("ronde"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    digest = models.BooleanField(_("in het dagoverzicht"), default=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    retry_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()
    policy = NotificationPolicy()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self) -> str:
        return f"{self.address}: {self.subject}"

    @property
    def delivery(self) -> str:
        if self.sent_at:
            return Delivery.SENT
        return Delivery.FAILED if self.last_error else Delivery.PENDING

    def get_delivery_display(self) -> str:
        return str(Delivery(self.delivery).label)


class Preference(models.Model):
    """How a user wants to be told: an e-mail per event, or one daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    digest = models.BooleanField(
        _("dagelijks overzicht"),
        default=False,
        help_text=_("Eén e-mail per dag met alle meldingen, in plaats van één per gebeurtenis."),
    )

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self) -> str:
        return str(self.user)
