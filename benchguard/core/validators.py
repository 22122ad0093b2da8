"""Bounds on what users type, by what the field means: one place for every form and API
serializer (issue 9, point 6).

* Dates: something that happened (an incident, a talk, a letter sent) lies between the
  founding of the people's courts and today; something planned (a meeting, a deadline,
  a term, a review) lies no more than `PLANNING_YEARS` ahead; a birth date after 1900.
  Lower bounds are fixed and upper bounds move with today, so a row saved within its
  bounds can always be edited again.
* Counts: people, bags, votes and fines have a ceiling far above any real day, far
  below what a typing slip (1,000,000,000,000) or the database column allows.
* Phones: a mainland mobile (11 digits, 1[3-9]…), a landline (area code 0xx(x), 7 or 8
  digits, an optional extension) or a foreign number written with +country code.

Forms declare `bounds = {"field": BOUND, ...}` (core.forms.StyledFormMixin applies them,
with the browser's min/max); serializers pass `validators=[BOUND]` to the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

COURTS_FOUNDED = dt.date(1949, 10, 1)  # the people's courts; no record here is older
EARLIEST_BIRTH = dt.date(1900, 1, 1)
PLANNING_YEARS = 5  # meetings, deadlines, terms and reviews are planned within this


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@deconstructible
class DateBound:
    """A date (or the day of a date and time) between `earliest` and `latest`, where
    `ahead` None means "not after today" and a number means "within that many years"."""

    def __init__(self, *, earliest: dt.date, ahead: int | None, too_late: Any) -> None:
        self.earliest = earliest
        self.ahead = ahead
        self.too_late = too_late

    def latest(self) -> dt.date:
        today = timezone.localdate()
        return today if self.ahead is None else _years_after(today, self.ahead)

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        day = _as_date(value)
        if day < self.earliest:
            raise ValidationError(
                _("The date cannot be before %(earliest)s."),
                code="too_early",
                params={"earliest": formats.date_format(self.earliest, "SHORT_DATE_FORMAT")},
            )
        latest = self.latest()
        if day > latest:
            raise ValidationError(
                self.too_late,
                code="too_late",
                params={"latest": formats.date_format(latest, "SHORT_DATE_FORMAT")},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateBound) and (self.earliest, self.ahead) == (other.earliest, other.ahead)

    def __hash__(self) -> int:
        return hash((self.earliest, self.ahead))

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        kind = widget.attrs.get("type") or getattr(widget, "input_type", "")
        if kind == "date":
            return {"min": self.earliest.isoformat(), "max": self.latest().isoformat()}
        if kind == "datetime-local":
            return {"min": f"{self.earliest.isoformat()}T00:00", "max": f"{self.latest().isoformat()}T23:59"}
        return {}


@deconstructible
class CountBound:
    """A whole number from `minimum` to `maximum`."""

    def __init__(self, maximum: int, minimum: int = 0) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        if value < self.minimum:
            raise ValidationError(
                _("Enter a number of at least %(minimum)s."),
                code="too_small",
                params={"minimum": self.minimum},
            )
        if value > self.maximum:
            raise ValidationError(
                _("Enter a number of at most %(maximum)s."),
                code="too_large",
                params={"maximum": self.maximum},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CountBound) and (self.minimum, self.maximum) == (
            other.minimum,
            other.maximum,
        )

    def __hash__(self) -> int:
        return hash((self.minimum, self.maximum))

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        return {"min": str(self.minimum), "max": str(self.maximum)}

    def covers(self, validator: Any) -> bool:
        """Does this bound refuse everything `validator` (a min or max value) refuses?"""
        if isinstance(validator, MinValueValidator) and not callable(validator.limit_value):
            return bool(validator.limit_value <= self.minimum)
        if isinstance(validator, MaxValueValidator) and not callable(validator.limit_value):
            return bool(validator.limit_value >= self.maximum)
        return False


_SEPARATORS = re.compile(r"[\s\-()（）]")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*\d{1,6}$", re.IGNORECASE)
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0[1-9]\d{1,2}[2-9]\d{6,7}$")  # 010, 02x or a four-digit area code
_LOCAL = re.compile(r"^[2-9]\d{6,7}$")  # a landline of this city, without its area code
_FOREIGN = re.compile(r"^\+[1-9]\d{6,14}$")  # E.164


def is_phone_number(value: str) -> bool:
    compact = _SEPARATORS.sub("", _EXTENSION.sub("", value.strip()))
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            national = compact[len(prefix) :]
            return bool(_MOBILE.match(national) or _LANDLINE.match("0" + national.removeprefix("0")))
    if compact.startswith("+"):
        return bool(_FOREIGN.match(compact))
    return bool(_MOBILE.match(compact) or _LANDLINE.match(compact) or _LOCAL.match(compact))


@deconstructible
class PhoneNumber:
    """A mainland mobile (138 0000 0000), a landline with or without its area code
    (0532-8888 8888, 8888 8888, optionally 转 123) or a foreign number (+44 20 7946 0000)."""

    def __call__(self, value: Any) -> None:
        if value and not is_phone_number(str(value)):
            raise ValidationError(
                _(
                    "Enter a phone number: a mobile of 11 digits (138 0000 0000), a landline with its "
                    "area code (0532-8888 8888) or a foreign number starting with + (+44 20 7946 0000)."
                ),
                code="phone",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhoneNumber)

    def __hash__(self) -> int:
        return hash(PhoneNumber)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        return {"inputmode": "tel", "autocomplete": "off"}


# Something that happened: an incident, a reception, a talk, a letter sent or answered.
HAPPENED = DateBound(
    earliest=COURTS_FOUNDED, ahead=None, too_late=_("The date cannot be in the future (after %(latest)s).")
)
# Planned: a meeting, a deadline, a term of office, a review or an end of protection.
PLANNED = DateBound(
    earliest=COURTS_FOUNDED,
    ahead=PLANNING_YEARS,
    too_late=_("The date cannot be more than 5 years ahead (after %(latest)s)."),
)
BIRTH = DateBound(earliest=EARLIEST_BIRTH, ahead=None, too_late=_("The birth date cannot be in the future."))
# Any other date a user types (a search range): within what the records can hold.
ANY_DATE = PLANNED

PEOPLE_AT_A_GATE = CountBound(100_000)  # people, bags or refusals at one checkpoint in one shift
PEOPLE_AT_AN_EVENT = CountBound(10_000)  # petitioners received, people involved in an incident
VOTES = CountBound(1_000)  # members of a committee
ORDER = CountBound(1_000)  # position of an agenda item
FINE_RMB = CountBound(1_000_000, minimum=1)  # the highest fine the law allows (an organisation)
PHONE = PhoneNumber()

Bound = DateBound | CountBound | PhoneNumber


def apply_bounds(fields: Mapping[str, Any], bounds: Mapping[str, Bound]) -> None:
    """Add each bound to its form field (validator and the browser's min/max); any other
    date field of the form gets ANY_DATE, so no date is ever unbounded."""
    for name, field in fields.items():
        bound = bounds.get(name)
        if bound is None and isinstance(field, forms.DateField | forms.DateTimeField):
            bound = ANY_DATE
        if bound is None:
            continue
        if isinstance(bound, CountBound):
            # The field's own min_value / max_value would say the same again in other words.
            field.validators = [v for v in field.validators if not bound.covers(v)]
        if bound not in field.validators:
            field.validators = [*field.validators, bound]
        field.widget.attrs.update(bound.widget_attrs(field.widget))
