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
