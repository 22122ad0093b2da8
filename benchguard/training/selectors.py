"""Scoped reads of training and drills (A11), with the joins each page shows, and the
list of people not yet trained: one query whatever the size of the court."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.after_hours.choices import ProtectionStatus
from benchguard.after_hours.models import ProtectionRequest
from benchguard.cases.choices import Stage
from benchguard.cases.models import Case
from benchguard.organization.models import Court, Person
from benchguard.organization.selectors import people_in_court
from benchguard.training import permissions
from benchguard.training.choices import SAFETY_KINDS, FollowUpStatus
from benchguard.training.models import Attendance, Course, Drill, DrillFollowUp, Session, TrainingSettings


def settings_for(court_id: int) -> TrainingSettings:
    return TrainingSettings.of(court_id)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier; the month's last day when it has no such day
    (31 March less one month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def counts_from(court_id: int, today: dt.date | None = None) -> dt.date:
    """The first day a safety session still counts on: a session held on this day or
    later means trained (the period's boundary day included)."""
    return months_before(today or timezone.localdate(), settings_for(court_id).period_months)


def reader_courts(user: Any) -> QuerySet[Court]:
    return Court.objects.filter(pk__in=permissions.reader_court_ids(user)).order_by(
        "sort_order", "division_code"
    )


def courses_for(user: Any) -> QuerySet[Course]:
    return (
        Course.objects.visible_to(user)
        .select_related("court")
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("court__sort_order", "title", "id")
    )


def get_course_for(user: Any, pk: int) -> Course:
    return get_object_or_404(Course.objects.visible_to(user).select_related("court"), pk=pk)


def sessions_of(course: Course) -> QuerySet[Session]:
    return course.sessions.annotate(attended=Count("attendance")).order_by("-held_on", "-id")


def get_session_for(user: Any, pk: int) -> Session:
    return get_object_or_404(Session.objects.visible_to(user).select_related("course__court"), pk=pk)


def attendance_of(session: Session) -> QuerySet[Attendance]:
    return session.attendance.select_related("person__department").order_by("person__name_pinyin", "id")


def drills_for(user: Any) -> QuerySet[Drill]:
    open_follow_ups = Count("follow_ups", filter=Q(follow_ups__status=FollowUpStatus.OPEN), distinct=True)
    return (
        Drill.objects.visible_to(user)
        .select_related("court", "plan")
        .annotate(participant_count=Count("participants", distinct=True), open_follow_ups=open_follow_ups)
        # Meta.ordering is not applied to a grouped query: the page's order is said here.
        .order_by("-held_on", "-id")
    )


def get_drill_for(user: Any, pk: int) -> Drill:
    return get_object_or_404(Drill.objects.visible_to(user).select_related("court", "plan"), pk=pk)


def follow_ups_of(drill: Drill) -> QuerySet[DrillFollowUp]:
    return drill.follow_ups.select_related("owner")


def _at_risk(now: dt.datetime) -> Q:
    """A judge the court already protects (A12.3: a protection not yet over) or whose
    open case is flagged or given a risk level (A14)."""
    protected = ProtectionRequest.objects.filter(
        judge=OuterRef("pk"),
        status__in=[ProtectionStatus.REQUESTED, ProtectionStatus.APPROVED],
        ends_at__gte=now,
    )
    flagged = (
        Case.objects.filter(judge=OuterRef("pk"))
        .exclude(stage=Stage.CLOSED)
        .filter(Q(flagged_at__isnull=False) | Q(risk_level__isnull=False))
    )
    return Q(Exists(protected)) | Q(Exists(flagged))


def untrained_in(court_id: int, today: dt.date | None = None) -> QuerySet[Person]:
    """The court's people with no safety session (A11) on or after `counts_from`: each
    with `last_trained` (None: never) and `at_risk`, those at risk first."""
    today = today or timezone.localdate()
    since = counts_from(court_id, today)
    last = (
        Attendance.objects.filter(person=OuterRef("pk"), session__course__kind__in=SAFETY_KINDS)
        .order_by("-session__held_on")
        .values("session__held_on")[:1]
    )
    return (
        people_in_court(court_id)
        .select_related("department")
        .annotate(last_trained=Subquery(last))
        .filter(Q(last_trained__isnull=True) | Q(last_trained__lt=since))
        .annotate(at_risk=_at_risk(timezone.now()))
        .order_by("-at_risk", "name_pinyin", "id")
    )


def untrained_at_risk(user: Any) -> list[Person]:
    """For the committee office's panel: its courts' untrained people at risk (A11)."""
    from benchguard.core.access import court_ids_with
    from benchguard.organization.choices import Role

    rows: list[Person] = []
    for court_id in court_ids_with(user, [Role.COMMITTEE_OFFICE]):
        rows.extend(untrained_in(court_id).filter(Q(at_risk=True))[:20])
    return rows


def my_training(user: Any) -> list[Attendance]:
    """The signed-in person's own safety sessions, newest first (their home panel)."""
    return list(
        Attendance.objects.filter(person__account=user)
        .select_related("session__course")
        .order_by("-session__held_on")[:5]
    )
