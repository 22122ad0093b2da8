"""Two keepers (or two clicks) at the same moment (PostgreSQL: tests.concurrency.needs_postgres):
a device is issued to one person only; a recording gets one next version only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from benchguard.equipment import services
from benchguard.equipment.choices import DeviceKind, RecordingKind
from benchguard.equipment.models import Device, DeviceIssue, Recording
from benchguard.equipment.samples import mp4_upload
from benchguard.organization.models import Account, Court, Person
from tests.concurrency import at_once, needs_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_two_keepers_issue_the_same_device_at_once() -> None:
    needs_postgres()
    police = Account.objects.get(username="police")
    court = Court.objects.get(division_code="370200")
    device = services.add_device(actor=police, court=court, kind=DeviceKind.BODY_CAMERA, serial="CONC-0001")
    holders = {
        "judge": Person.objects.get(account__username="judge"),
        "chief": Person.objects.get(account__username="chief"),
    }
    results, errors = at_once(
        lambda who: services.issue_device(
            actor=police, device=Device.objects.get(pk=device.pk), holder=holders[who]
        ),
        *holders,
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError) and errors[0].code == "not_in_store"
    assert DeviceIssue.objects.filter(device=device, returned_at__isnull=True).count() == 1


def test_two_new_versions_of_the_same_recording_at_once() -> None:
    needs_postgres()
    judge = Account.objects.get(username="judge")
    recording = services.upload_recording(
        actor=judge,
        court=Court.objects.get(division_code="370200"),
        kind=RecordingKind.DUTY,
        title="并发测试录像",
        recorded_at=timezone.now() - dt.timedelta(hours=1),
        person=Person.objects.get(account=judge),
        upload=mp4_upload(),
    )
    results, errors = at_once(
        lambda who: services.add_version(
            actor=judge,
            recording=Recording.objects.get(pk=recording.pk),
            upload=mp4_upload(size=5000, fill=b"\x01" if who == "a" else b"\x02"),
        ),
        "a",
        "b",
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError) and errors[0].code == "superseded"
    assert Recording.objects.filter(previous=recording).count() == 1
