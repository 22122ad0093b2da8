"""Scoped reads of the wellbeing area (A22–A24), with what each page shows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Account, Court, Person
from benchguard.wellbeing import permissions
from benchguard.wellbeing.choices import ExamKind, PayIssueStatus, SessionStatus
from benchguard.wellbeing.models import (
    Activity,
    CounsellingRoom,
    CounsellingSession,
    HealthExam,
    Holding,
    LeaveRecord,
    PayIssue,
    Recuperation,
    WellbeingSettings,
)
from benchguard.wellbeing.services import LeaveYear, cycle_start, leave_year, settings_for


def _settings_by_court(court_ids: set[int]) -> dict[int, WellbeingSettings]:
    stored = {s.court_id: s for s in WellbeingSettings.objects.filter(court_id__in=court_ids)}
    return {cid: stored.get(cid) or WellbeingSettings(court_id=cid) for cid in court_ids}


def _leave_years(people: QuerySet[Person], year: int) -> list[LeaveYear]:
    """Each person's leave for `year`: the people (with their service start), then the
    working and calendar days of each kind of leave they took that year, summed in one
    grouped query on the records of the year, and the courts' settings (three queries)."""
    rows = list(people.select_related("leave_profile", "department"))
    settings = _settings_by_court({p.court_id for p in rows})
    workdays: dict[int, dict[str, int]] = {}
    calendar: dict[int, dict[str, int]] = {}
    sums = (
        LeaveRecord.objects.filter(
            is_cancelled=False,
            person__in=people.values("pk"),
            starts_on__gte=dt.date(year, 1, 1),
            starts_on__lte=dt.date(year, 12, 31),
        )
        .values("person_id", "kind")
        .annotate(wd=Sum("workdays"), cd=Sum("calendar_days"))
        .order_by()
    )
    for row in sums:
        workdays.setdefault(row["person_id"], {})[row["kind"]] = row["wd"] or 0
        calendar.setdefault(row["person_id"], {})[row["kind"]] = row["cd"] or 0
    result = []
    for p in rows:
        profile = getattr(p, "leave_profile", None)
        result.append(
            leave_year(
                p,
                year,
                service_start=profile.service_start if profile else None,
                settings=settings[p.court_id],
                workdays=workdays.get(p.pk, {}),
                calendar_days=calendar.get(p.pk, {}),
            )
        )
    return result


def leave_years_for(user: Any, *, year: int, category: str = "", pending: bool = False) -> list[LeaveYear]:
    """The people in post of the courts whose leave the user reads, with their leave for
    `year` (three queries however many people). `pending`: those with days left, and
    those whose service start is not recorded (flagged: what they are due is unknown)."""
    people = Person.objects.filter(court_id__in=permissions.leave_reader_court_ids(user), is_active=True)
    if category:
        people = people.filter(category=category)
    rows = _leave_years(people.order_by("court_id", "name_pinyin", "id"), year)
    return [r for r in rows if r.outstanding] if pending else rows


def not_taken_for(user: Any, today: dt.date | None = None) -> list[LeaveYear]:
    """The personnel office's list (A22): from the court's reminder month on, the people
    who still have annual leave left this year, and those whose service start is not
    recorded (what they are due is unknown, so they are listed, flagged, not left out)."""
    today = today or timezone.localdate()
    court_ids = permissions.court_ids_with_personnel(user)
    settings = _settings_by_court(court_ids)
    due = {cid for cid, s in settings.items() if today.month >= s.reminder_month}
    if not due:
        return []
    people = Person.objects.filter(court_id__in=due, is_active=True).order_by("court_id", "name_pinyin", "id")
    return [r for r in _leave_years(people, today.year) if r.outstanding]


def get_person_for_leave(user: Any, pk: int) -> Person:
    """A person whose leave the user reads: their own, or of a court they read (else 404)."""
    people = Person.objects.filter(
        Q(court_id__in=permissions.leave_reader_court_ids(user)) | Q(account_id=getattr(user, "pk", None))
    )
    return get_object_or_404(people.select_related("court", "department", "leave_profile"), pk=pk)


def leave_records_of(user: Any, person: Person, year: int) -> QuerySet[LeaveRecord]:
    return (
        LeaveRecord.objects.visible_to(user)
        .filter(person=person, starts_on__year=year)
        .select_related("recorded_by")
        .order_by("-starts_on", "-id")
    )


def get_leave_record_for(user: Any, pk: int) -> LeaveRecord:
    return get_object_or_404(LeaveRecord.objects.visible_to(user).select_related("person"), pk=pk)


