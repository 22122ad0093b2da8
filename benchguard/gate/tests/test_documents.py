"""Every document type a visitor may leave at the gatehouse, validated through check_in
(core/documents.py): the valid shapes accepted and stored normalised, mistyped or
impossible numbers refused on "document_number" with nothing saved.

The numbers below were worked out by hand from the rules (GB 11643 check character:
"10X98765432"[sum(digit × weight) mod 11], weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2):

- 37020219920607205X: 3·7 + 7·9 + 0·10 + 2·5 + 0·8 + 2·4 + 1·2 + 9·1 + 9·6 + 2·3 + 0·7
  + 6·9 + 0·10 + 7·5 + 2·8 + 0·4 + 5·2 = 288; 288 mod 11 = 2 → X.
- 931840198503150124 (new foreign permanent resident card: 9, province 31, nationality
  840, born 1985-03-15, sequence 012): 9·7 + 3·9 + 1·10 + 8·5 + 4·8 + 0·4 + 1·2 + 9·1
  + 8·6 + 5·3 + 0·7 + 3·9 + 1·10 + 5·5 + 0·8 + 1·4 + 2·2 = 316; 316 mod 11 = 8 → 4.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from benchguard.core.documents import DocumentType
from benchguard.gate.choices import VisitStatus
from benchguard.gate.models import IdDeposit, Visit
from benchguard.gate.tests.conftest import new_id_number, new_slot, with_wrong_check
from benchguard.organization.demo import demo_id_number

pytestmark = pytest.mark.django_db

X_CHECK = "37020219920607205X"
NEW_FOREIGN_CARD = "931840198503150124"


def field_codes(exc: ValidationError, field: str) -> list[str | None]:
    return [error.code for error in exc.error_dict.get(field, [])]


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        (DocumentType.PASSPORT, "E87654321", "E87654321"),  # since 2012: E + 8 digits
        (DocumentType.PASSPORT, "ea1234567", "EA1234567"),  # E + a letter + 7 digits
        (DocumentType.PASSPORT, "G12345670", "G12345670"),  # the older series
        (DocumentType.PASSPORT, "P1234567", "P1234567"),  # a service passport
        (DocumentType.PASSPORT, "X12345678", "X12345678"),  # a foreign passport
        (DocumentType.HK_MACAO_PERMIT, "H87654321", "H87654321"),  # card since 2013
        (DocumentType.HK_MACAO_PERMIT, "M1234567890", "M1234567890"),  # old booklet
        (DocumentType.TAIWAN_PERMIT, "87654321", "87654321"),  # card since 2015
        (DocumentType.TAIWAN_PERMIT, "12345678B1", "12345678B1"),  # old booklet
        (DocumentType.FOREIGN_PERMANENT_RESIDENCE, "CAN318503150012", "CAN318503150012"),  # 2004 card
        (DocumentType.FOREIGN_PERMANENT_RESIDENCE, NEW_FOREIGN_CARD, NEW_FOREIGN_CARD),  # 2023 card
        (DocumentType.FOREIGN_PERMANENT_RESIDENCE, "usa 318503150012", "USA318503150012"),
    ],
)
def test_each_document_type_is_accepted(visitor, kind, typed, stored) -> None:
    visit = visitor(document_kind=kind, document_number=typed)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PENDING
    assert visit.document_kind == kind
    assert visit.document_number == stored
    assert IdDeposit.objects.get(visit=visit).returned_at is None


def test_a_valid_resident_id_is_accepted(visitor) -> None:
    number = new_id_number()
    visit = visitor(document_kind=DocumentType.RESIDENT_ID, document_number=f" {number[:6]} {number[6:]} ")
    visit.refresh_from_db()
    assert visit.document_number == number
    assert visit.masked_document == f"{number[:3]}{'*' * 11}{number[-4:]}"


def test_a_lower_case_x_check_character_is_accepted_and_stored_upper_case(
    visitor,
) -> None:
    visit = visitor(document_kind=DocumentType.RESIDENT_ID, document_number=X_CHECK.lower())
    visit.refresh_from_db()
    assert visit.document_number == X_CHECK


@pytest.mark.parametrize(
    ("kind", "number", "code"),
    [
        (DocumentType.RESIDENT_ID, with_wrong_check(new_id_number()), "checksum"),
        (DocumentType.RESIDENT_ID, X_CHECK[:17] + "0", "checksum"),
        (DocumentType.RESIDENT_ID, demo_id_number("19910230", "201"), "birth_date"),  # 30 February
        (DocumentType.RESIDENT_ID, demo_id_number("19911301", "201"), "birth_date"),  # month 13
        (DocumentType.RESIDENT_ID, "99" + new_id_number()[2:], "province"),
        (DocumentType.RESIDENT_ID, new_id_number()[:17], "length"),
        (DocumentType.RESIDENT_ID, "", "required"),
        (DocumentType.PASSPORT, "E1234567", "format"),  # Chinese-shaped, a digit short
        (DocumentType.PASSPORT, "EI1234567", "format"),  # I is not used after the E
        (DocumentType.PASSPORT, "AB1", "format"),
        (DocumentType.HK_MACAO_PERMIT, "K12345678", "format"),
        (DocumentType.HK_MACAO_PERMIT, "H123456789", "format"),  # 9 digits
        (DocumentType.TAIWAN_PERMIT, "1234567", "format"),
        (DocumentType.TAIWAN_PERMIT, "B123456789", "format"),
        (DocumentType.FOREIGN_PERMANENT_RESIDENCE, "CAN318502300012", "birth_date"),  # 30 February
        (DocumentType.FOREIGN_PERMANENT_RESIDENCE, NEW_FOREIGN_CARD[:17] + "5", "checksum"),
        (DocumentType.FOREIGN_PERMANENT_RESIDENCE, "931840198502300120", "birth_date"),
        (DocumentType.FOREIGN_PERMANENT_RESIDENCE, "CA3185031500120", "format"),
    ],
)
def test_an_invalid_document_is_refused_and_nothing_is_saved(visitor, kind, number, code) -> None:
    visits, deposits = Visit.objects.count(), IdDeposit.objects.count()
    with pytest.raises(ValidationError) as caught:
        visitor(document_kind=kind, document_number=number)
    assert set(caught.value.error_dict) == {"document_number"}
    assert field_codes(caught.value, "document_number") == [code]
    assert (Visit.objects.count(), IdDeposit.objects.count()) == (visits, deposits)


def test_an_unknown_document_type_is_refused(visitor) -> None:
    with pytest.raises(ValidationError) as caught:
        visitor(document_kind="library_card", document_number="12345678")
    assert field_codes(caught.value, "document_number") == ["kind"]


def test_after_a_refusal_the_visitor_is_registered_with_another_document(
    visitor,
) -> None:
    visits, slot = Visit.objects.count(), new_slot()
    with pytest.raises(ValidationError) as caught:
        visitor(visitor_name="周晓彤", document_number=demo_id_number("19910230", "203"), slot=slot)
    assert "document_number" in caught.value.error_dict
    assert Visit.objects.count() == visits
    # The slot was not taken by the refused attempt.
    visit = visitor(
        visitor_name="周晓彤",
        document_kind=DocumentType.HK_MACAO_PERMIT,
        document_number="M87654321",
        slot=slot,
    )
    assert visit.status == VisitStatus.PENDING
    assert visit.document_kind == DocumentType.HK_MACAO_PERMIT
    assert IdDeposit.objects.get(visit=visit).slot == slot
    assert Visit.objects.count() == visits + 1


def test_the_same_number_as_two_document_types_is_two_documents(
    visitor,
) -> None:
    """The blind index is per document type: a Taiwan permit and a foreign passport that
    happen to share the digits are different documents."""
    taiwan = visitor(document_kind=DocumentType.TAIWAN_PERMIT, document_number="76543218")
    passport = visitor(document_kind=DocumentType.PASSPORT, document_number="76543218")
    assert taiwan.document_index != passport.document_index
