"""Case numbers as courts write them (SPC Provisions on Case Numbers, 2015): worked
cases, each read by hand against the pattern （year）court-code type-code sequence 号."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from benchguard.cases.numbers import CaseNumber, parse_case_number

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("written", "parts", "normalised"),
    [
        ("（2026）鲁02民初123号", (2026, "鲁02", "民初", 123), "（2026）鲁02民初123号"),
        ("(2025)鲁0202民终7号", (2025, "鲁0202", "民终", 7), "（2025）鲁0202民终7号"),  # half-width brackets
        (" （2024） 鲁0285 执恢 45 号 ", (2024, "鲁0285", "执恢", 45), "（2024）鲁0285执恢45号"),  # spaces
        ("（1979）鲁02刑初1号", (1979, "鲁02", "刑初", 1), "（1979）鲁02刑初1号"),  # the earliest year
        ("（2026）鲁02执999999号", (2026, "鲁02", "执", 999999), "（2026）鲁02执999999号"),
        ("（2026）鲁02民辖终3号", (2026, "鲁02", "民辖终", 3), "（2026）鲁02民辖终3号"),  # three characters
    ],
)
def test_a_case_number_is_read_into_its_parts_and_written_full_width(
    written: str, parts: tuple[int, str, str, int], normalised: str
) -> None:
    number = parse_case_number(written, today=TODAY)
    assert (number.year, number.court_code, number.type_code, number.sequence) == parts
    assert str(number) == normalised


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("", "required"),
        ("2026鲁02民初123号", "format"),  # no brackets
        ("（2026）鲁02民初123", "format"),  # no 号
        ("（26）鲁02民初123号", "format"),  # a two-digit year
        ("（2026）02民初123号", "format"),  # no province
        ("（2026）鲁02民初0123号", "format"),  # a sequence starts with 1–9
        ("（2026）鲁02民初1234567号", "format"),  # seven digits: beyond any court's year
        ("（2027）鲁02民初1号", "year"),  # next year, on 2 December 2026
        ("（1978）鲁02民初1号", "year"),
        ("（2026）鲁02民一123号", "type"),  # 民一 is a division, not a case type
        ("（2026）鲁02初123号", "type"),
    ],
)
def test_a_wrong_case_number_is_refused_with_what_is_wrong(written: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_case_number(written, today=TODAY)
    assert refused.value.code == code


def test_the_year_bound_follows_today() -> None:
    assert parse_case_number("（2027）鲁02民初1号", today=dt.date(2027, 1, 1)) == CaseNumber(
        2027, "鲁02", "民初", 1
    )
