"""Identity documents other than the mainland resident ID (A15, and the gate's ID
deposit in issue 5). The resident ID itself is validated in `core.identity`.

Rules, what was verified and what is simplified:

resident_id (居民身份证)
    GB 11643-1999, see `core.identity.validate_resident_id` (full check: length, format,
    province, real birth date, check character).
passport (中华人民共和国普通护照)
    Ordinary passports issued since 2012 are ``E`` + 8 digits, or ``E`` + one letter +
    7 digits once the digit series ran out; the older series was ``G`` + 8 digits, and
    some public-affairs / service passports are ``P``/``S``/``D`` + 7 digits.
    Simplification: a foreign passport has no common format, so any other value of 5
    to 17 letters and digits is accepted as a foreign passport; a number shaped like a
    Chinese one (E or G, maybe a letter, then 5 to 9 digits) is held to the strict
    shape, which may refuse a rare foreign passport of that shape. There is no published check digit on
    the number itself (the MRZ check digits are not part of the number).
hk_macao_permit (港澳居民来往内地通行证, "回乡证")
    ``H`` (Hong Kong) or ``M`` (Macao) followed by 8 digits (cards since 2013) or 10
    digits (the older booklet numbers carried a 2-digit issue counter). No check digit.
taiwan_permit (台湾居民来往大陆通行证, "台胞证")
    8 digits on the card issued since 2015; the old booklet had 10 characters
    (8 digits plus a 2-character issue counter, sometimes printed with a letter such
    as ``B``), accepted as 10 letters/digits starting with 8 digits. No check digit.
foreign_permanent_residence (外国人永久居留身份证)
    Old card (2004 format): 15 characters, a 3-letter ISO 3166-1 alpha-3 nationality
    code followed by 12 digits (2-digit code of the issuing province, 6-digit birth
    date YYMMDD, then 4 digits of sequence and check). New card (December 2023): 18 characters
    starting with 9, structured like a resident ID (9 + 2-digit province code, 3-digit
    nationality code, YYYYMMDD birth date, 2-digit sequence, check character) with the
    GB 11643 check character ("10X98765432" over weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5
    8 4 2). Verified here: the shape of both, the real birth date and the GB 11643
    check character of the new card. Simplified: the old card's own check digit
    algorithm is not public, so it is not checked, and the nationality code is only
    checked to be three letters (not against the ISO list).

`validate_document(kind, number)` returns the normalised number (spaces removed,
upper-case) or raises ValidationError with a message naming what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from benchguard.core.identity import check_character, mask_resident_id, validate_resident_id

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    FOREIGN_PERMANENT_RESIDENCE = "foreign_permanent_residence", _("Foreign permanent resident ID card")


CHINESE_PASSPORT = re.compile(r"^(E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8}|[PSD]\d{7})$")
CHINESE_SHAPED = re.compile(r"^[EG][A-Z]?\d{5,9}$")
OTHER_PASSPORT = re.compile(r"^[A-Z0-9]{5,17}$")
HK_MACAO = re.compile(r"^[HM](\d{8}|\d{10})$")
TAIWAN = re.compile(r"^(\d{8}|\d{8}[A-Z0-9]{2})$")
FOREIGN_OLD = re.compile(r"^[A-Z]{3}\d{12}$")
FOREIGN_NEW = re.compile(r"^9\d{16}[\dX]$")


def normalize_document(number: str) -> str:
    """Upper-case, without spaces or hyphens (readers and people add both), full-width
    digits and letters (typed with a Chinese input method) made ordinary ones."""
    return "".join(unicodedata.normalize("NFKC", number).split()).replace("-", "").upper()


def _birth_date(year: int, month: int, day: int, digits: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            _("The birth date in the number (%(digits)s) is not a real date."),
            code="birth_date",
            params={"digits": digits},
        ) from None


def _in_format(value: str, pattern: re.Pattern[str], message: StrOrPromise) -> str:
    """`value` when it matches `pattern`, else refused with `message` (code "format")."""
    if not pattern.match(value):
        raise ValidationError(message, code="format")
    return value


def validate_document(kind: str, number: str) -> str:
    """Return the normalised document number, or raise ValidationError."""
    value = normalize_document(number)
    if not value:
        raise ValidationError(_("Enter the document number."), code="required")
    if kind == DocumentType.RESIDENT_ID:
        return validate_resident_id(value)
    if kind == DocumentType.PASSPORT:
        if CHINESE_SHAPED.match(value):
            _in_format(
                value,
                CHINESE_PASSPORT,
                _("A Chinese passport number is E or G followed by 8 digits (or E, a letter and 7 digits)."),
            )
        return _in_format(value, OTHER_PASSPORT, _("A passport number has 5 to 17 letters and digits."))
    if kind == DocumentType.HK_MACAO_PERMIT:
        return _in_format(
            value, HK_MACAO, _("A Hong Kong or Macao permit number is H or M followed by 8 or 10 digits.")
        )
    if kind == DocumentType.TAIWAN_PERMIT:
        return _in_format(
            value, TAIWAN, _("A Taiwan permit number has 8 digits (10 characters on the old booklet).")
        )
    if kind == DocumentType.FOREIGN_PERMANENT_RESIDENCE:
        if FOREIGN_OLD.match(value):
            yy, mm, dd = int(value[5:7]), int(value[7:9]), int(value[9:11])
            # Two-digit years: take the century that does not put the birth in the future.
            year = 2000 + yy if 2000 + yy <= dt.date.today().year else 1900 + yy
            _birth_date(year, mm, dd, value[5:11])
            return value
        if FOREIGN_NEW.match(value):
            _birth_date(int(value[6:10]), int(value[10:12]), int(value[12:14]), value[6:14])
            if value[17] != check_character(value[:17]):
                raise ValidationError(
                    _("The check character does not match: the number has been mistyped."),
                    code="checksum",
                )
            return value
        raise ValidationError(
            _(
                "A foreign permanent resident ID number is 3 letters and 12 digits (old card) "
                "or 18 characters starting with 9 (card issued since 2023)."
            ),
            code="format",
        )
    raise ValidationError(_("Unknown document type."), code="kind")


def mask_document(number: str) -> str:
    """Masked for display: first 3 and last 4 characters (first 1 and last 2 when short)."""
    if len(number) >= 12:
        return mask_resident_id(number)
    if len(number) <= 4:
        return "*" * len(number)
    return number[:1] + "*" * (len(number) - 3) + number[-2:]
