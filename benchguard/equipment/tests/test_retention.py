"""Retention and legal hold (A10.2), and the scheduled jobs: the purge deletes the file
of a recording past its retention unless a linked incident, sanction or matter (or a
record of another area, by the holds hook) is still open; the nightly re-check. Both
jobs are safe to run twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import time_machine
from django.utils import timezone

from benchguard.core.jobs import registered_jobs
from benchguard.equipment import holds, services, tasks
from benchguard.equipment.choices import Integrity
from benchguard.equipment.models import Recording, RecordingCheck
from benchguard.incidents import services as incident_services
from benchguard.incidents.choices import IncidentKind, SanctionMeasure
from benchguard.incidents.models import Incident
from benchguard.organization.models import Account, Department


def _after_retention(recording: Recording) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(recording.retain_until + dt.timedelta(days=1), dt.time(4)))


def test_the_purge_deletes_the_file_after_retention_and_keeps_the_row(
    recording: Recording, django_capture_on_commit_callbacks: Any
) -> None:
    name, storage = recording.file.name, recording.file.storage
    services.purge_expired_recordings(today=recording.retain_until)  # the last day is kept
    assert not _purged(recording)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired_recordings(today=recording.retain_until + dt.timedelta(days=1)) >= 1
    recording.refresh_from_db()
    assert recording.purged_at is not None and recording.integrity == Integrity.PURGED
    assert recording.sha256 and not storage.exists(name)
    assert services.purge_expired_recordings(today=recording.retain_until + dt.timedelta(days=2)) == 0


def _purged(recording: Recording) -> bool:
    recording.refresh_from_db()
    return recording.purged_at is not None


def test_the_legal_hold_stops_the_purge_while_the_incident_is_open(
    recording: Recording, judge: Account, police: Account, report: Callable[..., Incident]
) -> None:
    incident = report(IncidentKind.THREAT)
    services.link_recording(actor=judge, recording=recording, incident=incident)
    day = recording.retain_until + dt.timedelta(days=30)
    assert holds.is_held(recording.pk)
    services.purge_expired_recordings(today=day)
    assert not _purged(recording) and recording.file.storage.exists(recording.file.name)
    incident_services.close_incident(actor=police, incident=incident, note="已处理完毕。")
    assert not holds.is_held(recording.pk)
    services.purge_expired_recordings(today=day)
    assert _purged(recording)


def test_a_pending_courtroom_sanction_holds_the_recording(
    recording: Recording, judge: Account, report: Callable[..., Incident], impose: Callable[..., Any]
) -> None:
    incident = report(IncidentKind.COURTROOM)
    sanction = impose(incident, SanctionMeasure.FINE, amount=1000)
    services.link_recording(actor=judge, recording=recording, sanction=sanction)
    assert holds.is_held(recording.pk)


def test_a_link_to_another_area_holds_until_its_app_says_the_record_is_closed(
    recording: Recording, police: Account
) -> None:
    department = Department.objects.filter(court_id=recording.court_id).first()
    assert department is not None
    services.link_recording(actor=police, recording=recording, target=department)
    assert holds.is_held(recording.pk)  # nobody said what "open" means for it: kept
    holds.register_hold("organization.Department", lambda ids: set())
    try:
        assert not holds.is_held(recording.pk)
        holds.register_hold("organization.Department", lambda ids: set(ids))
        assert holds.is_held(recording.pk)
    finally:
        holds.unregister_hold("organization.Department")


def test_the_jobs_are_registered_and_safe_to_run_twice(recording: Recording) -> None:
    names = {job.name for job in registered_jobs()}
    assert {"equipment.check_recordings", "equipment.purge_recordings"} <= names
    assert tasks.check_recordings.call() >= 1
    assert RecordingCheck.objects.filter(recording=recording).count() == 1
    assert tasks.check_recordings.call() == 0
    assert RecordingCheck.objects.filter(recording=recording).count() == 1
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        assert tasks.check_recordings.call() >= 1
    assert RecordingCheck.objects.filter(recording=recording).count() == 2
    with time_machine.travel(_after_retention(recording)):
        first = tasks.purge_recordings.call()
        assert tasks.purge_recordings.call() == 0
    recording.refresh_from_db()
    assert first >= 1 and recording.purged_at is not None
