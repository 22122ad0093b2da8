"""Recordings (A10.2): kept with the SHA-256 of their bytes, re-checked (a changed file
is reported as tampered), never replaced (a new version is a new row), every look a
logged read, a printed verification report, and who sees them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from benchguard.core import audit
from benchguard.core.choices import AuditKind
from benchguard.core.models import AuditEntry
from benchguard.equipment import selectors, services
from benchguard.equipment.choices import Integrity
from benchguard.equipment.models import Recording, RecordingCheck, ReplacedRecordingError
from benchguard.equipment.samples import mp4_bytes, mp4_upload
from benchguard.incidents.choices import IncidentKind
from benchguard.incidents.models import Incident
from benchguard.notifications.models import Notification
from benchguard.organization.models import Account, Court, Person


def _stored_bytes(recording: Recording) -> bytes:
    with recording.file.storage.open(recording.file.name, "rb") as handle:
        return handle.read()


def _overwrite(recording: Recording, content: bytes) -> None:
    with recording.file.storage.open(recording.file.name, "wb") as handle:
        handle.write(content)


def test_an_upload_is_kept_with_its_sha256_uploader_device_and_retention(
    record: Callable[..., Recording], device: Any, judge: Account, settings: Any
) -> None:
    content = mp4_bytes(5000)
    recording = record(upload=mp4_upload("DSJ_0001.mp4", 5000), device=device)
    assert recording.sha256 == hashlib.sha256(content).hexdigest()
    assert _stored_bytes(recording) == content
    assert recording.size == 5000 and recording.content_type == "video/mp4"
    assert recording.uploaded_by == judge and recording.device == device
    days = settings.RECORDING_RETENTION_DAYS["field_enforcement"]
    assert (recording.retain_until - recording.recorded_at.date()).days in (days, days + 1)
    line = AuditEntry.objects.get(action="equipment.recording.upload", object_id=str(recording.pk))
    assert line.data["after"]["sha256"] == recording.sha256


def test_a_file_that_is_not_audio_or_video_is_refused(record: Callable[..., Recording]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as refused:
        record(upload=SimpleUploadedFile("x.mp4", b"%PDF-1.4\n%%EOF\n", "video/mp4"))
    assert refused.value.error_dict["file"][0].code == "type"
    assert not Recording.objects.filter(title="外出执行现场录像").exists()


def test_the_size_limit_is_a_setting(record: Callable[..., Recording], settings: Any) -> None:
    settings.RECORDING_ATTACHMENT_MAX_BYTES = 4096
    with pytest.raises(ValidationError) as refused:
        record(upload=mp4_upload(size=8192))
    assert refused.value.error_dict["file"][0].code == "too_large"
    assert record(upload=mp4_upload(size=4000)).size == 4000


def test_a_judge_uploads_only_their_own_duty_and_only_in_their_court(
    record: Callable[..., Recording], person_of: Callable[[str], Person], persona: Callable[[str], Account]
) -> None:
    with pytest.raises(ValidationError) as other:
        record(person=person_of("chief"))
    assert other.value.error_dict["person"][0].code == "own_only"
    with pytest.raises(PermissionDenied):
        record(actor=persona("judge2"))
    with pytest.raises(PermissionDenied):
        record(actor=persona("office"))
    # The judicial police keep the court's evidence: they upload for anyone of the court.
    assert record(actor=persona("police"), person=person_of("chief")).person == person_of("chief")


def test_a_recording_whose_bytes_change_is_reported_as_tampered(
    recording: Recording, police: Account, judge: Account, django_capture_on_commit_callbacks: Any
) -> None:
    check = services.verify_recording(actor=police, recording=recording)
    assert check.result == Integrity.INTACT
    _overwrite(recording, mp4_bytes(4096, fill=b"\x07"))
    with django_capture_on_commit_callbacks(execute=True):
        check = services.verify_recording(actor=police, recording=recording)
    recording.refresh_from_db()
    assert check.result == Integrity.TAMPERED and recording.integrity == Integrity.TAMPERED
    assert check.sha256_found != recording.sha256
    warned = Notification.objects.filter(kind="equipment.recording.integrity")
    assert set(warned.values_list("recipient__username", flat=True)) >= {"police", "judge"}
    line = AuditEntry.objects.filter(
        action="equipment.recording.integrity", object_id=str(recording.pk)
    ).last()
    assert line is not None and line.data["after"]["integrity"] == Integrity.TAMPERED


def test_a_file_gone_from_storage_is_reported_missing(recording: Recording, police: Account) -> None:
    recording.file.storage.delete(recording.file.name)
    assert services.verify_recording(actor=police, recording=recording).result == Integrity.MISSING


def test_a_stored_file_is_never_replaced_in_place(recording: Recording) -> None:
    recording.sha256 = "0" * 64
    with pytest.raises(ReplacedRecordingError):
        recording.save()
    recording.refresh_from_db()
    recording.file.name = "recordings/other.mp4"
    with pytest.raises(ReplacedRecordingError):
        recording.save(update_fields=["file"])


def test_a_new_version_is_a_new_row_and_the_earlier_one_keeps_its_file(
    recording: Recording, judge: Account, report: Callable[..., Incident]
) -> None:
    incident = report(IncidentKind.THREAT)
    services.link_recording(actor=judge, recording=recording, incident=incident)
    first_bytes, first_hash = _stored_bytes(recording), recording.sha256
    new = services.add_version(
        actor=judge, recording=recording, upload=mp4_upload(size=6000, fill=b"\x01"), description="完整导出"
    )
    recording.refresh_from_db()
    assert new.pk != recording.pk and new.previous == recording and new.version_number == 2
    assert _stored_bytes(recording) == first_bytes and recording.sha256 == first_hash
    assert new.sha256 != first_hash and recording.superseded
    assert list(new.links.values_list("incident_id", flat=True)) == [incident.pk]
    assert [row.pk for row in selectors.versions_of(recording)] == [recording.pk, new.pk]
    with pytest.raises(ValidationError) as again:
        services.add_version(actor=judge, recording=recording, upload=mp4_upload())
    assert again.value.code == "superseded"


def test_every_download_and_report_is_a_logged_read(
    recording: Recording, client_as: Callable[[str], Client]
) -> None:
    client = client_as("leader")
    response = client.get(reverse("equipment:recording_download", args=[recording.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _stored_bytes(recording)  # type: ignore[attr-defined]
    assert client.get(reverse("equipment:recording_play", args=[recording.pk])).status_code == 200
    reads = AuditEntry.objects.filter(kind=AuditKind.ACCESS, object_id=str(recording.pk))
    assert list(reads.values_list("action", "actor_name")) == [
        ("equipment.recording.download", "郑伟"),
        ("equipment.recording.play", "郑伟"),
    ]
    page = client.get(reverse("equipment:recording_report", args=[recording.pk])).content.decode()
    assert recording.sha256 in page
    assert page.count('data-testid="custody-line"') == 4  # upload, download, play, this report
    assert reads.count() == 3  # the report itself was a read


def test_the_report_shows_the_chain_of_custody_in_words(
    recording: Recording, client_as: Callable[[str], Client], police: Account
) -> None:
    services.verify_recording(actor=police, recording=recording)
    client = client_as("leader")
    Account.objects.filter(username="leader").update(language="en")
    client.get(reverse("equipment:recording_download", args=[recording.pk]))
    client.get(reverse("equipment:recording_play", args=[recording.pk]))
    audit.record_access(actor=police, action="equipment.recording.someday_new", obj=recording)
    with translation.override("en"):
        page = client.get(reverse("equipment:recording_report", args=[recording.pk])).content.decode()
    custody = page.split('data-testid="report-custody"')[1].split("</table>")[0]
    for words in ("Uploaded", "Downloaded", "Viewed (played)", "Verification report opened"):
        assert f'data-testid="custody-action">{words}<' in custody, words
    assert 'data-testid="custody-action">SHA-256 verified, result changed: Intact<' in custody
    assert 'data-testid="custody-action">Opened<' in custody  # an action the report does not know
    assert "equipment." not in page and ">access<" not in custody
    # The exact size stands beside the rounded one, for comparison with the file handed over.
    assert f"({recording.size} bytes)" in page
    assert '<html lang="en">' in page


def test_who_sees_a_recording(recording: Recording, client_as: Callable[[str], Client]) -> None:
    url = reverse("equipment:recording_detail", args=[recording.pk])
    for name in ("judge", "police", "leader", "office", "chair"):
        assert client_as(name).get(url).status_code == 200, name
    for name in ("chief", "staff", "admin", "judge2", "cityadmin", "outsider"):
        assert client_as(name).get(url).status_code == 404, name
    assert (
        client_as("judge2").get(reverse("equipment:recording_download", args=[recording.pk])).status_code
        == 404
    )
    assert not AuditEntry.objects.filter(kind=AuditKind.ACCESS, object_id=str(recording.pk)).exists()


def test_verify_through_the_page_shows_tampering(
    recording: Recording, client_as: Callable[[str], Client]
) -> None:
    _overwrite(recording, mp4_bytes(4096, fill=b"\x09"))
    client = client_as("judge")
    response = client.post(reverse("equipment:recording_verify", args=[recording.pk]))
    assert response.status_code == 302
    page = client.get(reverse("equipment:recording_detail", args=[recording.pk])).content.decode()
    assert 'data-testid="tampered"' in page
    assert RecordingCheck.objects.filter(recording=recording, result=Integrity.TAMPERED).count() == 1


def test_upload_through_the_page(
    client_as: Callable[[str], Client], person_of: Callable[[str], Person]
) -> None:
    client = client_as("judge")
    assert client.get(reverse("equipment:recording_upload")).status_code == 200
    response = client.post(
        reverse("equipment:recording_upload"),
        {
            "file": mp4_upload("现场.mp4", 3000),
            "kind": "field_enforcement",
            "title": "现场录像",
            "recorded_at": "2026-01-05T10:30",
            "person": person_of("judge").pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    recording = Recording.objects.get(title="现场录像")
    assert recording.sha256 == hashlib.sha256(mp4_bytes(3000)).hexdigest()
    assert client_as("office").get(reverse("equipment:recording_upload")).status_code == 403


def test_a_wrong_type_through_the_page_names_the_recording_types(
    client_as: Callable[[str], Client], person_of: Callable[[str], Person]
) -> None:
    client = client_as("judge")
    Account.objects.filter(username="judge").update(language="en")  # the page speaks the reader's language
    with translation.override("en"):
        response = client.post(
            reverse("equipment:recording_upload"),
            {
                "file": SimpleUploadedFile("record.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
                "kind": "field_enforcement",
                "title": "现场录像",
                "recorded_at": "2026-01-05T10:30",
                "person": person_of("judge").pk,
            },
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Only audio or video recordings (MP3, M4A, AAC, AMR, WAV, MP4, MOV)" in page
    assert "PDF" not in page.split("Only audio or video")[1].split("</")[0]
    assert "Word (.docx)" not in page
    assert not Recording.objects.filter(title="现场录像").exists()


def test_the_recording_list_does_not_grow_queries_with_rows(
    record: Callable[..., Recording], client_as: Callable[[str], Client]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("police")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("equipment:recording_list")).status_code == 200
        return len(queries)

    for index in range(2):
        record(title=f"录像{index}")
    few = count()
    for index in range(6):
        record(title=f"更多录像{index}")
    assert count() == few


def test_the_incident_page_lists_the_recordings_kept_with_it(
    recording: Recording, judge: Account, report: Callable[..., Incident], client_as: Callable[[str], Client]
) -> None:
    incident = report(IncidentKind.THREAT)
    services.link_recording(actor=judge, recording=recording, incident=incident)
    url = reverse("equipment:incident_recordings", args=[incident.pk])
    assert recording.title in client_as("judge").get(url).content.decode()
    assert recording.title in client_as("police").get(url).content.decode()
    assert client_as("judge2").get(url).status_code == 404
    page = client_as("judge").get(reverse("incidents:incident_detail", args=[incident.pk])).content.decode()
    assert url in page


def test_a_reader_sees_their_court_and_their_own_recordings_elsewhere(
    record: Callable[..., Recording], persona: Callable[[str], Account], court: Court
) -> None:
    """The list's scope drops the OR when the reader has nothing of their own outside
    their courts (the index read in order), and brings it back when they have."""
    police = persona("police")
    at_court = record(title="本院录像")
    elsewhere = record(actor=police, title="在基层法院上传的录像")
    base = Court.objects.filter(parent=court).first()
    assert base is not None
    Recording.objects.filter(pk=elsewhere.pk).update(court=base)  # as if uploaded there
    someone_else = Person.objects.filter(court=base).exclude(account=police).first()
    other = Recording.objects.filter(pk=record(title="他人录像").pk)
    other.update(court=base, uploaded_by=persona("judge2"), person=someone_else)

    seen = set(Recording.objects.visible_to(police).values_list("title", flat=True))

    assert {at_court.title, elsewhere.title} <= seen and "他人录像" not in seen
    Recording.objects.filter(pk=elsewhere.pk).update(court=court)
    query = str(Recording.objects.visible_to(police).query)
    assert " OR " not in query


def test_the_incidents_offered_for_a_recording_are_told_apart_by_time_place_and_case(
    recording: Recording, client_as: Callable[[str], Client], report: Callable[..., Incident]
) -> None:
    moment = timezone.localtime().replace(hour=9, minute=40, second=0, microsecond=0) - dt.timedelta(days=1)
    incident = report(IncidentKind.THREAT, occurred_at=moment, place="第三法庭东侧走廊")
    page = client_as("judge").get(reverse("equipment:recording_link", args=[recording.pk]))
    option = page.context["form"].fields["incident"].label_from_instance(incident)
    assert f"{moment:%Y-%m-%d} 09:40" in option and "第三法庭东侧走廊" in option
    assert option in page.content.decode()
