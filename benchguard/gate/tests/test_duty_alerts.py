"""Gate alerts go to the judicial police officer on duty first (issue 12 part 5,
benchguard.duty): a visitor on hold, a check; every officer is told when nobody on
duty acknowledged it in time, never when the hold was decided; the guard sees how long
a held visitor has waited."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from benchguard.duty import services as duty
from benchguard.duty.choices import DutyRole
from benchguard.duty.models import DutyAlert, DutyShift
from benchguard.gate import services
from benchguard.gate.choices import HoldDecision, VisitStatus
from benchguard.gate.tests.conftest import days_ahead
from benchguard.notifications.models import Notification
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court

pytestmark = pytest.mark.django_db
SHAN_ID = demo_id_number("19750308", "031")  # 单立新: an active entry of the controlled list


@pytest.fixture
def officer_on_duty(court: Court, persona) -> Account:
    """A second officer (韩磊), alone on the roster on the test's day from 08:00 to 20:00."""
    DutyShift.objects.update(is_active=False)  # the demo's roster: not on these tests' days
    account = org.create_account(actor=None, username="police2", display_name="韩磊", password=None)
    org.assign_role(actor=None, account=account, role=Role.JUDICIAL_POLICE, court=court)
    person = org.create_person(
        actor=None, court=court, name="韩磊", category="other_staff", staff_number="D0001", account=account
    )
    duty.add_shift(
        actor=persona("police"),
        court=court,
        person=person,
        role=DutyRole.POLICE,
        starts_at=days_ahead(3, 8),
        ends_at=days_ahead(3, 20),
    )
    return account


def _told(key: str) -> set[str]:
    return set(Notification.objects.filter(dedupe_key=key).values_list("recipient__username", flat=True))


def test_a_hold_goes_to_the_officer_on_duty_then_to_every_officer(visitor, officer_on_duty) -> None:
    start = days_ahead(3, 9)
    with time_machine.travel(start, tick=False):
        held = visitor(visitor_name="单立新", document_number=SHAN_ID)
    assert held.status == VisitStatus.ON_HOLD
    key = f"gate.hold:{held.pk}"
    assert _told(key) == {"police2"}
    with time_machine.travel(start + dt.timedelta(minutes=10), tick=False):
        assert duty.escalate_due_alerts() >= 1
    assert _told(key) == {"police2", "police"}
    note = Notification.objects.get(dedupe_key=key, recipient__username="police")
    assert "单立新" not in f"{note.title} {note.body}"  # where and when, never who


def test_a_decided_hold_is_not_escalated(visitor, officer_on_duty) -> None:
    start = days_ahead(3, 9)
    with time_machine.travel(start, tick=False):
        held = visitor(visitor_name="单立新", document_number=SHAN_ID)
    with time_machine.travel(start + dt.timedelta(minutes=4), tick=False):
        services.decide_hold(
            actor=officer_on_duty, visit=held, decision=HoldDecision.NOT_SAME_PERSON, reason="非同一人。"
        )
    with time_machine.travel(start + dt.timedelta(minutes=30), tick=False):
        duty.escalate_due_alerts()
    assert _told(f"gate.hold:{held.pk}") == {"police2"}
    alert = DutyAlert.objects.get(occasion=f"gate.hold:{held.pk}")
    assert alert.acknowledged_by == officer_on_duty and alert.escalated_at is None


def test_with_nobody_on_duty_every_officer_is_told_at_once(visitor, officer_on_duty) -> None:
    with time_machine.travel(days_ahead(3, 21), tick=False):
        held = visitor(visitor_name="单立新", document_number=SHAN_ID)
    assert _told(f"gate.hold:{held.pk}") == {"police", "police2"}


def test_the_desk_shows_how_long_a_held_visitor_has_waited(visitor, gatehouse, client_as) -> None:
    start = days_ahead(3, 9)
    with time_machine.travel(start, tick=False):
        held = visitor(visitor_name="单立新", document_number=SHAN_ID)
        waiting = visitor()
    assert waiting.status == VisitStatus.PENDING
    with time_machine.travel(start + dt.timedelta(minutes=12, seconds=30), tick=False):
        html = client_as("guard").get(f"{reverse('gate:desk')}?post={gatehouse.pk}").content.decode()
        row = html.split(f'data-visit="{held.pk}"')[1].split("</tr>")[0]
        assert 'data-testid="waited"' in row and "12" in row
        other = html.split(f'data-visit="{waiting.pk}"')[1].split("</tr>")[0]
        assert 'data-testid="waited"' not in other  # only visitors held or being checked
        holds = client_as("police").get(reverse("gate:holds")).content.decode()
        assert 'data-testid="waited"' in holds
