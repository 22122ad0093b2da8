"""The matcher (A15): names (homophones, multi-reading surnames, traditional characters,
aliases), exact documents and phones through the blind index, and only ACTIVE entries
count as controlled."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchguard.persons_of_concern import matching, services
from benchguard.persons_of_concern.matching import (
    CHECK,
    EXACT,
    HOLD,
    HOMOPHONE,
    NO_NAME,
    PASS,
    Evidence,
    is_controlled,
    match,
)
from benchguard.persons_of_concern.models import IdentityDocument, PhoneNumber

pytestmark = pytest.mark.django_db


def ids(found):
    return [m.person_id for m in found]


def test_traditional_characters_find_the_simplified_name_and_back(make_person) -> None:
    zhang = make_person("张伟强")
    found = match(name="張偉強")
    assert found[0].person_id == zhang.pk and found[0].score == 85
    chan = make_person("陳志華")
    assert chan.pk in [m.person_id for m in match(name="陈志华") if m.score == 85]


def test_homophones_match_by_pinyin_below_an_exact_name(make_person) -> None:
    exact = make_person("章立伟")
    homophone = make_person("张利炜")
    found = match(name="章立伟")
    assert ids(found)[:2] == [exact.pk, homophone.pk]
    assert found[0].score == 85
    assert 60 <= found[1].score < 85
    assert "pinyin" in found[1].reasons


@pytest.mark.parametrize(
    ("stored", "typed"), [("单雄信", "shanxiongxin"), ("曾宪梓", "zengxianzi"), ("解缙", "xiejin")]
)
def test_multi_reading_surnames_are_found_by_their_surname_reading(make_person, stored, typed) -> None:
    person = make_person(stored)
    assert person.pk in ids(match(name=typed))


def test_multi_reading_surnames_also_match_the_common_reading(make_person) -> None:
    # Someone who reads 单 as dan still finds the person (homophone 丹雄信).
    person = make_person("单雄信")
    assert person.pk in ids(match(name="丹雄信"))


def test_aliases_and_former_names_match(make_person, persona) -> None:
    person = make_person("王建军", aliases=["王老三"])
    services.add_name(actor=persona("police"), person=person, name="王军", kind="former")
    assert match(name="王老三")[0].person_id == person.pk
    assert "name:alias" in match(name="王老三")[0].reasons
    assert match(name="王军")[0].person_id == person.pk


def test_initials_find_a_name(make_person) -> None:
    person = make_person("欧阳锋")
    assert person.pk in ids(match(name="oyf"))


def test_an_exact_document_is_found_through_the_blind_index(make_person) -> None:
    person = make_person("李四", documents=[("passport", "E98765432")])
    stored = IdentityDocument.objects.get(person=person)
    assert "E98765432" not in stored.number_index
    with CaptureQueriesContext(connection) as captured:
        found = match(document_number="e9876 5432")
    assert found[0].person_id == person.pk and found[0].score == 100
    assert len(captured) <= 2  # the index look-up (and the list check), never a table scan
    assert match(document_kind="passport", document_number="E98765432")[0].person_id == person.pk
    assert match(document_kind="hk_macao_permit", document_number="E98765432") == []


def test_a_phone_is_found_through_the_blind_index(make_person) -> None:
    person = make_person("赵六", phones=["138 0532 9999"])
    assert PhoneNumber.objects.get(person=person).number == "13805329999"
    assert match(phone="+86 13805329999")[0].person_id == person.pk


def test_several_signals_raise_the_score(make_person) -> None:
    person = make_person("钱七", phones=["13900000001"])
    found = match(name="钱七", phone="13900000001")
    assert found[0].person_id == person.pk and found[0].score == 95


def test_only_an_active_entry_counts_as_controlled(make_person, list_person, persona, propose) -> None:
    person = make_person("孙八", documents=[("hk_macao_permit", "H87654321")])
    assert not is_controlled(document_number="H87654321")
    entry = propose(person, days=10)
    assert not is_controlled(document_number="H87654321")  # proposed, not approved
    services.approve_entry(actor=persona("office"), entry=entry)
    assert is_controlled(document_number="H87654321")
    assert is_controlled(name="孙八")
    with time_machine.travel(timezone.now() + dt.timedelta(days=11)):
        assert not is_controlled(document_number="H87654321")  # expired
        assert match(document_number="H87654321")[0].controlled is False


def test_a_removed_entry_stops_matching_but_stays_in_history(make_person, list_person, persona) -> None:
    person = make_person("周九")
    entry = list_person(person)
    assert is_controlled(name="周九")
    services.remove_entry(actor=persona("office"), entry=entry, reason="误列")
    assert not is_controlled(name="周九")
    entry.refresh_from_db()
    assert entry.status == "removed" and entry.removal_reason == "误列"


def test_the_scale_generator_writes_rows_the_matcher_finds() -> None:
    import io

    from django.core.management import call_command

    from benchguard.persons_of_concern.models import IdentityDocument, PersonOfConcern

    before = PersonOfConcern.objects.count()
    call_command("seed_scale", courts=3, people=120, seed=7, stdout=io.StringIO())
    assert PersonOfConcern.objects.count() == before + 12
    document = IdentityDocument.objects.filter(kind="resident_id").order_by("-pk").first()
    assert document is not None
    document.full_clean()
    assert (
        match(document_kind="resident_id", document_number=document.number)[0].person_id == document.person_id
    )


# --- Issue 9: screening never misses a listed person; graded outcomes ----------------------------


def test_a_listed_namesake_is_found_among_thirty_unlisted_ones(make_person, list_person) -> None:
    for _ in range(30):
        make_person("张伟")
    listed = make_person("张伟")
    list_person(listed)
    with CaptureQueriesContext(connection) as captured:
        found = matching.screen(name="张伟", document_kind="resident_id", document_number="")
    assert [(c.person_id, c.outcome) for c in found] == [(listed.pk, HOLD)]
    assert len(captured) <= 2  # the names (restricted to listed persons) and the documents on file
    assert is_controlled(name="张伟", document_kind="resident_id")
    # The search still ranks the 31 namesakes; the listed one is among them, marked.
    assert listed.pk in ids(match(name="张伟", limit=50))


def test_an_exact_name_is_never_crowded_out_by_pinyin_rows(make_person, monkeypatch) -> None:
    homophones = [make_person(n) for n in ("张玮", "章伟", "张炜", "章玮")]
    exact = make_person("张伟")  # stored last: an unordered capped read finds it last
    monkeypatch.setattr(matching, "CANDIDATE_CAP", 3)
    found = match(name="张伟")
    assert found[0].person_id == exact.pk and found[0].score == 85
    assert {m.person_id for m in found[1:]} <= {p.pk for p in homophones}


def test_a_longer_given_name_is_a_weak_candidate_below_the_exact_name(make_person) -> None:
    longer = make_person("张伟明")
    exact = make_person("张伟")
    found = match(name="张伟")
    assert ids(found)[:2] == [exact.pk, longer.pk]
    weak = found[1]
    assert "name:longer" in weak.reasons and 40 <= weak.score < 60
    assert longer.pk not in ids(match(name="张"))  # a surname alone brings no one in


# The table "Screening: hold, check or pass" in docs/architecture.md, row by row.
GRADE_TABLE = [
    # document, phone, name, a document of the visitor's type on file, that type keeps its
    # number for life (resident ID) → outcome
    (True, False, NO_NAME, True, True, HOLD),
    (True, False, EXACT, True, True, HOLD),
    (False, True, NO_NAME, False, True, HOLD),
    (False, True, HOMOPHONE, True, True, HOLD),
    (False, False, EXACT, False, True, HOLD),
    (False, False, EXACT, True, True, PASS),
    (False, False, EXACT, True, False, CHECK),  # another passport number: maybe renewed
    (False, False, EXACT, False, False, HOLD),
    (False, False, HOMOPHONE, False, True, CHECK),
    (False, False, HOMOPHONE, True, True, PASS),
    (False, False, HOMOPHONE, True, False, CHECK),
    (False, False, NO_NAME, False, True, PASS),
    (False, False, NO_NAME, True, True, PASS),
]


@pytest.mark.parametrize(("document", "phone", "name", "on_file", "permanent", "outcome"), GRADE_TABLE)
def test_the_screening_rule(document, phone, name, on_file, permanent, outcome) -> None:
    evidence = Evidence(
        document=document, phone=phone, name=name, document_on_file=on_file, permanent=permanent
    )
    assert matching.grade(evidence) == outcome


def test_a_namesake_with_another_passport_number_is_checked_not_passed(list_person, make_person) -> None:
    """A passport is renewed with a new number: the listed person presenting a new one
    must not walk through as a namesake (a review of the rule found it)."""
    listed = make_person("欧阳明", documents=[("passport", "E24681357")])
    list_person(listed)
    found = {
        c.person_id: c.outcome
        for c in matching.screen(name="欧阳明", document_kind="passport", document_number="E97531864")
    }
    assert found[listed.pk] == CHECK
    # The same number is a hold; a resident ID of another number still tells two people apart.
    assert {
        c.person_id: c.outcome
        for c in matching.screen(name="欧阳明", document_kind="passport", document_number="E24681357")
    }[listed.pk] == HOLD


def test_the_visit_takes_the_most_serious_outcome() -> None:
    assert matching.worst([PASS, CHECK, PASS]) == CHECK
    assert matching.worst([CHECK, HOLD]) == HOLD
    assert matching.worst([]) == PASS


@pytest.mark.parametrize(
    ("listed", "typed", "name"),
    [
        ("单国栋", "善国栋", HOMOPHONE),  # 单 read shan as a surname
        ("曾志远", "增志远", HOMOPHONE),  # 曾 zeng
        ("解明华", "谢明华", HOMOPHONE),  # 解 xie
        ("王伟", "王玮", HOMOPHONE),  # the given name
        ("张伟华", "張偉華", EXACT),  # traditional characters are the same name
        ("陳志華", "陈志华", EXACT),  # and back
    ],
)
def test_homophones_and_traditional_characters_reach_the_listed_person(
    make_person, list_person, listed, typed, name
) -> None:
    bare = make_person(listed)  # no document on file
    list_person(bare)
    found = matching.screen(name=typed, document_kind="resident_id", document_number="")
    assert [(c.person_id, c.evidence.name) for c in found] == [(bare.pk, name)]
    assert found[0].outcome == (HOLD if name == EXACT else CHECK)


def test_a_name_against_a_different_document_on_file_is_weak(make_person, list_person) -> None:
    from benchguard.organization.demo import demo_id_number

    on_file = demo_id_number("19800101", "611")
    person = make_person("单国栋", documents=[("resident_id", on_file)])
    list_person(person)
    other = demo_id_number("19800101", "622")
    for typed in ("单国栋", "善国栋"):
        (candidate,) = matching.screen(name=typed, document_kind="resident_id", document_number=other)
        assert candidate.evidence.document_on_file and candidate.outcome == PASS
    # The same name with a passport: no passport on file, so nothing tells them apart.
    (candidate,) = matching.screen(name="单国栋", document_kind="passport", document_number="E70000003")
    assert candidate.outcome == HOLD
    # The number itself holds, whatever the name.
    (candidate,) = matching.screen(name="李四", document_kind="resident_id", document_number=on_file)
    assert candidate.evidence.document and candidate.outcome == HOLD


def test_screening_ignores_persons_without_an_active_entry(make_person) -> None:
    make_person("单国栋", phones=["13900000077"])
    assert matching.screen(name="单国栋", document_kind="resident_id", phone="13900000077") == []