def leave_people_for(user: Any) -> QuerySet[Person]:
    return Person.objects.filter(court_id__in=permissions.leave_reader_court_ids(user), is_active=True)


# --- Pay -------------------------------------------------------------------------------


def pay_issues_for(user: Any, *, status: str = "", category: str = "") -> QuerySet[PayIssue]:
    rows = PayIssue.objects.visible_to(user).select_related("person", "court", "reported_by")
    if status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(person__category=category)
    return rows.order_by("-created_at", "-id")


def get_pay_issue_for(user: Any, pk: int) -> PayIssue:
    return get_object_or_404(
        PayIssue.objects.visible_to(user).select_related("person", "court", "reported_by"), pk=pk
    )


def pay_people_for(user: Any) -> QuerySet[Person]:
    """Whom the user may report a pay problem for: themself, and the people of the courts
    where they are the personnel office or the union."""
    own = permissions.own_person(user)
    ids = permissions.court_ids_with_pay_reporters(user)
    return Person.objects.filter(
        Q(court_id__in=ids, is_active=True) | Q(pk=own.pk if own else None)
    ).order_by("name_pinyin", "id")


# --- Health ----------------------------------------------------------------------------


def exams_for(user: Any, *, cycle: dt.date | None = None) -> QuerySet[HealthExam]:
    rows = HealthExam.objects.visible_to(user).select_related("person", "person__department")
    if cycle is not None:
        rows = rows.filter(cycle_start=cycle)
    return rows.order_by("-cycle_start", "person__name_pinyin", "id")


def get_exam_for(user: Any, pk: int) -> HealthExam:
    return get_object_or_404(HealthExam.objects.visible_to(user).select_related("person"), pk=pk)


def recuperations_for(user: Any) -> QuerySet[Recuperation]:
    return Recuperation.objects.visible_to(user).select_related("person").order_by("-starts_on", "-id")


def health_people_for(user: Any) -> QuerySet[Person]:
    return Person.objects.filter(court_id__in=permissions.health_court_ids(user), is_active=True).order_by(
        "name_pinyin", "id"
    )


def current_cycle(court_id: int, today: dt.date | None = None) -> dt.date:
    return cycle_start(today or timezone.localdate(), settings_for(court_id).exam_cycle_months)


def exams_missing_for(user: Any, today: dt.date | None = None) -> int:
    """People of the personnel office's courts without a completed regular exam in the
    current cycle (the panel's count)."""
    today = today or timezone.localdate()
    total = 0
    for court_id, settings in _settings_by_court(permissions.health_court_ids(user)).items():
        start = cycle_start(today, settings.exam_cycle_months)
        done = HealthExam.objects.filter(
            court_id=court_id, kind=ExamKind.ANNUAL, cycle_start=start, completed_on__isnull=False
        ).values("person_id")
        total += Person.objects.filter(court_id=court_id, is_active=True).exclude(pk__in=done).count()
    return total


# --- Counselling -----------------------------------------------------------------------


def sessions_for(user: Any) -> QuerySet[CounsellingSession]:
    """The sessions the user is party to (their counsellor's or their own), newest first."""
    return CounsellingSession.objects.visible_to(user).select_related("person", "counsellor", "room")


def get_session_for(user: Any, pk: int) -> CounsellingSession:
    return get_object_or_404(sessions_for(user), pk=pk)


def session_counts_for(user: Any, year: int) -> list[tuple[str, int, int]]:
    """For a counsellor: sessions held and booked in `year` in their courts, by category
    of person — counts only, never names (A23)."""
    court_ids = permissions.court_ids_with_counsellor(user)
    rows = (
        CounsellingSession.objects.filter(court_id__in=court_ids, starts_at__year=year)
        .values("person__category", "status")
        .annotate(n=Count("id"))
    )
    counts: Counter[tuple[str, str]] = Counter({(r["person__category"], r["status"]): r["n"] for r in rows})
    return [
        (str(label), counts[(value, SessionStatus.HELD)], counts[(value, SessionStatus.BOOKED)])
        for value, label in PersonCategory.choices
    ]


def booking_people_for(user: Any) -> QuerySet[Person]:
    own = permissions.own_person(user)
    ids = permissions.court_ids_with_counsellor(user)
    return Person.objects.filter(
        Q(court_id__in=ids, is_active=True) | Q(pk=own.pk if own else None)
    ).order_by("name_pinyin", "id")


