"""Test-only: remove every committee row, children first (for tests that need an
empty database, such as organization's seed-scale test)."""

from __future__ import annotations

from benchguard.committee import models


def delete_committee_rows() -> None:
    for model in (
        models.FollowUpAction,
        models.Resolution,
        models.Attendance,
        models.AgendaItem,
        models.Meeting,
        models.CommitteeMembership,
        models.CommitteeSettings,
    ):
        model.objects.all().delete()
