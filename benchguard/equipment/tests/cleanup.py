"""Test-only: remove every row of the equipment area and its notifications, children
first (for tests that need an empty database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.equipment.models import (
    Device,
    DeviceFault,
    DeviceIssue,
    Recording,
    RecordingCheck,
    RecordingLink,
)


def delete_equipment_rows() -> None:
    from benchguard.notifications.models import Notification

    Notification.objects.filter(kind__startswith="equipment.").delete()
    RecordingLink.objects.all().delete()
    RecordingCheck.objects.all().delete()
    # Versions point at the versions they follow: delete the latest first.
    while Recording.objects.exists():
        Recording.objects.filter(next_version__isnull=True).delete()
    DeviceFault.objects.all().delete()
    DeviceIssue.objects.all().delete()
    Device.objects.all().delete()
