"""The gate knows flagged cases (issue 12 part 4; A14, A16): a party of a case of this
court at a level that needs a plan is recognised at check-in — by document exactly, by
name only as a candidate when the party's document is not recorded; the case judge and
the judicial police are told; it is not a hold unless the controlled list holds the
visitor; the guard sees an instruction, never the case; namesakes are told apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from benchguard.cases import services as case_services
from benchguard.cases.choices import PartyKind, PartyRole, Stage
from benchguard.cases.models import Case, RiskFlag, RiskLevel
from benchguard.cases.services import PartyData
from benchguard.duty.models import DutyAlert
from benchguard.gate.choices import VisitStatus
from benchguard.gate.models import PartyArrival, Post, Visit
from benchguard.gate.tests.conftest import desk_data, new_id_number
from benchguard.notifications.models import Notification
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged_case(
    court: Court, persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> Callable[..., Case]:
    """A case of the intermediate court tried by 王立明, its level set by the chief."""
    sequences = iter(range(1501, 1600))

    def make(parties: list[PartyData], *, rank: int = 3) -> Case:
        case = case_services.file_case(
            actor=persona("clerk"),
            court=court,
            number=f"（2026）鲁02民初{next(sequences)}号",
            cause="建设工程施工合同纠纷",
            filed_on=dt.date(2026, 11, 3),
            division=person_of("judge").department,
            judge=person_of("judge"),
            parties=parties,
            risk_flags=RiskFlag.objects.filter(code="mass-involved"),
            risk_reason="农民工讨薪",
        )
        case_services.set_level(
            actor=persona("chief"), case=case, level=RiskLevel.objects.get(rank=rank), reason="定级"
        )
        return case

    return make


def party(name: str, number: str = "") -> PartyData:
    return {
        "kind": PartyKind.PERSON,
        "role": PartyRole.PLAINTIFF,
        "name": name,
        "document_kind": "resident_id" if number else "",
        "document_number": number,
    }


def told(username: str, visit: Visit) -> list[str]:
    return list(
        Notification.objects.filter(
            recipient__username=username,
            dedupe_key__in=[
                key
                for pk in visit.party_arrivals.values_list("pk", flat=True)
                for key in (f"gate.flagged:{pk}", f"gate.flagged:{pk}:judge")
            ],
        ).values_list("title", flat=True)
    )


def test_a_party_by_document_reaches_the_judge_and_the_police_and_is_not_held(
    flagged_case: Callable[..., Case], visitor: Callable[..., Visit]
) -> None:
    number = new_id_number()
    case = flagged_case([party("钱国栋", number)])
    visit = visitor(visitor_name="钱国栋", document_number=number)
    assert visit.status == VisitStatus.PENDING  # not on the controlled list: no hold
    arrival = PartyArrival.objects.get(visit=visit)
    assert (arrival.case, arrival.matched_by) == (case, PartyArrival.MatchedBy.DOCUMENT)
    (to_judge,) = told("judge", visit)
    assert case.number in to_judge and "重大" in to_judge
    (to_police,) = told("police", visit)
    assert case.number not in to_police and "重大" in to_police
    assert told("guard", visit) == []
    # The police's is a duty alert: the officer on duty first, everyone if unacknowledged.
    assert DutyAlert.objects.filter(occasion=f"gate.flagged:{arrival.pk}").exists()


def test_the_demo_party_on_the_controlled_list_is_held_and_also_reaches_the_judge(
    visitor: Callable[..., Visit],
) -> None:
    visit = visitor(visitor_name="单立新", document_number=demo_id_number("19750308", "031"))
    assert visit.status == VisitStatus.ON_HOLD  # the controlled list holds him
    demo = Case.objects.get(court__division_code="370200", number__contains="民初356号")
    assert PartyArrival.objects.get(visit=visit).case == demo
    assert len(told("judge", visit)) == 1 and len(told("police", visit)) == 1


def test_by_name_only_a_party_without_a_document_is_a_candidate_and_a_namesake_is_not(
    flagged_case: Callable[..., Case], visitor: Callable[..., Visit]
) -> None:
    flagged_case([party("孙秀英")])  # no document recorded
    flagged_case([party("李桂兰", new_id_number())])  # another person's document
    candidate = visitor(visitor_name="孙秀英")
    assert PartyArrival.objects.get(visit=candidate).matched_by == PartyArrival.MatchedBy.NAME
    (to_judge,) = told("judge", candidate)
    assert "姓名相同" in to_judge or "same name" in to_judge  # a candidate, not an arrival
    namesake = visitor(visitor_name="李桂兰")
    assert not PartyArrival.objects.filter(visit=namesake).exists()
    assert told("judge", namesake) == []


def test_a_lower_level_or_a_closed_case_is_not_watched(
    flagged_case: Callable[..., Case],
    visitor: Callable[..., Visit],
    persona: Callable[[str], Account],
) -> None:
    general = new_id_number()
    flagged_case([party("周建华", general)], rank=1)
    assert not PartyArrival.objects.filter(
        visit=visitor(visitor_name="周建华", document_number=general)
    ).exists()
    closed_number = new_id_number()
    closed = flagged_case([party("吴丽娟", closed_number)], rank=1)
    case_services.set_level(
        actor=persona("chief"), case=closed, level=RiskLevel.objects.get(rank=1), reason="降"
    )
    Case.objects.filter(pk=closed.pk).update(stage=Stage.CLOSED, risk_level=RiskLevel.objects.get(rank=3))
    assert not PartyArrival.objects.filter(
        visit=visitor(visitor_name="吴丽娟", document_number=closed_number)
    ).exists()


def test_the_guard_sees_only_the_instruction(
    flagged_case: Callable[..., Case], gatehouse: Post, client_as: Callable[[str | None], Client]
) -> None:
    number = new_id_number()
    case = flagged_case([party("郑晓东", number)])
    response = client_as("guard").post(
        reverse("gate:desk"),
        desk_data(gatehouse, visitor_name="郑晓东", document_number=number),
        follow=True,
    )
    page = response.content.decode()
    assert "司法警察" in page or "judicial police" in page
    assert case.number not in page and "重大" not in page
    assert PartyArrival.objects.filter(case=case).count() == 1


def test_the_purge_takes_which_case_the_visitor_was_with_the_visitor(
    flagged_case: Callable[..., Case],
    visitor: Callable[..., Visit],
    persona: Callable[[str], Account],
    settings: Any,
) -> None:
    import time_machine

    from benchguard.gate import services as gate_services
    from benchguard.gate.tests.conftest import days_ahead

    settings.GATE_VISITOR_RETENTION_DAYS = 30
    number = new_id_number()
    flagged_case([party("冯国强", number)])
    day = days_ahead(10, 9)
    with time_machine.travel(day, tick=False):
        visit = gate_services.confirm(
            actor=persona("judge"), visit=visitor(visitor_name="冯国强", document_number=number)
        )
    with time_machine.travel(day + dt.timedelta(hours=1), tick=False):
        gate_services.check_out(actor=persona("guard"), visit=visit)
    assert PartyArrival.objects.filter(visit=visit).exists()
    with time_machine.travel(day + dt.timedelta(days=32), tick=False):
        assert gate_services.purge_visitor_data() >= 1
    assert not PartyArrival.objects.filter(visit=visit).exists()


def test_a_party_removed_from_the_case_is_not_recognised(
    flagged_case: Callable[..., Case], visitor: Callable[..., Visit], persona: Callable[[str], Account]
) -> None:
    number = new_id_number()
    case = flagged_case([party("蒋丽萍", number)])
    case_services.remove_party(actor=persona("clerk"), party=case.parties.get(), reason="录入错误")
    visit = visitor(visitor_name="蒋丽萍", document_number=number)
    assert not PartyArrival.objects.filter(visit=visit).exists()
