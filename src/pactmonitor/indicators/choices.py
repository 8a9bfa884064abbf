from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EducationLevel(models.TextChoices):
    PO = "po", _("primair onderwijs")
    VO = "vo", _("voortgezet onderwijs")
    VMBO = "vmbo", _("vmbo")
    HAVO = "havo", _("havo")
    VWO = "vwo", _("vwo")
    HAVO_VWO = "havo-vwo", _("havo/vwo")
    MBO = "mbo", _("mbo")
    HBO = "hbo", _("hbo")
    WO = "wo", _("wo")
    HO = "ho", _("hoger onderwijs")


class Unit(models.TextChoices):
    PERCENT = "percent", _("procent")
    COUNT = "count", _("aantal")
    EURO = "euro", _("euro")
    FTE = "fte", _("fte")
    OTHER = "other", _("anders")


class Measure(models.TextChoices):
    """How an indicator's figures add up: a share as Σ numerator / Σ denominator, the rest as Σ."""

    SHARE = "share", _("aandeel")
    COUNT = "count", _("aantal")
    AMOUNT = "amount", _("bedrag")

    @classmethod
    def for_unit(cls, unit: str | None) -> Measure:
        """The measure a dataset unit implies: percentages are shares, euros amounts."""
        return {"percent": cls.SHARE, "euro": cls.AMOUNT}.get(unit or "", cls.COUNT)


class BatchState(models.TextChoices):
    ACTIVE = "active", _("in gebruik")
    SUPERSEDED = "superseded", _("vervangen door een nieuwere versie")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class VerdictKind(models.TextChoices):
    """Where a series stands against its target (see ``verdict``)."""

    ON_COURSE = "op_koers", _("op koers")
    OFF_COURSE = "niet_op_koers", _("niet op koers")
    TOO_FEW = "te_weinig_metingen", _("te weinig metingen")
    REACHED = "gehaald", _("gehaald")
    NOT_REACHED = "niet_gehaald", _("niet gehaald")
    TARGET_YEAR_UNMEASURED = "doeljaar_niet_gemeten", _("doeljaar niet gemeten")
    NO_TARGET = "geen_streefwaarde", _("geen streefwaarde")


class Dating(models.TextChoices):
    """Where a document figure's year comes from (docs/dataset.md, "Dating a figure")."""

    STATED = "stated", _("jaar volgens de tekst")
    # "Huidige stand", "op dit moment", "nu": the state at the document's peildatum.
    DOCUMENT = "document", _("stand per de peildatum van het document")
    # "van 45% naar 55% in 2015": the situation when the pact was signed.
    SIGNING = "signing", _("stand bij de ondertekening van het pact")
    NOT_GIVEN = "not_given", _("jaar niet genoemd")
