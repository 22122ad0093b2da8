"""The committee demo loader is idempotent and fills every state a reviewer should see."""

from __future__ import annotations

import pytest

from benchguard.committee.choices import MeetingStatus
from benchguard.committee.demo import load_committee_demo
from benchguard.committee.models import CommitteeMembership, FollowUpAction, Meeting
from benchguard.core.audit import verify_chain

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_creates_nothing_twice() -> None:
    counts = (CommitteeMembership.objects.count(), Meeting.objects.count(), FollowUpAction.objects.count())
    load_committee_demo()
    assert (
        CommitteeMembership.objects.count(),
        Meeting.objects.count(),
        FollowUpAction.objects.count(),
    ) == counts
    assert set(Meeting.objects.values_list("status", flat=True)) == {
        MeetingStatus.HELD,
        MeetingStatus.PLANNED,
    }
    assert verify_chain().ok
