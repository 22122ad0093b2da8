"""Fixtures of the committee tests, at the project's `court` with its `office` as actor:
helpers to seat new people, end terms and schedule meetings through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from benchguard.committee import services
from benchguard.committee.choices import MeetingKind, MemberKind, Position
from benchguard.committee.models import CommitteeMembership, Meeting
from benchguard.organization.models import Account, Court, Department
from benchguard.organization.tests.factories import PersonFactory


@pytest.fixture
def seat(court: Court, office: Account) -> Callable[..., CommitteeMembership]:
    """Seat a new person of the court as a member from `term_from`."""

    def make(
        term_from: dt.date = dt.date(2024, 1, 1), position: str = Position.MEMBER
    ) -> CommitteeMembership:
        person = PersonFactory.create(court=court, department=Department.objects.filter(court=court).first())
        return services.create_membership(
            actor=office,
            court=court,
            person=person,
            position=position,
            member_kind=MemberKind.UNIT_REPRESENTATIVE if position == Position.MEMBER else "",
            term_from=term_from,
        )

    return make


@pytest.fixture
def end_term(office: Account) -> Callable[..., CommitteeMembership]:
    """End a term through the service as the office, at the version it was read at."""

    def end(membership: CommitteeMembership, term_to: dt.date, end_reason: str = "x") -> CommitteeMembership:
        return services.end_membership(
            actor=office,
            membership=membership,
            expected_version=membership.version,
            term_to=term_to,
            end_reason=end_reason,
        )

    return end


@pytest.fixture
def meeting_on(court: Court, office: Account) -> Callable[..., Meeting]:
    """Schedule a plenary meeting on `day` (09:00 local time)."""

    def make(day: dt.date, title: str = "测试会议") -> Meeting:
        return services.schedule_meeting(
            actor=office,
            court=court,
            kind=MeetingKind.PLENARY,
            title=title,
            scheduled_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9))),
            place="第二会议室",
        )

    return make
