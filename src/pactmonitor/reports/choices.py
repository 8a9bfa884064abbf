from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    BIJLAGE1 = "bijlage1", _("Bijlage 1: de stand van zaken per landelijke actie")
    BIJLAGE2 = "bijlage2", _("Bijlage 2: de stand van zaken per landsdeel")
    LANDSDEEL = "landsdeel", _("Rapportage per landsdeel")
    PACT = "pact", _("Rapportage per pact")


class ReportFormat(models.TextChoices):
    HTML = "html", "HTML"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"

    @property
    def content_type(self) -> str:
        return {
            "html": "text/html; charset=utf-8",
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }[self.value]
