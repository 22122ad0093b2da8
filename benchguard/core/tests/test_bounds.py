"""Dates, counts and phones are bounded by what the field means, with a message that
names the bound (issue 9, point 6). The forms of every area and the API are checked in
tests/test_form_bounds.py."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import BIRTH, HAPPENED, PEOPLE_AT_A_GATE, PHONE, PLANNED, is_phone_number

TODAY = "2026-06-15 10:00:00+08:00"


def codes(form: forms.BaseForm, field: str) -> list[str | None]:
    form.is_valid()
    return [error.code for error in form.errors.as_data().get(field, [])]


def messages(form: forms.BaseForm, field: str) -> list[str]:
    form.is_valid()
    return [str(m) for m in form.errors.get(field, [])]


# --- The bounds themselves ---------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_something_that_happened_lies_between_1949_and_today() -> None:
    HAPPENED(dt.date(1949, 10, 1))
    HAPPENED(dt.date(2026, 6, 15))
    HAPPENED(timezone.now())
    with pytest.raises(ValidationError) as early:
        HAPPENED(dt.date(1, 1, 1))
    assert early.value.code == "too_early" and "1949" in early.value.messages[0]
    with pytest.raises(ValidationError) as late:
        HAPPENED(dt.date(2026, 6, 16))
    assert late.value.code == "too_late" and "2026" in late.value.messages[0]


@time_machine.travel(TODAY, tick=False)
def test_something_planned_lies_no_more_than_five_years_ahead() -> None:
    PLANNED(dt.date(2031, 6, 15))
    with pytest.raises(ValidationError) as late:
        PLANNED(dt.date(9999, 12, 31))
    assert late.value.code == "too_late" and "2031" in late.value.messages[0]
    with pytest.raises(ValidationError):
        PLANNED(dt.datetime(9999, 1, 1, 9, tzinfo=dt.UTC))


@time_machine.travel(TODAY, tick=False)
def test_a_birth_date_is_after_1900_and_not_in_the_future() -> None:
    BIRTH(dt.date(1950, 3, 1))
    for wrong in (dt.date(1800, 1, 1), dt.date(2027, 1, 1)):
        with pytest.raises(ValidationError):
            BIRTH(wrong)


def test_counts_have_a_ceiling_named_in_the_message() -> None:
    PEOPLE_AT_A_GATE(2_000)
    with pytest.raises(ValidationError) as caught:
        PEOPLE_AT_A_GATE(1_000_000_000_000)
    assert caught.value.code == "too_large" and "100000" in caught.value.messages[0]


@pytest.mark.parametrize(
    "number",
    [
        "13800138000",
        "138 0013 8000",
        "+86 138 0013 8000",
        "0532-8888 8888",
        "0532-88888888转123",
        "010-12345678",
        "8888 8888",
        "+44 20 7946 0000",
    ],
)
def test_mobile_landline_and_foreign_numbers_are_accepted(number: str) -> None:
    assert is_phone_number(number)
    PHONE(number)


@pytest.mark.parametrize("number", ["12345", "abc", "1380013800", "23800138000", "0532", "+1", "+86 12345"])
def test_anything_else_is_not_a_phone_number(number: str) -> None:
    with pytest.raises(ValidationError) as caught:
        PHONE(number)
    assert caught.value.code == "phone" and "+" in caught.value.messages[0]


@time_machine.travel(TODAY, tick=False)
def test_a_form_bounds_its_declared_fields_and_every_other_date() -> None:
    class Example(StyledFormMixin, forms.Form):
        bounds = {"seen_on": HAPPENED}
        seen_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
        searched_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    form = Example({"seen_on": "2026-06-16", "searched_from": "9999-01-01"})
    assert codes(form, "seen_on") == ["too_late"]
    assert codes(form, "searched_from") == ["too_late"]
    assert form.fields["seen_on"].widget.attrs["max"] == "2026-06-15"
    assert form.fields["seen_on"].widget.attrs["min"] == "1949-10-01"
