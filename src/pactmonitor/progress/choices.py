from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The colour code of the progress report, plus 'onbekend' where nobody has said."""

    AFGEROND = "afgerond", _("afgerond")
    OP_SCHEMA = "op_schema", _("op schema")
    VERTRAAGD = "vertraagd", _("vertraagd")
    ONBEKEND = "onbekend", _("onbekend")

    @property
    def colour(self) -> str:
        return {"afgerond": "geel", "op_schema": "blauw", "vertraagd": "rood"}.get(
            self.value, "grijs"
        )


class Basis(models.TextChoices):
    """How we know a status: reported by the owner, read from the narrative, or not at all."""

    REPORTED = "reported", _("gerapporteerd")
    ASSESSED = "assessed", _("afgeleid uit de tekst")
    UNKNOWN = "unknown", _("onbekend")


class RoundState(models.TextChoices):
    DRAFT = "draft", _("in voorbereiding")
    OPEN = "open", _("open voor rapportage")
    CLOSED = "closed", _("gesloten")
    PUBLISHED = "published", _("gepubliceerd")


class UpdateState(models.TextChoices):
    DRAFT = "draft", _("concept")
    READY = "ready", _("klaar voor review")
    SUBMITTED = "submitted", _("ingediend")
    APPROVED = "approved", _("goedgekeurd")
    PUBLISHED = "published", _("gepubliceerd")


class Reporting(models.TextChoices):
    """Whether an update reports anything in its round.

    A draft prefilled from the previous round (or empty, where there was none) reports nothing
    until someone changes its content or confirms it unchanged; submitting, approving or
    publishing it does not make it a report.
    """

    CHANGED = "changed", _("gewijzigd")
    CONFIRMED = "confirmed", _("ongewijzigd bevestigd")
    NOT_REPORTED = "not_reported", _("niet gerapporteerd")


class ProfileState(models.TextChoices):
    """A landsdeel profile's way through a round. A profile prefilled from the previous round
    that nobody touched is published as "niet bijgewerkt": it is not a new report."""

    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    APPROVED = "approved", _("goedgekeurd")
    PUBLISHED = "published", _("gepubliceerd")
    NOT_UPDATED = "not_updated", _("niet bijgewerkt")


class ProposalState(models.TextChoices):
    """A proposed correction waiting for, or after, a second national coordinator's review."""

    PENDING = "pending", _("ter beoordeling")
    APPROVED = "approved", _("goedgekeurd")
    REJECTED = "rejected", _("afgewezen")
