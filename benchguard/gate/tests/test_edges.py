"""The ID ledger, holds and retention at their edges (found by mutating the services:
each test fails when the rule it names is taken out)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.gate import services
from benchguard.gate.choices import DayEndOutcome, HoldDecision, ReturnedHow, VisitStatus
from benchguard.gate.models import IdDeposit
from benchguard.gate.tests.conftest import days_ahead
from benchguard.notifications.models import Notification
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Court

pytestmark = pytest.mark.django_db

SHAN_ID = demo_id_number("19750308", "031")


def test_a_weak_name_match_does_not_hold(visitor) -> None:
    visit = visitor(visitor_name="山立新")  # a homophone of 单立新: pinyin score < 80
    assert visit.status == VisitStatus.PENDING and visit.hits == 0


def test_a_stale_hand_back_keeps_the_first(visitor, persona) -> None:
    guard = persona("guard")
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    services.record_day_end(
        actor=guard, visit=visit, day=timezone.localdate(), outcome=DayEndOutcome.LEFT_OTHER_EXIT
    )
    first, second = IdDeposit.objects.get(visit=visit), IdDeposit.objects.get(visit=visit)
    services.hand_back(actor=guard, deposit=first)
    returned = IdDeposit.objects.get(visit=visit).returned_at
    with pytest.raises(ValidationError) as caught:
        services.hand_back(actor=persona("police"), deposit=second)
    assert caught.value.code == "already_returned"
    d = IdDeposit.objects.get(visit=visit)
    assert (d.returned_at, d.returned_by) == (returned, guard)


def test_a_document_given_to_the_police_stays_so_at_check_out(visitor, persona) -> None:
    guard = persona("guard")
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    services.record_day_end(
        actor=guard, visit=visit, day=timezone.localdate(), outcome=DayEndOutcome.ID_TO_POLICE
    )
    services.check_out(actor=guard, visit=visit)
    assert IdDeposit.objects.get(visit=visit).returned_how == ReturnedHow.TO_POLICE


def test_the_police_of_another_court_do_not_decide(visitor) -> None:
    other = org.create_account(actor=None, username="police_shinan", display_name="市南法警", password=None)
    org.assign_role(
        actor=None, account=other, role=Role.JUDICIAL_POLICE, court=Court.objects.get(division_code="370202")
    )
    held = visitor(visitor_name="张某某", document_number=SHAN_ID)
    with pytest.raises(PermissionDenied):
        services.decide_hold(actor=other, visit=held, decision=HoldDecision.REFUSE, reason="x")
    held.refresh_from_db()
    assert held.status == VisitStatus.ON_HOLD


def test_the_hold_alert_does_not_name_the_visitor(visitor) -> None:
    held = visitor(visitor_name="张某某", document_number=SHAN_ID)
    assert held.status == VisitStatus.ON_HOLD
    alert = Notification.objects.get(kind="gate.hold", dedupe_key=f"gate.hold:{held.pk}")
    assert "张某某" not in f"{alert.title} {alert.body}"
    # Only the host is told whom (issue 9).
    assert set(Notification.objects.filter(body__contains="张某某").values_list("kind", flat=True)) == {
        "gate.confirm"
    }


def test_the_police_opening_a_held_visit_is_a_logged_read(visitor, client_as) -> None:
    held = visitor(visitor_name="张某某", document_number=SHAN_ID)
    before = AuditEntry.objects.filter(action="gate.visit.view", object_id=str(held.pk)).count()
    assert client_as("police").get(reverse("gate:visit_detail", args=[held.pk])).status_code == 200
    assert AuditEntry.objects.filter(action="gate.visit.view", object_id=str(held.pk)).count() == before + 1


def test_only_the_desk_hands_a_document_back(visitor, persona) -> None:
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    services.record_day_end(
        actor=persona("guard"), visit=visit, day=timezone.localdate(), outcome=DayEndOutcome.LEFT_OTHER_EXIT
    )
    with pytest.raises(PermissionDenied):
        services.hand_back(actor=persona("judge"), deposit=IdDeposit.objects.get(visit=visit))
    assert IdDeposit.objects.get(visit=visit).returned_at is None


def test_a_visit_ended_exactly_the_retention_days_ago_is_kept(visitor, persona, settings) -> None:
    settings.GATE_VISITOR_RETENTION_DAYS = 30
    day = days_ahead(10, 9)
    with time_machine.travel(day, tick=False):
        visit = services.confirm(actor=persona("judge"), visit=visitor())
    with time_machine.travel(day + dt.timedelta(hours=2), tick=False):
        services.check_out(actor=persona("guard"), visit=visit)
    with time_machine.travel((day + dt.timedelta(days=30)).replace(hour=2, minute=30), tick=False):
        services.purge_visitor_data()
    visit.refresh_from_db()
    assert visit.purged_at is None  # ended on today-30: kept
    with time_machine.travel((day + dt.timedelta(days=31)).replace(hour=2, minute=30), tick=False):
        services.purge_visitor_data()
    visit.refresh_from_db()
    assert visit.purged_at is not None
