from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeKind(models.TextChoices):
    CIV = "civ", _("Centrum voor Innovatief Vakmanschap")
    COE = "coe", _("Centre of Expertise")
    TECHNETKRING = "technetkring", _("Technet-kring")
    JETNET = "jetnet", _("Jet-Net")
    TECHNASIUM = "technasium", _("Technasium")
    CAMPUS = "campus", _("campus")
    SERVICEPUNT = "servicepunt", _("servicepunt techniek")
    PPS = "pps", _("publiek-private samenwerking")
    BETAPUNT = "betapunt", _("regionaal bètatechniek-netwerk")
    TOPTECHNIEK = "toptechniek", _("Toptechniek in Bedrijf")
    EXPATCENTRUM = "expatcentrum", _("expatcentrum")
    NETWERK = "netwerk", _("netwerk of platform")
    PROGRAMMA = "programma", _("programma of project")
    OVERIG = "overig", _("overig")


class ReviewState(models.TextChoices):
    """An initiative (or a change to one) added in the work pages waits for the national
    coordinator's review; only approved initiatives are public."""

    PENDING = "pending", _("ter beoordeling")
    APPROVED = "approved", _("goedgekeurd")
    REJECTED = "rejected", _("afgewezen")
