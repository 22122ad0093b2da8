"""Test-only: remove every row of the alarm area and its notifications (for tests that
need an empty database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.alarm.models import Alarm, AlarmPoint, AlarmRecipient, AlarmSettings
from benchguard.notifications.models import Notification


def delete_alarm_rows() -> None:
    Notification.objects.filter(kind="alarm.pressed").delete()
    AlarmRecipient.objects.all().delete()
    Alarm.objects.all().delete()
    AlarmPoint.objects.all().delete()
    AlarmSettings.objects.all().delete()
