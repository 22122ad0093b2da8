"""Test-only: remove every committee row, children first (for tests that need an
empty database, such as organization's seed-scale test)."""

from __future__ import annotations

from benchguard.committee.models import (
    AgendaItem,
    Attendance,
    CommitteeMembership,
    CommitteeSettings,
    FollowUpAction,
    Meeting,
    Resolution,
)


def delete_committee_rows() -> None:
    for model in (
        FollowUpAction,
        Resolution,
        Attendance,
        AgendaItem,
        Meeting,
        CommitteeMembership,
        CommitteeSettings,
    ):
        model.objects.all().delete()
