"""Group petitions reach the judicial police on duty first (A13.1, A13.4; issue 12 part
5, benchguard.duty), and the petition reception department (接访部门) starts the A13.1
chain by telling the case judge."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from benchguard.duty import services as duty
from benchguard.duty.choices import DutyRole
from benchguard.duty.models import DutyAlert, DutyShift
from benchguard.incidents import services
from benchguard.incidents.choices import ChainStep, IncidentKind
from benchguard.incidents.models import Incident
from benchguard.notifications.models import Notification
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court

pytestmark = pytest.mark.django_db


def _later(hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=40)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def officer2(court: Court) -> Account:
    account = org.create_account(actor=None, username="police2", display_name="韩磊", password=None)
    org.assign_role(actor=None, account=account, role=Role.JUDICIAL_POLICE, court=court)
    org.create_person(
        actor=None, court=court, name="韩磊", category="other_staff", staff_number="D0001", account=account
    )
    return account


def _told(incident: Incident) -> set[str]:
    key = f"incidents.reported:{incident.pk}"
    return set(Notification.objects.filter(dedupe_key=key).values_list("recipient__username", flat=True))


def test_a_group_petition_calls_the_officer_and_the_duty_leader_on_duty_first(
    report, court, persona, person_of, officer2
) -> None:
    for who, role in (("police", DutyRole.POLICE), ("leader", DutyRole.LEADER)):
        duty.add_shift(
            actor=persona("police"),
            court=court,
            person=person_of(who),
            role=role,
            starts_at=_later(8),
            ends_at=_later(20),
        )
    with time_machine.travel(_later(9), tick=False):
        petition = report(IncidentKind.GROUP_PETITION, actor="judge", targets=[])
    # The committee office is told as of any incident; of the police, the one on duty.
    assert _told(petition) == {"office", "police", "leader"}
    alert = DutyAlert.objects.get(occasion=f"incidents.reported:{petition.pk}")
    assert alert.leaders and alert.url == reverse("incidents:incident_detail", args=[petition.pk])
    with time_machine.travel(_later(9) + dt.timedelta(minutes=10), tick=False):
        duty.escalate_due_alerts()
    assert _told(petition) == {"office", "police", "leader", "police2", "chair", "vicechair"}


def test_with_nobody_on_duty_a_group_petition_reaches_every_officer_as_before(report, officer2) -> None:
    DutyShift.objects.update(is_active=False)
    petition = report(IncidentKind.GROUP_PETITION, actor="judge", targets=[])
    assert {"office", "police", "police2"} <= _told(petition)
    threat = report(IncidentKind.THREAT, actor="judge")
    assert not DutyAlert.objects.filter(occasion=f"incidents.reported:{threat.pk}").exists()


def test_the_reception_department_sees_group_petitions_and_tells_the_judge_first(
    report, persona, client_as
) -> None:
    reception = persona("reception")
    petition = report(IncidentKind.GROUP_PETITION, actor="police", targets=[])
    threat = report(IncidentKind.THREAT, actor="judge")
    seen = set(Incident.objects.visible_to(reception).values_list("pk", flat=True))
    assert petition.pk in seen and threat.pk not in seen
    page = client_as("reception").get(reverse("incidents:incident_detail", args=[petition.pk]))
    assert (
        page.status_code == 200
        and reverse("incidents:chain_notify", args=[petition.pk]) in page.content.decode()
    )
    assert (
        client_as("reception").get(reverse("incidents:incident_detail", args=[threat.pk])).status_code == 404
    )
    row = services.notify_step(
        actor=reception, incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
    )
    assert row.notified_by == reception
    assert Notification.objects.filter(
        recipient=persona("judge"), dedupe_key=f"incidents.chain:{row.pk}"
    ).exists()


def test_the_reception_department_starts_the_chain_only(report, persona) -> None:
    reception = persona("reception")
    petition = report(IncidentKind.GROUP_PETITION, actor="police", targets=[])
    services.notify_step(
        actor=persona("police"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
    )
    with pytest.raises(PermissionDenied):
        services.notify_step(
            actor=reception, incident=petition, step=ChainStep.REPORT_CHIEF, notified=persona("chief")
        )


def test_the_reception_of_another_court_does_not_start_this_courts_chain(report, persona) -> None:
    other = org.create_account(
        actor=None, username="reception_shinan", display_name="市南接访", password=None
    )
    org.assign_role(
        actor=None,
        account=other,
        role=Role.PETITION_RECEPTION,
        court=Court.objects.get(division_code="370202"),
    )
    petition = report(IncidentKind.GROUP_PETITION, actor="police", targets=[])
    assert not Incident.objects.visible_to(other).filter(pk=petition.pk).exists()
    with pytest.raises(PermissionDenied):
        services.notify_step(
            actor=other, incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
        )
