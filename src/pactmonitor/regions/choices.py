from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    LAND = "land", _("land")
    LANDSDEEL = "landsdeel", _("landsdeel")
    PROVINCIE = "provincie", _("provincie")
    COROP = "corop", _("COROP-gebied")
    SUBREGIO = "subregio", _("subregio")
    ARBEIDSMARKTREGIO = "arbeidsmarktregio", _("arbeidsmarktregio")
    GEMEENTE = "gemeente", _("gemeente")
