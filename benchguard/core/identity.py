"""Mainland resident identity numbers (居民身份证号码, GB 11643-1999).

18 characters: a 6-digit address code, the birth date as YYYYMMDD, a 3-digit sequence
(odd for men, even for women) and a check character. The check character is
"10X98765432"[sum(d_i * w_i) mod 11] with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
over the first 17 digits. A lower-case x is the same as X.

The address code is where the number was first issued and may be a code created after
the holder's birth, so only its province part is checked (reference-data.md).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"

# Province-level codes of GB/T 2260 (and 71 Taiwan, 81 Hong Kong, 82 Macao, which appear
# on residence permits issued to their residents).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    }
)  # fmt: skip


def normalize_resident_id(value: str) -> str:
    """Upper-case, without spaces (ID-card readers and people both add them), full-width
    digits (a Chinese input method's) made ordinary ones."""
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


def check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def birth_date_of(number: str) -> dt.date:
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def validate_resident_id(value: str, *, today: dt.date | None = None) -> str:
    """Return the normalised number, or raise ValidationError saying what is wrong."""
    number = normalize_resident_id(value)
    if len(number) != 18:
        raise ValidationError(
            _("A resident ID number has 18 characters; this one has %(count)d."),
            code="length",
            params={"count": len(number)},
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(_("A resident ID number is 17 digits followed by a digit or X."), code="format")
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The first two digits (%(code)s) are not a province code."),
            code="province",
            params={"code": number[:2]},
        )
    try:
        born = birth_date_of(number)
    except ValueError:
        raise ValidationError(
            _("The birth date in the number (%(digits)s) is not a real date."),
            code="birth_date",
            params={"digits": number[6:14]},
        ) from None
    today = today or timezone.localdate()
    if born > today or born < dt.date(1900, 1, 1):
        raise ValidationError(
            _("The birth date in the number (%(date)s) is impossible."),
            code="birth_date",
            params={"date": born.isoformat()},
        )
    expected = check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("The check character does not match: the number has been mistyped."),
            code="checksum",
        )
    return number


def mask_resident_id(number: str) -> str:
    """Show the first 3 and last 4 characters, as the court shows ID numbers on screen."""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
