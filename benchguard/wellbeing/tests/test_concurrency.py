"""Two bookings of the counselling room for the same hour at the same moment make one
session, and two records of annual leave at once never take more than is left
(PostgreSQL: tests.concurrency.needs_postgres)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from benchguard.organization.models import Account, Person
from benchguard.wellbeing import services
from benchguard.wellbeing.choices import LeaveKind
from benchguard.wellbeing.models import CounsellingRoom, CounsellingSession, LeaveRecord
from tests.concurrency import at_once, needs_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_bookings_of_the_same_hour_at_once_make_one_session() -> None:
    needs_postgres()
    room = CounsellingRoom.objects.get(court__division_code="370200", name="心理咨询室")
    counsellor = Account.objects.get(username="counsellor")
    day = timezone.localdate() + dt.timedelta(days=20)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))

    def book(who: str) -> CounsellingSession:
        return services.book_session(
            actor=Account.objects.get(username=who),
            person=Person.objects.get(account__username=who),
            counsellor=counsellor,
            room=room,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
        )

    results, errors = at_once(book, "judge", "staff")
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert errors[0].error_dict["starts_at"][0].code in {"room_taken", "counsellor_taken"}
    assert CounsellingSession.objects.filter(room=room, starts_at=starts).count() == 1


def test_two_records_of_leave_at_once_never_take_more_than_is_left() -> None:
    needs_postgres()
    personnel = Account.objects.get(username="personnel")
    staff = Person.objects.get(account__username="staff")  # 5 days due in 2025
    weeks = {"first": dt.date(2025, 11, 3), "second": dt.date(2025, 11, 10)}  # Mondays

    def record(which: str) -> LeaveRecord:
        return services.record_leave(
            actor=personnel,
            person=staff,
            kind=LeaveKind.ANNUAL,
            starts_on=weeks[which],
            ends_on=weeks[which] + dt.timedelta(days=3),  # 4 working days each
        )

    results, errors = at_once(record, "first", "second")
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert errors[0].error_dict["ends_on"][0].code == "too_many"
    assert services.leave_year_of(staff, 2025).taken == 4
