"""The list's due process (A15): proposal, four-eyes approval, removal with a reason,
the access log on every view, and the Excel export."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from benchguard.core.models import AuditEntry
from benchguard.persons_of_concern import services
from benchguard.persons_of_concern.models import ControlledListEntry

pytestmark = pytest.mark.django_db


def test_the_proposer_cannot_approve_their_own_entry(make_person, persona, propose) -> None:
    office = persona("office")
    entry = propose(make_person("吴十"), actor=office, days=5)
    with pytest.raises(PermissionDenied):
        services.approve_entry(actor=office, entry=entry)
    with pytest.raises(PermissionDenied):
        services.approve_entry(actor=persona("police"), entry=entry)  # police do not approve
    approved = services.approve_entry(actor=persona("leader"), entry=entry)
    assert approved.status == "active" and approved.approved_by == persona("leader")
    with pytest.raises(ValidationError) as caught:
        services.approve_entry(actor=persona("chair"), entry=approved)
    assert caught.value.code == "invalid_transition"


def test_a_proposal_refuses_past_expiry_and_removal_needs_a_reason(
    make_person, list_person, persona, propose
) -> None:
    person = make_person("郑十一")
    with pytest.raises(ValidationError) as exc:
        propose(person, days=0)
    assert "expires_on" in exc.value.error_dict
    entry = list_person(person)
    with pytest.raises(ValidationError) as exc:
        services.remove_entry(actor=persona("office"), entry=entry, reason="  ")
    assert "reason" in exc.value.error_dict
    assert ControlledListEntry.objects.get(pk=entry.pk).removed_at is None


def test_every_view_of_an_entry_is_in_the_access_log(client_as, make_person, list_person) -> None:
    entry = list_person(make_person("冯十二"))
    before = AuditEntry.objects.filter(action="persons_of_concern.entry.view").count()
    response = client_as("leader").get(reverse("persons_of_concern:entry_detail", args=[entry.pk]))
    assert response.status_code == 200
    line = AuditEntry.objects.filter(action="persons_of_concern.entry.view").last()
    assert line is not None
    assert AuditEntry.objects.filter(action="persons_of_concern.entry.view").count() == before + 1
    assert line.kind == "access" and line.actor_name == "郑伟" and line.object_id == str(entry.pk)


def test_approval_and_removal_through_the_pages(client_as, make_person, persona, propose) -> None:
    entry = propose(make_person("陈十三"), level="strict", days=5)
    office = client_as("office")
    office.post(reverse("persons_of_concern:entry_approve", args=[entry.pk]))
    assert ControlledListEntry.objects.get(pk=entry.pk).status == "active"
    assert (
        client_as("police").post(reverse("persons_of_concern:entry_remove", args=[entry.pk])).status_code
        == 403
    )
    office.post(reverse("persons_of_concern:entry_remove", args=[entry.pk]), {"reason": ""})
    assert ControlledListEntry.objects.get(pk=entry.pk).removed_at is None
    office.post(reverse("persons_of_concern:entry_remove", args=[entry.pk]), {"reason": "复核后移出"})
    assert ControlledListEntry.objects.get(pk=entry.pk).removal_reason == "复核后移出"


def test_the_excel_export_holds_the_list_with_its_due_process_fields(client_as) -> None:
    response = client_as("police").get(reverse("persons_of_concern:entry_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + ControlledListEntry.objects.count()
    names = {row[0] for row in rows[1:]}
    assert {"单立新", "曾国强", "解玉兰"} <= names
    removed = next(row for row in rows if row[0] == "解玉兰")
    assert removed[8] == "经核实系同名误列，予以移出。"
    assert AuditEntry.objects.filter(action="persons_of_concern.entry.export").exists()


def test_list_pages_do_not_grow_queries_with_rows(client_as, make_person, list_person, persona) -> None:
    from benchguard.organization.models import Department

    client = client_as("police")
    urls = [reverse(f"persons_of_concern:{n}") for n in ("person_list", "entry_list", "log_list")]
    searches = [reverse("persons_of_concern:person_list"), reverse("persons_of_concern:check")]

    def counts() -> list[int]:
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result.append(len(captured))
        for url in searches:
            with CaptureQueriesContext(connection) as captured:
                assert client.post(url, {"name": "王"}).status_code == 200
            result.append(len(captured))
        return result

    before = counts()
    department = Department.objects.get(court__division_code="370200", name="司法警察支队")
    for index in range(5):
        person = make_person(f"王{index}号", documents=[("taiwan_permit", f"1234560{index}")])
        list_person(person)
        services.add_department_log(
            actor=persona("police"), department=department, person=person,
            event_date=timezone.localdate(), what_happened="来访", outcome="劝离",
        )  # fmt: skip
    assert counts() == before


def test_the_department_logs_export_holds_every_court_s_lines(client_as, persona) -> None:
    from benchguard.organization import services as org
    from benchguard.organization.models import Department
    from benchguard.persons_of_concern.models import DepartmentLog

    # A line of a base court's log: the intermediate court's police export it too (city-wide).
    shinan_police = org.create_account(
        actor=None, username="shinan_police", display_name="市南法警", password=None
    )
    shinan = Department.objects.filter(court__division_code="370202", name="司法警察支队").get()
    org.assign_role(actor=None, account=shinan_police, role="judicial_police", court=shinan.court)
    services.add_department_log(
        actor=shinan_police,
        department=shinan,
        event_date=timezone.localdate(),
        what_happened="市南法院门口有人拉横幅。",
    )
    response = client_as("police").get(reverse("persons_of_concern:log_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == DepartmentLog.objects.count() > 0
    assert {row[4] for row in rows} == set(DepartmentLog.objects.values_list("what_happened", flat=True))
    assert "市南法院门口有人拉横幅。" in {row[4] for row in rows}
    assert AuditEntry.objects.filter(
        action="persons_of_concern.log.export", actor_id=persona("police").pk
    ).exists()
    assert client_as("judge").get(reverse("persons_of_concern:log_export")).status_code == 403
