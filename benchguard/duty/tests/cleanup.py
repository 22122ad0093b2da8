"""Test-only: remove every row of the duty area (for tests that need an empty database,
such as the seed-scale test)."""

from __future__ import annotations

from benchguard.duty.models import DutyAlert, DutyAlertRecipient, DutySettings, DutyShift


def delete_duty_rows() -> None:
    DutyAlertRecipient.objects.all().delete()
    DutyAlert.objects.all().delete()
    DutyShift.objects.all().delete()
    DutySettings.objects.all().delete()
