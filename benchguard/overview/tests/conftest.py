"""Fixtures of the overview's tests: rows of every area the overview counts, added
through each area's services, and a base court's leader."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from benchguard.gate import services as gate_services
from benchguard.gate.models import Post
from benchguard.incidents import services as incident_services
from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.matters import services as matter_services
from benchguard.matters.choices import Subject
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court, Person

_numbers = itertools.count()
SHAN_ID = demo_id_number("19750308", "031")  # 单立新: an active entry of the demo's list
PLACES = ("审判楼一楼大厅", "立案大厅", "停车场")


def _id_number() -> str:
    """A resident ID number no demo row uses (births from 1985 on, sequences 600 up)."""
    n = next(_numbers)
    birth = dt.date(1985, 1, 1) + dt.timedelta(days=n // 300)
    return demo_id_number(birth.strftime("%Y%m%d"), f"{600 + n % 300:03d}")


@pytest.fixture
def grow(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], court: Court
) -> Callable[..., None]:
    """grow(n, hold=False): n more incidents (threats against a judge and against a
    clerk, a disturbance, at three places, over the last months), n applications (a
    judge's and a clerk's, some accepted) and n visits at the intermediate court's
    gatehouse; with `hold`, the first visitor left 单立新's resident ID (an active entry
    of the controlled list) and is held."""
    gatehouse = Post.objects.get(court=court, name="东门传达室")

    def make(n: int, hold: bool = False) -> None:
        police, office, guard = persona("police"), persona("office"), persona("guard")
        for i in range(n):
            kind = (IncidentKind.THREAT, IncidentKind.DISTURBANCE)[i % 2]
            facts: dict[str, Any] = (
                {"nature": Nature.INTIMIDATION, "targets": [person_of("clerk" if i % 4 == 0 else "judge")]}
                if kind == IncidentKind.THREAT
                else {"nature": Nature.SIT_IN, "people_count": 3}
            )
            incident_services.report_incident(
                actor=police,
                court=court,
                kind=kind,
                occurred_at=timezone.now() - dt.timedelta(days=40 * (i % 4), hours=1),
                place=PLACES[i % len(PLACES)],
                description="测试用事件经过。",
                **facts,
            )
            matter = matter_services.submit_application(
                actor=persona(("judge", "staff")[i % 2]),
                subject=Subject.THREAT,
                facts="宣判后当事人多次电话威胁。",
                infringer="当事人某某",
                request="请求协调公安机关处理。",
                reported_to_department_on=dt.date(2026, 1, 5),
                department_response="庭里已批评教育。",
            )
            if i % 2 == 0:
                matter_services.accept_matter(actor=office, matter=matter)
            gate_services.check_in(
                actor=guard,
                post=gatehouse,
                visitor_name="孟凡超",
                document_kind="resident_id",
                document_number=SHAN_ID if hold and i == 0 else _id_number(),
                purpose="递交上诉材料",
                host=person_of("judge"),
                slot=f"V{next(_numbers)}",
            )

    return make


@pytest.fixture
def shinan(db: None) -> Court:
    return Court.objects.get(division_code="370202")


@pytest.fixture
def shinan_leader(shinan: Court) -> Account:
    """A court leader of the Shinan base court (no demo persona is one)."""
    account = org.create_account(
        actor=None, username="leader_shinan", display_name="市南院领导", password=None
    )
    org.assign_role(actor=None, account=account, role=Role.COURT_LEADER, court=shinan)
    return account