def booking_counsellors_for(user: Any) -> QuerySet[Account]:
    own = permissions.own_person(user)
    ids = permissions.court_ids_with_counsellor(user) | ({own.court_id} if own else set())
    from benchguard.organization.choices import Role

    return Account.objects.filter(
        is_active=True, role_assignments__court_id__in=ids, role_assignments__role=Role.COUNSELLOR
    ).distinct()


def booking_rooms_for(user: Any) -> QuerySet[CounsellingRoom]:
    return CounsellingRoom.objects.visible_to(user).filter(is_active=True)


# --- Culture ---------------------------------------------------------------------------


def activities_for(user: Any, *, kind: str = "") -> QuerySet[Activity]:
    rows = Activity.objects.visible_to(user).select_related("court").annotate(attended=Count("attendances"))
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-starts_at", "-id")


def get_activity_for(user: Any, pk: int) -> Activity:
    return get_object_or_404(Activity.objects.visible_to(user).select_related("court"), pk=pk)


def attendance_of(activity: Activity) -> QuerySet[Any]:
    return activity.attendances.select_related("person", "person__department").order_by(
        "person__name_pinyin", "id"
    )


def court_people(court_id: int) -> QuerySet[Person]:
    return Person.objects.filter(court_id=court_id, is_active=True).order_by("name_pinyin", "id")


def holdings_for(user: Any, *, q: str = "") -> QuerySet[Holding]:
    rows = Holding.objects.visible_to(user).filter(is_active=True).select_related("court")
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(author__icontains=q))
    return rows.order_by("court_id", "title", "id")


def get_holding_for(user: Any, pk: int) -> Holding:
    return get_object_or_404(Holding.objects.visible_to(user), pk=pk)


def keeper_courts(ids: set[int]) -> QuerySet[Court]:
    return Court.objects.filter(pk__in=ids).order_by("sort_order", "division_code")


# --- Report by category (A2, A28) -----------------------------------------------------


@dataclass
class CategoryRow:
    label: str
    people: int = 0
    leave_due: int = 0
    leave_taken: int = 0
    leave_left: int = 0
    leave_unrecorded: int = 0  # people whose service start is not recorded: not in the three sums
    exams_done: int = 0
    pay_open: int = 0
    pay_resolved: int = 0
    attendances: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def report_for(user: Any, year: int, today: dt.date | None = None) -> list[CategoryRow]:
    """Each register of the area split by quota judge / support staff / other staff, for
    the courts the user reads the report of (counts only). Counselling is not in it."""
    court_ids = permissions.report_court_ids(user)
    rows = {value: CategoryRow(str(label)) for value, label in PersonCategory.choices}
    people = Person.objects.filter(court_id__in=court_ids, is_active=True)
    for ly in _leave_years(people, year):
        row = rows.get(ly.person.category)
        if row is None:
            continue
        row.people += 1
        if ly.unrecorded:
            row.leave_unrecorded += 1
            row.leave_taken += ly.taken
            continue
        row.leave_due += ly.entitled
        row.leave_taken += ly.taken
        row.leave_left += ly.left
    for r in (
        HealthExam.objects.filter(court_id__in=court_ids, cycle_start__year=year, completed_on__isnull=False)
        .values("person__category")
        .annotate(n=Count("id"))
    ):
        rows[r["person__category"]].exams_done = r["n"]
    for r in (
        PayIssue.objects.filter(court_id__in=court_ids, created_at__year=year)
        .values("person__category", "status")
        .annotate(n=Count("id"))
    ):
        if r["status"] == PayIssueStatus.OPEN:
            rows[r["person__category"]].pay_open = r["n"]
        else:
            rows[r["person__category"]].pay_resolved = r["n"]
    for r in (
        Activity.objects.filter(court_id__in=court_ids, starts_at__year=year)
        .values("attendances__person__category")
        .annotate(n=Count("attendances"))
    ):
        if r["attendances__person__category"] in rows:
            rows[r["attendances__person__category"]].attendances = r["n"]
    return list(rows.values())


def open_pay_count_for(user: Any) -> int:
    return PayIssue.objects.filter(
        court_id__in=permissions.pay_reader_court_ids(user), status=PayIssueStatus.OPEN
    ).count()


def upcoming_activities_for(user: Any, limit: int = 5) -> list[Activity]:
    return list(
        Activity.objects.visible_to(user)
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at", "id")[:limit]
    )


def upcoming_sessions_for(user: Any, limit: int = 5) -> list[CounsellingSession]:
    return list(
        sessions_for(user)
        .filter(status=SessionStatus.BOOKED, starts_at__gte=timezone.now())
        .order_by("starts_at", "id")[:limit]
    )
