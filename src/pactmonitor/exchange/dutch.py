"""Reading values the way Dutch users type them in a spreadsheet: comma decimals, Dutch dates.

Each function returns the value or raises ``ValueError`` with a message for the user.
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
WORDED_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
# Periods that name no single day: kept as text ("eind 2014", "december 2014", "Q3 2015").
PERIOD_WORDS = "begin|medio|midden|eind|einde|voorjaar|zomer|najaar|winter|q[1-4]|kwartaal [1-4]"
PERIOD = re.compile(rf"^(({PERIOD_WORDS})\s+)?(({'|'.join(MONTHS)})\s+)?(\d{{4}})$")
NUMBER = re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$|^[-+]?\d*\.\d+$")


def parse_number(value: object) -> float:
    """12 → 12.0; "12,5" → 12.5; "1.234,5" → 1234.5; "0.5" → 0.5 (a point is decimal only
    when it cannot be a thousands separator)."""
    if isinstance(value, bool):
        raise ValueError(_("geen getal"))
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not NUMBER.match(text):
        raise ValueError(
            _("‘%(value)s’ is geen getal (gebruik bijvoorbeeld 12,5)") % {"value": value}
        )
    if "," in text or re.search(r"\.\d{3}(\.|$)", text):
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def _date(year: int, month: int, day: int, original: object) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("‘%(value)s’ is geen bestaande datum") % {"value": original}) from None


def parse_date(value: object) -> tuple[datetime.date | None, str]:
    """A cell as (date, text as the user wrote it).

    Accepts date cells, 31-12-2014, 31/12/2014, 31.12.2014, 2014-12-31, "31 december 2014";
    a period without a day ("eind 2014", "december 2014") is kept as text with no date.
    """
    if isinstance(value, datetime.datetime):
        return value.date(), ""
    if isinstance(value, datetime.date):
        return value, ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            _("‘%(value)s’ is geen datum (schrijf bijvoorbeeld 31-12-2014)") % {"value": value}
        )
    text = " ".join(str(value).split())
    lowered = text.lower()
    if match := NUMERIC_DATE.match(lowered):
        day, month, year = (int(part) for part in match.groups())
        return _date(year, month, day, text), text
    if match := ISO_DATE.match(lowered):
        year, month, day = (int(part) for part in match.groups())
        return _date(year, month, day, text), text
    if (match := WORDED_DATE.match(lowered)) and match.group(2) in MONTHS:
        return _date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)), text), text
    if PERIOD.match(lowered):
        return None, text
    raise ValueError(
        _("‘%(value)s’ is geen datum (schrijf bijvoorbeeld 31-12-2014 of 31 december 2014)")
        % {"value": text}
    )
