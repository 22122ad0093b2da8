"""Test-only: remove every row of the wellbeing area (for tests that need an empty
database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.wellbeing.models import (
    Activity,
    Attendance,
    CounsellingRoom,
    CounsellingSession,
    HealthExam,
    Holding,
    LeaveProfile,
    LeaveRecord,
    PayIssue,
    Recuperation,
    WellbeingSettings,
)


def delete_wellbeing_rows() -> None:
    for model in (
        Attendance, Activity, Holding, CounsellingSession, CounsellingRoom, Recuperation, HealthExam,
        PayIssue, LeaveRecord, LeaveProfile, WellbeingSettings,
    ):  # fmt: skip
        model.objects.all().delete()
