"""Identity documents other than the resident ID (core/documents.py), hand-worked cases."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from benchguard.core.documents import DocumentType, mask_document, validate_document
from benchguard.core.identity import check_character

T = DocumentType


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        (T.PASSPORT, "e1234 5678", "E12345678"),
        (T.PASSPORT, "EA1234567", "EA1234567"),
        (T.PASSPORT, "G12345678", "G12345678"),
        (T.PASSPORT, "X1234567AB", "X1234567AB"),  # a foreign passport
        (T.HK_MACAO_PERMIT, "H12345678", "H12345678"),
        (T.HK_MACAO_PERMIT, "m1234567890", "M1234567890"),
        (T.TAIWAN_PERMIT, "12345678", "12345678"),
        (T.TAIWAN_PERMIT, "1234567801", "1234567801"),
        (T.FOREIGN_PERMANENT_RESIDENCE, "usa376805120113", "USA376805120113"),
        (T.RESIDENT_ID, "11010519491231002x", "11010519491231002X"),
    ],
)
def test_it_accepts_and_normalises_valid_numbers(kind: str, number: str, expected: str) -> None:
    assert validate_document(kind, number) == expected


def test_the_new_foreign_permanent_residence_card_uses_the_gb11643_check_character() -> None:
    # 9 + province 37 + nationality 840 + born 1968-05-12 + sequence 01 + check.
    first17 = "93784019680512" + "010"
    first17 = first17[:17]
    number = first17 + check_character(first17)
    assert validate_document(T.FOREIGN_PERMANENT_RESIDENCE, number) == number
    wrong = first17 + ("0" if number[-1] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        validate_document(T.FOREIGN_PERMANENT_RESIDENCE, wrong)
    assert exc.value.code == "checksum"


@pytest.mark.parametrize(
    ("kind", "number", "code"),
    [
        (T.PASSPORT, "E1234567", "format"),
        (T.PASSPORT, "AB1", "format"),
        (T.HK_MACAO_PERMIT, "H1234567", "format"),
        (T.HK_MACAO_PERMIT, "K12345678", "format"),
        (T.TAIWAN_PERMIT, "1234567", "format"),
        (T.FOREIGN_PERMANENT_RESIDENCE, "US3768051201130", "format"),
        (T.FOREIGN_PERMANENT_RESIDENCE, "USA376813120113", "birth_date"),
        (T.RESIDENT_ID, "110105194912310021", "checksum"),
        (T.PASSPORT, "  ", "required"),
        ("driving_licence", "123456", "kind"),
    ],
)
def test_it_refuses_with_a_specific_message(kind: str, number: str, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_document(kind, number)
    assert exc.value.code == code
    assert exc.value.messages[0]


def test_numbers_are_masked_for_display() -> None:
    assert mask_document("11010519491231002X") == "110***********002X"
    assert mask_document("H12345678") == "H******78"
