"""Retention and legal hold (A10.2), and the scheduled jobs: the purge deletes the file
of a recording past its retention unless a linked incident, sanction or matter (or a
record of another area, by the holds hook) is still open; the nightly re-check. Both
jobs are safe to run twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.core.jobs import registered_jobs
from benchguard.equipment import holds, services, tasks
from benchguard.equipment.choices import Integrity
from benchguard.equipment.models import Recording, RecordingCheck
from benchguard.incidents import services as incident_services
from benchguard.incidents.choices import IncidentKind, SanctionMeasure
from benchguard.incidents.models import Incident
from benchguard.interference import services as interference_services
from benchguard.interference.models import Entry
from benchguard.interference.tests.conftest import entry_fields
from benchguard.organization.models import Account, Person, RightCategory


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


def test_a_link_by_the_generic_hook_holds_until_its_app_says_the_record_is_closed(
    recording: Recording, police: Account, report: Callable[..., Incident]
) -> None:
    """The hook (holds.register_hold) for a kind of record the link has no field for: an
    incident given as a plain `target` stands for such a record here."""
    incident = report(IncidentKind.THREAT)
    services.link_recording(actor=police, recording=recording, target=incident)
    holds.unregister_hold("incidents.Incident")
    assert holds.is_held(recording.pk)  # nobody said what "open" means for it: kept
    holds.register_hold("incidents.Incident", lambda ids: set())
    try:
        assert not holds.is_held(recording.pk)
        holds.register_hold("incidents.Incident", lambda ids: set(ids))
        assert holds.is_held(recording.pk)
    finally:
        holds.unregister_hold("incidents.Incident")


def test_a_record_without_access_rules_cannot_be_linked(recording: Recording, police: Account) -> None:
    category = RightCategory.objects.first()  # reference data: nobody's and everybody's
    assert category is not None
    with pytest.raises(ValidationError) as refused:
        services.link_recording(actor=police, recording=recording, target=category)
    assert refused.value.code == "kind"


def _entry(actor: Account) -> Entry:
    return interference_services.record_entry(
        actor=actor, judge=Person.objects.get(account=actor), **entry_fields()
    )


def test_a_recording_kept_with_an_interference_entry_is_never_purged(
    recording: Recording, judge: Account
) -> None:
    """The interference register is permanent (A7.1): so is the hold on its evidence."""
    entry = _entry(judge)
    services.link_recording(actor=judge, recording=recording, entry=entry)
    assert holds.is_held(recording.pk)
    services.purge_expired_recordings(today=recording.retain_until + dt.timedelta(days=3650))
    assert not _purged(recording) and recording.file.storage.exists(recording.file.name)


def test_only_an_entry_the_user_reads_can_be_linked(
    recording: Recording, judge: Account, police: Account
) -> None:
    entry = _entry(judge)
    with pytest.raises(ValidationError) as refused:
        services.link_recording(actor=police, recording=recording, entry=entry)
    assert "entry" in refused.value.error_dict
    assert not recording.links.exists()


def test_the_recordings_readers_outside_the_register_learn_nothing_of_the_entry(
    recording: Recording, judge: Account, client_as: Callable[[str], Client]
) -> None:
    entry = _entry(judge)
    services.link_recording(actor=judge, recording=recording, entry=entry)
    page = reverse("equipment:recording_detail", args=[recording.pk])

    own = client_as("judge").get(page).content.decode()
    assert entry.get_absolute_url() in own

    other = client_as("police").get(page)
    assert other.status_code == 200
    html = other.content.decode()
    assert entry.get_absolute_url() not in html and str(entry.number) not in html
    assert "A record of a register closed to you" in html or "无权查看" in html


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
