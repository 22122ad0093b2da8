"""Test-only: remove every row of the reputation area, children first (for tests that
need an empty database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.matters.models import MatterSource
from benchguard.reputation.models import Clarification, EventScreenshot, Liability, OpinionEvent


def delete_reputation_rows() -> None:
    Liability.objects.all().delete()
    Clarification.objects.all().delete()
    EventScreenshot.objects.all().delete()
    MatterSource.objects.filter(content_type__app_label="reputation").delete()
    OpinionEvent.objects.all().delete()
