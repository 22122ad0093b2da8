"""The interference register (A7.1): recording, permanence (services, admin, API, SQL),
amendments, who reads and the log of every read, referral to the committee and the
matter opened from an entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from benchguard.core.audit_visibility import AuditView, withheld
from benchguard.core.models import AuditEntry
from benchguard.interference import services
from benchguard.interference.choices import InternalNature, SourceKind
from benchguard.interference.models import Entry
from benchguard.interference.tests.conftest import entry_fields
from benchguard.matters import sources
from benchguard.matters.choices import Subject
from benchguard.notifications.models import Notification
from benchguard.organization.models import Account, Person

pytestmark = pytest.mark.django_db


def test_a_judge_records_an_attempt_with_an_encrypted_contact(record: Callable[..., Entry]) -> None:
    entry = record()
    assert entry.number.endswith(f"-{entry.sequence:04d}")
    assert entry.right.code == "independence"
    assert not entry.by_supervisor
    with connection.cursor() as cursor:
        cursor.execute("SELECT person_contact FROM interference_entry WHERE id = %s", [entry.pk])
        stored = cursor.fetchone()[0]
    assert "139" not in stored
    assert Entry.objects.get(pk=entry.pk).person_contact == "139 0000 9999"
    line = AuditEntry.objects.filter(action="interference.entry.record", object_id=str(entry.pk)).get()
    assert line.data["after"]["person_contact"] != "139 0000 9999"
    assert line.data["after"]["request"] == "希望对某案“关照”"
    assert str(entry) == entry.number  # the trail's object column names no one


def test_a_judge_may_not_record_for_another_judge(record: Callable[..., Entry], persona: Any) -> None:
    with pytest.raises(PermissionDenied):
        record(actor=persona("member"))


def test_a_supervisor_records_an_attempt_the_judge_did_not(
    record: Callable[..., Entry], persona: Any
) -> None:
    entry = record(actor=persona("chief"))
    assert entry.by_supervisor
    assert entry.recorded_by == persona("chief")


def test_an_insiders_enquiry_is_marked_supervision_or_improper(record: Callable[..., Entry]) -> None:
    with pytest.raises(ValidationError) as refused:
        record(source_kind=SourceKind.COURT_INSIDER)
    assert refused.value.error_dict["internal_nature"][0].code == "required"
    with pytest.raises(ValidationError) as refused:
        record(internal_nature=InternalNature.IMPROPER)
    assert refused.value.error_dict["internal_nature"][0].code == "not_internal"
    assert record(source_kind=SourceKind.COURT_INSIDER, internal_nature=InternalNature.IMPROPER).pk


def test_a_registered_case_is_linked_and_an_unregistered_one_kept_as_typed(
    record: Callable[..., Entry], court: Any
) -> None:
    from benchguard.cases.models import Case

    case = Case.objects.filter(court=court).first()
    assert case is not None
    assert record(case_number=case.number).case == case
    loose = record(case_number="某某号案件")
    assert loose.case is None and loose.case_number == "某某号案件"


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(record: Callable[..., Entry]) -> None:
    entry = record()
    entry.request = "改过的"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        Entry.objects.filter(pk=entry.pk).update(request="改过的")
    with pytest.raises(PermissionError):
        Entry.objects.filter(pk=entry.pk).delete()
    assert Entry.objects.get(pk=entry.pk).request == "希望对某案“关照”"


def test_the_database_refuses_an_update(record: Callable[..., Entry]) -> None:
    entry = record()
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE interference_entry SET request = 'x' WHERE id = %s", [entry.pk])
    assert Entry.objects.get(pk=entry.pk).request == "希望对某案“关照”"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL refuses DELETE with a trigger")
def test_postgresql_refuses_a_delete(record: Callable[..., Entry]) -> None:
    entry = record()
    for table, column in (("interference_entry", "id"),):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [entry.pk])  # noqa: S608
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_an_amendment_points_at_the_original_which_stays(record: Callable[..., Entry], persona: Any) -> None:
    entry = record()
    amendment = services.amend_entry(
        actor=persona("judge"),
        entry=entry,
        amendment_reason="时间记错",
        **entry_fields(request="更正后的内容"),
    )
    assert amendment.amends == entry and amendment.judge == entry.judge
    assert Entry.objects.get(pk=entry.pk).request == "希望对某案“关照”"
    with pytest.raises(PermissionDenied):  # only the recorder, and never an amendment's amendment
        services.amend_entry(
            actor=persona("judge"), entry=amendment, amendment_reason="再改", **entry_fields()
        )
    with pytest.raises(PermissionDenied):
        services.amend_entry(
            actor=persona("trialmgmt"), entry=entry, amendment_reason="代改", **entry_fields()
        )
    with pytest.raises(ValidationError):
        services.amend_entry(actor=persona("judge"), entry=entry, amendment_reason=" ", **entry_fields())


def _get(client: Client, entry: Entry) -> int:
    return client.get(reverse("interference:entry_detail", args=[entry.pk])).status_code


def test_who_reads_an_entry(record: Callable[..., Entry], client_as: Callable[[str | None], Client]) -> None:
    entry = record()
    readers = {"judge", "trialmgmt", "inspector", "leader", "chair", "vicechair"}
    for username in readers:
        assert _get(client_as(username), entry) == 200, username
    for username in ("office", "admin", "cityadmin", "judge2", "personnel", "member", "police", "chief"):
        assert _get(client_as(username), entry) == 404, username


def test_every_read_is_logged(
    record: Callable[..., Entry], client_as: Callable[[str | None], Client]
) -> None:
    entry = record()
    inspector = client_as("inspector")
    inspector.get(reverse("interference:entry_detail", args=[entry.pk]))
    line = AuditEntry.objects.filter(action="interference.entry.open", object_id=str(entry.pk)).get()
    assert line.kind == "access" and line.actor_name == "袁刚"
    inspector.get(reverse("interference:entry_list"))
    listed = AuditEntry.objects.filter(action="interference.entries.listed", actor_name="袁刚").get()
    assert entry.number in listed.data["entries"]
    inspector.get(reverse("api-interference-entry-detail", args=[entry.pk]))
    assert AuditEntry.objects.filter(action="interference.entry.open", object_id=str(entry.pk)).count() == 2
    inspector.get(reverse("api-interference-entry-list"))
    assert AuditEntry.objects.filter(action="interference.entries.listed", actor_name="袁刚").count() == 2


def test_the_admin_and_the_api_offer_no_change(
    record: Callable[..., Entry], client_as: Callable[[str | None], Client]
) -> None:
    entry = record()
    for username in ("admin", "cityadmin"):
        admin = client_as(username)
        assert admin.get(f"/admin/interference/entry/{entry.pk}/change/").status_code == 404
        assert admin.get(f"/admin/interference/entry/{entry.pk}/delete/").status_code == 404
    judge = client_as("judge")
    url = reverse("api-interference-entry-detail", args=[entry.pk])
    assert judge.put(url, {}, content_type="application/json").status_code == 405
    assert judge.patch(url, {"request": "x"}, content_type="application/json").status_code == 405
    assert judge.delete(url).status_code == 405
    assert Entry.objects.get(pk=entry.pk).request == "希望对某案“关照”"


def test_the_api_records_an_entry(client_as: Callable[[str | None], Client], person_of: Any) -> None:
    payload = {**entry_fields(), "judge": person_of("judge").pk}
    payload["occurred_at"] = payload["occurred_at"].isoformat()
    response = client_as("judge").post(
        reverse("api-interference-entry-list"), payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert "person_contact" not in response.json()
    payload["judge"] = person_of("chief").pk
    refused = client_as("judge").post(
        reverse("api-interference-entry-list"), payload, content_type="application/json"
    )
    assert refused.status_code == 400 and "judge" in refused.json()


def test_the_audit_trail_withholds_entries_from_the_administrators(
    record: Callable[..., Entry], persona: Any
) -> None:
    entry = record()
    line = AuditEntry.objects.filter(action="interference.entry.record", object_id=str(entry.pk)).get()
    for username in ("admin", "cityadmin"):
        shown = AuditView(persona(username)).shown(line)
        assert shown.object_repr == withheld()
        assert shown.data["after"]["request"] == withheld()
    assert AuditView(persona("inspector")).shown(line).data["after"]["request"] == "希望对某案“关照”"


def test_a_referred_entry_reaches_the_committee_which_opens_a_matter(
    record: Callable[..., Entry],
    persona: Any,
    client_as: Callable[[str | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    entry = record()
    office = client_as("office")
    assert _get(office, entry) == 404
    with pytest.raises(PermissionDenied):
        services.open_matter(actor=persona("office"), entry=entry)
    with django_capture_on_commit_callbacks(execute=True):
        services.refer_entry(actor=persona("judge"), entry=entry, note="请委员会关注")
    assert Notification.objects.filter(
        recipient=persona("office"), kind="interference.entry.referred", url__endswith=f"/{entry.pk}/"
    ).exists()
    with pytest.raises(ValidationError):
        services.refer_entry(actor=persona("trialmgmt"), entry=entry)
    assert _get(office, entry) == 200
    response = office.post(reverse("interference:entry_open_matter", args=[entry.pk]))
    matter = sources.opened_matter(entry)
    assert matter is not None and response.status_code == 302
    assert matter.subject == Subject.INTERFERENCE and matter.applicant == entry.judge
    source = sources.source_of(matter)
    assert source is not None and source.object_id == entry.pk
    page = office.get(reverse("interference:entry_detail", args=[entry.pk])).content.decode()
    assert matter.number in page
    with pytest.raises(ValidationError):
        services.open_matter(actor=persona("office"), entry=entry)
    with pytest.raises(PermissionDenied):
        services.open_matter(actor=persona("trialmgmt"), entry=entry)


def test_an_entry_that_affected_the_case_goes_up_at_once(
    record: Callable[..., Entry],
    persona: Any,
    client_as: Callable[[str | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        entry = record(affected_handling=True)
    for username in ("trialmgmt", "leader", "chair"):
        assert Notification.objects.filter(
            recipient=persona(username), kind="interference.entry.affected", url__endswith=f"/{entry.pk}/"
        ).exists(), username
    with pytest.raises(PermissionDenied):
        services.report_immediately(actor=persona("judge"), entry=entry, note="x")
    services.report_immediately(actor=persona("trialmgmt"), entry=entry, note="已电话报告")
    with pytest.raises(ValidationError):
        services.report_immediately(actor=persona("trialmgmt"), entry=entry, note="again")
    page = client_as("trialmgmt").get(reverse("interference:entry_detail", args=[entry.pk])).content.decode()
    assert 'data-testid="affected"' in page and "已电话报告" in page


def test_an_attachment_is_kept_with_its_hash(
    client_as: Callable[[str | None], Client], person_of: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fields = entry_fields()
    data = {
        **fields,
        "way": fields.pop("method"),
        "judge": person_of("judge").pk,
        "occurred_at": "2026-01-05T10:00",
        "attachment": SimpleUploadedFile("信.txt", "请关照".encode(), "text/plain"),
    }
    response = client_as("judge").post(reverse("interference:entry_record"), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    entry = Entry.objects.filter(recorded_by__username="judge").order_by("-pk").first()
    assert entry is not None
    attachment = entry.attachments.get()
    assert len(attachment.sha256) == 64
    download = client_as("inspector").get(
        reverse("interference:entry_attachment", args=[entry.pk, attachment.pk])
    )
    assert download.status_code == 200
    assert (
        client_as("admin")
        .get(reverse("interference:entry_attachment", args=[entry.pk, attachment.pk]))
        .status_code
        == 404
    )


def test_the_register_list_does_not_grow_queries_with_rows(
    record: Callable[..., Entry], client_as: Callable[[str | None], Client]
) -> None:
    from django.test.utils import CaptureQueriesContext

    client = client_as("trialmgmt")
    url = reverse("interference:entry_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _index in range(5):
        record()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    # One audit line more per list (the same court), whatever the number of rows.
    assert len(many) == len(few)


def test_a_judge_of_another_court_sees_nothing(
    record: Callable[..., Entry], client_as: Callable[[str | None], Client]
) -> None:
    entry = record()
    other = client_as("judge2")
    assert _get(other, entry) == 404
    assert other.get(reverse("api-interference-entry-list")).json()["count"] == 0
    assert Person.objects.get(account__username="judge2").court_id != entry.court_id
    assert Account.objects.get(username="judge2")
