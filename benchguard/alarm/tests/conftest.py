"""Fixtures of the alarm tests: they work weeks after today (past the demo's duty
roster, so nobody is on duty unless a test puts them there) and add a second judicial
police officer, so "the officer on duty" and "every officer" differ."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from benchguard.alarm.models import AlarmPoint
from benchguard.duty import services as duty
from benchguard.duty.choices import DutyRole
from benchguard.duty.models import DutyShift
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person

SHANGHAI = ZoneInfo("Asia/Shanghai")


def later(days: int = 40, hour: int = 9, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture
def officer2(court: Court) -> Account:
    account = org.create_account(actor=None, username="police2", display_name="韩磊", password=None)
    org.assign_role(actor=None, account=account, role=Role.JUDICIAL_POLICE, court=court)
    org.create_person(
        actor=None, court=court, name="韩磊", category="other_staff", staff_number="D0001", account=account
    )
    return account


@pytest.fixture
def put_on_duty(court: Court, persona: Callable[[str], Account]) -> Callable[..., DutyShift]:
    def put(who: str, start: dt.datetime, hours: int = 12) -> DutyShift:
        return duty.add_shift(
            actor=persona("police"),
            court=court,
            person=Person.objects.get(account__username=who),
            role=DutyRole.POLICE,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=hours),
        )

    return put


@pytest.fixture
def courtroom(court: Court) -> AlarmPoint:
    return AlarmPoint.objects.get(court=court, name="第一法庭")


@pytest.fixture
def reception(court: Court) -> AlarmPoint:
    return AlarmPoint.objects.get(court=court, name="诉讼服务中心接待室")
