"""Fixtures of the equipment tests: uploads go to the test's own media directory; a
device of the intermediate court (`device`) and a recording of the judge's duty
(`recording`), made through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from benchguard.equipment import services
from benchguard.equipment.choices import DeviceKind, RecordingKind
from benchguard.equipment.models import Device, Recording
from benchguard.equipment.samples import mp4_upload
from benchguard.incidents.tests import conftest as incident_fixtures
from benchguard.organization.models import Account, Court, Person


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    """Uploaded files go to the test's own directory, not the project's var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def police(persona: Callable[[str], Account]) -> Account:
    return persona("police")


@pytest.fixture
def judge(persona: Callable[[str], Account]) -> Account:
    return persona("judge")


@pytest.fixture
def device(police: Account, court: Court) -> Device:
    return services.add_device(
        actor=police, court=court, kind=DeviceKind.BODY_CAMERA, serial="TEST-0001", model_name="DSJ-V9"
    )


@pytest.fixture
def record(judge: Account, court: Court, person_of: Callable[[str], Person]) -> Callable[..., Recording]:
    """record(actor=judge, **overrides): a recording of the judge's duty an hour ago."""

    def make(actor: Account | None = None, **overrides: Any) -> Recording:
        fields: dict[str, Any] = {
            "court": court,
            "kind": RecordingKind.FIELD_ENFORCEMENT,
            "title": "外出执行现场录像",
            "recorded_at": timezone.now() - dt.timedelta(hours=1),
            "person": person_of("judge"),
            "upload": mp4_upload(),
            **overrides,
        }
        return services.upload_recording(actor=actor or judge, **fields)

    return make


@pytest.fixture
def recording(record: Callable[..., Recording]) -> Recording:
    return record()


# An incident reported through the register's own fixture: report(kind, actor=..., **facts).
report = incident_fixtures.report
impose = incident_fixtures.impose
