"""Filing a case with its parties (A14) and screening them against the controlled list
(A15): the clerk's court only, its own code, a number once; documents checked; what
screening found kept apart, and nothing of it in the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from benchguard.cases import services
from benchguard.cases.choices import PartyKind, PartyRole, ScreeningOutcome
from benchguard.cases.models import Case, Party, PartyScreening
from benchguard.core.models import AuditEntry
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court, Person

pytestmark = pytest.mark.django_db
LISTED_ID = demo_id_number("19750308", "031")  # 单立新 in the persons-of-concern demo
FILED = dt.date(2026, 11, 30)  # the cases below are numbered in 2026


@pytest.fixture
def file(court: Court, persona: Callable[[str], Account]) -> Callable[..., Case]:
    def make(number: str = "（2026）鲁02民初900号", *, actor: str = "clerk", **extra: Any) -> Case:
        return services.file_case(
            actor=persona(actor),
            court=extra.pop("court", court),
            number=number,
            cause="合同纠纷",
            filed_on=extra.pop("filed_on", FILED),
            **extra,
        )

    return make


def person(name: str, number: str = "", role: str = PartyRole.DEFENDANT) -> dict[str, str]:
    return {
        "kind": PartyKind.PERSON,
        "role": role,
        "name": name,
        "document_kind": "resident_id" if number else "",
        "document_number": number,
    }


def test_the_clerk_files_a_case_and_its_number_is_written_in_the_official_form(
    file: Callable[..., Case],
) -> None:
    case = file("(2026)鲁02民初900号", parties=[person("钱立强")])
    case.refresh_from_db()
    assert (case.number, case.year, case.type_code, case.sequence) == (
        "（2026）鲁02民初900号",
        2026,
        "民初",
        900,
    )
    assert case.registered_by == Account.objects.get(username="clerk")
    assert [p.name for p in case.parties.all()] == ["钱立强"]


@pytest.mark.parametrize("who", ["office", "chief", "judge", "police", "cityadmin"])
def test_only_a_filing_clerk_of_the_court_files_a_case(file: Callable[..., Case], who: str) -> None:
    with pytest.raises(PermissionDenied):
        file(actor=who)
    assert not Case.objects.filter(number="（2026）鲁02民初900号").exists()


def test_a_number_of_another_court_or_registered_already_is_refused_on_the_number(
    file: Callable[..., Case],
) -> None:
    with pytest.raises(ValidationError) as refused:
        file("（2026）鲁0202民初900号")
    assert refused.value.error_dict["number"][0].code == "court"
    file()
    with pytest.raises(ValidationError) as refused:
        file("(2026)鲁02民初900号")  # the same number, written with half-width brackets
    assert refused.value.error_dict["number"][0].code == "duplicate"
    assert Case.objects.filter(number="（2026）鲁02民初900号").count() == 1


def test_judges_and_divisions_must_be_of_the_court(file: Callable[..., Case]) -> None:
    shinan_judge = Person.objects.get(account__username="judge2")
    with pytest.raises(ValidationError) as refused:
        file(judge=shinan_judge)
    assert "judge" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        file(panel=[shinan_judge])
    assert "panel" in refused.value.error_dict


def test_a_partys_document_is_checked_and_kept_encrypted_never_in_the_trail(
    file: Callable[..., Case],
) -> None:
    with pytest.raises(ValidationError) as refused:
        file(parties=[person("钱立强", "370202198206110428")])  # its check character is 9
    assert "document_number" in refused.value.error_dict
    assert not Case.objects.filter(number="（2026）鲁02民初900号").exists()  # nothing half-saved
    with pytest.raises(ValidationError):
        file(parties=[{"kind": PartyKind.ORGANISATION, "role": PartyRole.DEFENDANT, "name": "某公司",
                       "document_kind": "resident_id", "document_number": LISTED_ID}])  # fmt: skip
    number = demo_id_number("19820611", "042")
    case = file(parties=[person("吴晓梅", number.lower())])
    party = case.parties.get()
    assert party.document_number == number  # normalised: a lower-case x is X
    assert party.masked_document != number
    trail = " ".join(str(entry.data) for entry in AuditEntry.objects.filter(object_type="cases.party"))
    assert number not in trail


def test_a_party_with_a_listed_persons_document_is_found_listed(file: Callable[..., Case]) -> None:
    case = file(parties=[person("单立新", LISTED_ID, PartyRole.PLAINTIFF)])
    (found,) = PartyScreening.objects.filter(party__case=case)
    assert found.outcome == ScreeningOutcome.LISTED
    assert found.person.name == "单立新"
    assert case.parties.get().screened_at is not None


def test_namesakes_are_told_apart_by_their_resident_id_and_a_bare_name_asks_for_a_look(
    file: Callable[..., Case],
) -> None:
    # Thirty namesakes of a listed person: those with their own resident ID are told
    # apart; one with no document might be him.
    namesakes = [person("单立新", demo_id_number(f"19{60 + i:02d}0101", f"{i:03d}")) for i in range(30)]
    case = file(parties=[*namesakes, person("单立新")])
    assert case.parties.count() == 31
    found = list(PartyScreening.objects.filter(party__case=case))
    assert [(row.party.document_number, row.outcome) for row in found] == [("", ScreeningOutcome.POSSIBLE)]


def test_an_organisation_is_not_screened(file: Callable[..., Case]) -> None:
    case = file(parties=[{"kind": PartyKind.ORGANISATION, "role": PartyRole.DEFENDANT, "name": "单立新"}])
    assert case.parties.get().screened_at is None
    assert not PartyScreening.objects.exists() or not PartyScreening.objects.filter(party__case=case).exists()


def test_screening_leaves_in_the_trail_only_that_it_was_done(file: Callable[..., Case]) -> None:
    case = file(parties=[person("单立新", LISTED_ID)])
    party = Party.objects.get(case=case)
    lines = AuditEntry.objects.filter(object_type="cases.party", object_id=str(party.pk))
    assert sorted(lines.values_list("action", flat=True)) == ["cases.party.add", "cases.party.screened"]
    screened = lines.get(action="cases.party.screened")
    assert screened.data == {}


def test_adding_a_party_later_screens_it_and_only_the_clerk_may(
    file: Callable[..., Case], persona: Callable[[str], Account]
) -> None:
    case = file()
    with pytest.raises(PermissionDenied):
        services.add_party(
            actor=persona("office"), case=case, kind=PartyKind.PERSON, role=PartyRole.DEFENDANT, name="某"
        )
    services.add_party(
        actor=persona("clerk"),
        case=case,
        **person("单立新", LISTED_ID),
    )
    assert PartyScreening.objects.get(party__case=case).outcome == ScreeningOutcome.LISTED


def test_a_case_is_filed_in_the_year_of_its_number(file: Callable[..., Case]) -> None:
    with pytest.raises(ValidationError) as refused:
        file("（2025）鲁02民初500号")  # filed on 30 November 2026
    assert refused.value.error_dict["filed_on"][0].code == "year"
    case = file("（2026）鲁02民初500号")
    with pytest.raises(ValidationError) as refused:
        services.update_case(
            actor=Account.objects.get(username="clerk"),
            case=case,
            expected_version=case.version,
            changes={"filed_on": dt.date(2025, 12, 31)},
        )
    assert refused.value.error_dict["filed_on"][0].code == "year"


def test_the_judge_in_charge_is_not_also_an_other_member_of_the_panel(
    file: Callable[..., Case], person_of: Callable[[str], Person]
) -> None:
    with pytest.raises(ValidationError) as refused:
        file(judge=person_of("judge"), panel=[person_of("judge"), person_of("chief")])
    assert refused.value.error_dict["panel"][0].code == "judge"


def test_full_width_digits_typed_with_a_chinese_input_method_are_read(file: Callable[..., Case]) -> None:
    number = demo_id_number("19820611", "042")
    full_width = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    case = file("（２０２６）鲁０２民初９０２号", parties=[person("吴晓梅", full_width)])
    assert case.number == "（2026）鲁02民初902号"
    assert case.parties.get().document_number == number


def test_the_judge_in_charge_and_the_panel_stay_apart_when_either_changes(
    file: Callable[..., Case], person_of: Callable[[str], Person], persona: Callable[[str], Account]
) -> None:
    case = file(judge=person_of("judge"), panel=[person_of("chief")])
    with pytest.raises(ValidationError) as refused:
        services.update_case(
            actor=persona("clerk"),
            case=case,
            expected_version=case.version,
            changes={"judge": person_of("chief")},
        )
    assert refused.value.error_dict["judge"][0].code == "judge"
    with pytest.raises(ValidationError) as refused:
        services.set_panel(actor=persona("clerk"), case=case, panel=[person_of("judge")])
    assert refused.value.error_dict["panel"][0].code == "judge"
    assert list(case.panel.all()) == [person_of("chief")]
