"""Resident ID numbers (GB 11643-1999), with check characters worked out by hand."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from benchguard.core.identity import (
    check_character,
    mask_resident_id,
    validate_resident_id,
)

TODAY = dt.date(2026, 11, 30)


def test_it_accepts_a_number_whose_check_character_is_x() -> None:
    # 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167;
    # 167 mod 11 = 2; "10X98765432"[2] = "X".
    assert validate_resident_id("11010519491231002X", today=TODAY) == "11010519491231002X"


def test_a_lower_case_x_is_the_same_as_upper_case() -> None:
    assert validate_resident_id("11010519491231002x", today=TODAY) == "11010519491231002X"


def test_it_accepts_a_qingdao_number_checked_by_hand() -> None:
    # 3·7+7·9+0·10+2·5+0·8+2·4+1·2+9·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2 = 177;
    # 177 mod 11 = 1; "10X98765432"[1] = "0".
    assert check_character("37020219800101001") == "0"
    assert validate_resident_id("370202198001010010", today=TODAY)


def test_spaces_from_readers_are_ignored() -> None:
    assert validate_resident_id(" 370202 19800101 0010 ", today=TODAY) == "370202198001010010"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("37020219800101001", "length"),
        ("3702021980010100100", "length"),
        ("37020219800101001A", "format"),
        ("3702021980010X0010", "format"),
        ("990202198001010010", "province"),
        ("370202198002300013", "birth_date"),  # 30 February
        ("370202203001010010", "birth_date"),  # born in 2030
        ("370202198001010011", "checksum"),
    ],
)
def test_it_refuses_a_bad_number_saying_why(number: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_resident_id(number, today=TODAY)
    assert caught.value.code == code


def test_a_district_code_younger_than_the_holder_is_accepted() -> None:
    # 370211 (Huangdao) took its current form in 2012; someone born in 1970 may hold it.
    first17 = "37021119700101002"
    assert validate_resident_id(first17 + check_character(first17), today=TODAY)


def test_masking_shows_only_the_ends() -> None:
    assert mask_resident_id("370202198001010010") == "370***********0010"


digits17 = st.builds(
    lambda province, rest, born: f"{province}0202{born:%Y%m%d}{rest:03d}",
    st.sampled_from(["11", "37", "44", "65"]),
    st.integers(0, 999),
    st.dates(dt.date(1920, 1, 1), dt.date(2020, 12, 31)),
)


@given(digits17)
def test_every_generated_number_with_its_check_character_is_valid(first17: str) -> None:
    assert validate_resident_id(first17 + check_character(first17), today=TODAY)


@given(digits17, st.integers(0, 16), st.integers(1, 9))
def test_changing_any_one_digit_is_caught(first17: str, position: int, delta: int) -> None:
    number = first17 + check_character(first17)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    with pytest.raises(ValidationError):
        validate_resident_id(changed, today=TODAY)
