"""The pact's own password rule, beside Django's validators (settings AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words anyone guesses first for this site, and the years of the pact.
PACT_WORDS = ["techniekpact", "pactmonitor", "techniek", "pact", "monitor"]
PACT_YEARS = [str(year) for year in range(2013, 2021)]


class PactWordsValidator:
    """Refuses a password that is mostly the pact's words and years (``Techniekpact2020``).

    Each word and year is taken out of the password (case-insensitively, ``@`` as ``a`` and
    ``0`` as ``o`` too); what is left must itself be long enough to be a password.
    """

    def __init__(self, min_rest: int = 8) -> None:
        self.min_rest = min_rest

    def rest(self, password: str) -> str:
        rest = password.lower().replace("@", "a").replace("0", "o")
        for word in [*PACT_WORDS, *PACT_YEARS, *[y.replace("0", "o") for y in PACT_YEARS]]:
            rest = rest.replace(word, "")
        return re.sub(r"[\W_]", "", rest)

    def validate(self, password: str, user: object = None) -> None:
        if len(self.rest(password)) < self.min_rest:
            raise ValidationError(
                _(
                    "Dit wachtwoord is te veel gebouwd uit woorden of jaartallen van het pact "
                    "(zoals ‘techniekpact’ of ‘2020’). Kies iets anders."
                ),
                code="password_pact_words",
            )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord is niet opgebouwd uit woorden of jaartallen van het pact.")
