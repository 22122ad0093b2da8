"""Fixtures of the duty tests. The demo roster covers this week and the next (马军 on the
day shift, 郑伟 as duty leader on weekdays); these tests work weeks later, where the
roster is empty unless a test fills it, and add a second judicial police officer so
"the officer on duty" and "every officer" differ."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from benchguard.duty import services
from benchguard.duty.choices import DutyRole
from benchguard.duty.models import DutyShift
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person

SHANGHAI = ZoneInfo("Asia/Shanghai")


def later(days: int = 40, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment `days` after today in the court's time zone, past the demo's roster."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture
def officer2(court: Court) -> Account:
    """A second judicial police officer of the intermediate court (韩磊's account)."""
    account = org.create_account(actor=None, username="police2", display_name="韩磊", password=None)
    org.assign_role(actor=None, account=account, role=Role.JUDICIAL_POLICE, court=court)
    org.create_person(
        actor=None, court=court, name="韩磊", category="other_staff", staff_number="D0001", account=account
    )
    return account


@pytest.fixture
def put_on_duty(court: Court, persona: Callable[[str], Account]) -> Callable[..., DutyShift]:
    """Put a persona on duty from `start` for `hours` (as the police keeper 马军)."""

    def put(
        who: str, start: dt.datetime, hours: int = 12, role: str = DutyRole.POLICE, **more: object
    ) -> DutyShift:
        return services.add_shift(
            actor=persona("police"),
            court=court,
            person=Person.objects.get(account__username=who),
            role=role,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=hours),
            **more,  # type: ignore[arg-type]
        )

    return put


@pytest.fixture(autouse=True)
def _demo_alerts_settled(db: None) -> None:
    """The demo's own alerts (its visitors on hold) are taken as dealt with, so a test
    counts only the alerts it raises."""
    from benchguard.duty.models import DutyAlert

    DutyAlert.objects.filter(acknowledged_at__isnull=True).update(acknowledged_at=timezone.now())
