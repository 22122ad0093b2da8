"""Devices (A10.1): added by the judicial police, issued to one person at a time, taken
back in good order, damaged or lost; faults and repairs; overdue returns visible; what
a person holds on their page and on "My equipment"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.equipment import selectors, services
from benchguard.equipment.choices import DeviceKind, DeviceState, FaultStatus, ReturnCondition
from benchguard.equipment.models import Device, DeviceFault, DeviceIssue
from benchguard.organization.models import Account, Court, Person


def test_the_judicial_police_add_a_device_and_the_serial_is_unique_in_the_court(
    police: Account, court: Court, device: Device
) -> None:
    assert device.state == DeviceState.IN_STORE
    assert AuditEntry.objects.filter(action="equipment.device.add", object_id=str(device.pk)).exists()
    with pytest.raises(ValidationError) as refused:
        services.add_device(actor=police, court=court, kind=DeviceKind.BODY_CAMERA, serial=" test-0001 ")
    assert refused.value.error_dict["serial"][0].code == "serial"


def test_a_judge_cannot_add_a_device(judge: Account, court: Court) -> None:
    with pytest.raises(PermissionDenied):
        services.add_device(actor=judge, court=court, kind=DeviceKind.BODY_CAMERA, serial="X-1")


def test_issue_and_return_in_good_order(
    police: Account, device: Device, person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    issue = services.issue_device(
        actor=police, device=device, holder=judge, due_back_on=timezone.localdate() + dt.timedelta(days=3)
    )
    device.refresh_from_db()
    assert device.state == DeviceState.ISSUED
    assert issue in selectors.holdings_of(judge)
    with pytest.raises(ValidationError) as twice:
        services.issue_device(actor=police, device=device, holder=person_of("chief"))
    assert twice.value.code == "not_in_store"

    services.return_device(actor=police, issue=issue, condition=ReturnCondition.GOOD)
    issue.refresh_from_db()
    device.refresh_from_db()
    assert issue.returned_at is not None and issue.returned_to == police
    assert device.state == DeviceState.IN_STORE
    assert issue not in selectors.holdings_of(judge)
    with pytest.raises(ValidationError) as again:
        services.return_device(actor=police, issue=issue, condition=ReturnCondition.GOOD)
    assert again.value.code == "returned"


def test_a_device_is_issued_to_a_person_of_its_own_court_only(
    police: Account, device: Device, person_of: Callable[[str], Person]
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.issue_device(actor=police, device=device, holder=person_of("judge2"))
    assert refused.value.error_dict["holder"][0].code == "holder"


def test_a_damaged_return_opens_a_fault_and_the_repair_puts_it_back_in_store(
    police: Account, device: Device, person_of: Callable[[str], Person]
) -> None:
    issue = services.issue_device(actor=police, device=device, holder=person_of("judge"))
    with pytest.raises(ValidationError) as no_note:
        services.return_device(actor=police, issue=issue, condition=ReturnCondition.DAMAGED)
    assert no_note.value.error_dict["note"][0].code == "note_required"
    services.return_device(actor=police, issue=issue, condition=ReturnCondition.DAMAGED, note="镜头碎裂")
    device.refresh_from_db()
    assert device.state == DeviceState.IN_REPAIR
    fault = DeviceFault.objects.get(device=device)
    assert fault.description == "镜头碎裂" and fault.status == FaultStatus.REPORTED
    with pytest.raises(ValidationError):
        services.issue_device(actor=police, device=device, holder=person_of("judge"))
    services.record_repair(actor=police, fault=fault, status=FaultStatus.REPAIRED, note="更换镜头")
    device.refresh_from_db()
    assert device.state == DeviceState.IN_STORE
    with pytest.raises(ValidationError) as closed:
        services.record_repair(actor=police, fault=fault, status=FaultStatus.REPAIRED)
    assert closed.value.code == "closed"


def test_a_lost_device_is_retired(
    police: Account, device: Device, person_of: Callable[[str], Person]
) -> None:
    issue = services.issue_device(actor=police, device=device, holder=person_of("judge"))
    services.return_device(actor=police, issue=issue, condition=ReturnCondition.LOST, note="执行现场遗失")
    device.refresh_from_db()
    assert device.state == DeviceState.RETIRED


def test_the_holder_reports_a_fault_and_keeps_the_device(
    police: Account, judge: Account, device: Device, person_of: Callable[[str], Person]
) -> None:
    services.issue_device(actor=police, device=device, holder=person_of("judge"))
    fault = services.report_fault(actor=judge, device=device, description="无法开机")
    device.refresh_from_db()
    assert device.state == DeviceState.ISSUED
    assert fault.reported_by == judge
    with pytest.raises(PermissionDenied):
        services.report_fault(actor=Account.objects.get(username="chief"), device=device, description="x")


def test_an_overdue_return_shows_on_the_list_and_the_home_panel(
    police: Account, device: Device, person_of: Callable[[str], Person], client_as: Callable[[str], Client]
) -> None:
    due = timezone.localdate() + dt.timedelta(days=2)
    services.issue_device(actor=police, device=device, holder=person_of("judge"), due_back_on=due)
    client = client_as("police")
    assert "TEST-0001" not in _overdue_section(client)
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        assert DeviceIssue.objects.overdue().filter(device=device).exists()
        client = client_as("police")  # signed in again: the earlier session has timed out
        assert "TEST-0001" in _overdue_section(client)
        home = client.get(reverse("home")).content.decode()
        assert 'data-testid="equipment-keeper"' in home and "TEST-0001" in home


def _overdue_section(client: Client) -> str:
    page = client.get(reverse("equipment:device_list")).content.decode()
    start = page.find('data-testid="overdue-returns"')
    return page[start : page.find("</div>", start)] if start >= 0 else ""


def test_what_a_person_holds_shows_on_their_page_and_on_my_equipment(
    police: Account, device: Device, person_of: Callable[[str], Person], client_as: Callable[[str], Client]
) -> None:
    judge = person_of("judge")
    services.issue_device(actor=police, device=device, holder=judge)
    url = reverse("equipment:person_devices", args=[judge.pk])
    assert "TEST-0001" in client_as("police").get(url).content.decode()
    assert "TEST-0001" in client_as("judge").get(url).content.decode()
    # A colleague sees the directory page but not what the judge holds.
    response = client_as("staff").get(url)
    assert response.status_code == 200 and "TEST-0001" not in response.content.decode()
    assert "TEST-0001" in client_as("judge").get(reverse("equipment:mine")).content.decode()
    person_page = (
        client_as("judge").get(reverse("organization:person_detail", args=[judge.pk])).content.decode()
    )
    assert url in person_page


def test_issue_and_return_through_the_pages(
    device: Device, person_of: Callable[[str], Person], client_as: Callable[[str], Client]
) -> None:
    client = client_as("police")
    response = client.post(
        reverse("equipment:device_issue", args=[device.pk]),
        {"holder": person_of("judge").pk, "purpose": "外出执行"},
    )
    assert response.status_code == 302
    issue = DeviceIssue.objects.get(device=device)
    response = client.post(reverse("equipment:issue_return", args=[issue.pk]), {"condition": "good"})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.return_condition == ReturnCondition.GOOD
    assert client_as("judge").get(reverse("equipment:device_issue", args=[device.pk])).status_code == 404
    assert client_as("leader").get(reverse("equipment:device_issue", args=[device.pk])).status_code == 403


def test_the_device_list_does_not_grow_queries_with_rows(
    police: Account, court: Court, person_of: Callable[[str], Person], client_as: Callable[[str], Client]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("police")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("equipment:device_list")).status_code == 200
        return len(queries)

    def add(n: int, start: int) -> None:
        for index in range(start, start + n):
            device = services.add_device(
                actor=police, court=court, kind=DeviceKind.BODY_CAMERA, serial=f"Q-{index}"
            )
            services.issue_device(actor=police, device=device, holder=person_of("judge"))

    add(2, 0)
    few = count()
    add(6, 10)
    assert count() == few


@pytest.mark.parametrize(
    ("username", "page"),
    [
        ("police", "equipment:device_list"),
        ("leader", "equipment:device_list"),
        ("office", "equipment:recording_list"),
        ("judge", "equipment:mine"),
        ("guard", "equipment:mine"),
    ],
)
def test_the_area_root_leads_each_user_to_their_page(
    client_as: Callable[[str], Client], username: str, page: str
) -> None:
    client = client_as(username)
    response = client.get("/equipment/")
    assert response.status_code == 302 and response["Location"] == reverse(page)
    assert client.get(response["Location"]).status_code == 200


def test_the_area_root_asks_a_visitor_to_sign_in(client: Client) -> None:
    response = client.get("/equipment/")
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_demo_times_are_office_hours_of_the_courts_day(db: None) -> None:
    """Whenever the demo is loaded (01:11 at night included), the recorder went out and the
    field recordings were made at office hours of the court's local day; the threat's
    recording carries the time of the incident it records."""
    from benchguard.equipment.demo import ENFORCEMENT_TITLE, TAMPERED_TITLE, THREAT_TITLE, demo_recording
    from benchguard.incidents.demo import FIRST_PLACE
    from benchguard.incidents.models import Incident

    issue = DeviceIssue.objects.get(device__serial="ZFJLY-2024-0001", returned_at__isnull=True)
    moments = [issue.issued_at]
    moments += [demo_recording(title).recorded_at for title in (ENFORCEMENT_TITLE, TAMPERED_TITLE)]
    for moment in moments:
        assert dt.time(8) <= timezone.localtime(moment).time() <= dt.time(18), timezone.localtime(moment)
    incident = Incident.objects.get(place=FIRST_PLACE)
    assert demo_recording(THREAT_TITLE).recorded_at == incident.occurred_at
