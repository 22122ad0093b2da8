"""City-scale leave, pay, exam and culture rows for the benchmark (`benchguard
seed-scale`): every person gets a service start and, this year, one or two short
periods of annual leave; one in twenty a pay problem; four in five a regular exam of
this cycle (most done); each court a dozen activities with some attendance and a
reading room of fifty holdings. No counselling sessions: nothing would list them to
anyone but their two parties. Inserted as plain rows (organization.scale.insert_rows)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from benchguard.core.deadlines import CalendarNotSeeded, WorkingCalendar
from benchguard.organization.scale import (
    ScaleContext,
    insert_rows,
    next_ids,
    register_generator,
    reset_sequences,
)
from benchguard.wellbeing.choices import (
    ActivityKind,
    ExamKind,
    HoldingKind,
    LeaveKind,
    PayIssueStatus,
    PayKind,
    PayProblem,
)
from benchguard.wellbeing.models import (
    Activity,
    Attendance,
    HealthExam,
    Holding,
    LeaveProfile,
    LeaveRecord,
    PayIssue,
)


@register_generator("wellbeing")
def generate_wellbeing(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    accounts_by_court, fallback = ctx.accounts_by_court()
    if not ctx.people or fallback is None:
        return {"leave_records": 0}
    now = timezone.now()
    today = timezone.localdate()
    calendar = WorkingCalendar()
    taken = set(LeaveProfile.objects.values_list("person_id", flat=True))
    profiles, leave, pay, exams = [], [], [], []
    for person in ctx.people:
        recorder = rng.choice(accounts_by_court.get(person.court_id) or [fallback])
        if person.pk not in taken:
            start = dt.date(rng.randrange(1988, today.year), rng.randrange(1, 13), 1)
            profiles.append((person.pk, start, now, now))
        for _n in range(rng.randrange(0, 3)):
            day = dt.date(today.year, 1, 1) + dt.timedelta(
                days=rng.randrange(0, min(today.timetuple().tm_yday, 330))
            )
            try:
                working = calendar.is_working_day(day)
            except CalendarNotSeeded:  # a benchmark database without the holiday table
                working = day.weekday() < 5
            if not working:
                continue
            leave.append((person.court_id, person.pk, LeaveKind.ANNUAL, day, day, 1, 1, recorder, now, now))
        if rng.random() < 0.05:
            resolved = rng.random() < 0.6
            pay.append(
                (
                    person.court_id, person.pk, rng.choice(PayKind.values), rng.choice(PayProblem.values),
                    f"{today.year}-{rng.randrange(1, today.month + 1):02d}", "（规模测试数据）补贴迟发。",
                    PayIssueStatus.RESOLVED if resolved else PayIssueStatus.OPEN,
                    "已补发。" if resolved else "", today if resolved else None, recorder, now, now,
                )
            )  # fmt: skip
        if rng.random() < 0.8:
            done = today - dt.timedelta(days=rng.randrange(0, 60)) if rng.random() < 0.7 else None
            exams.append(
                (person.court_id, person.pk, ExamKind.ANNUAL, dt.date(today.year, 1, 1), done, done, now, now)
            )
    insert_rows(LeaveProfile, ("person_id", "service_start", "created_at", "updated_at"), profiles)
    insert_rows(
        LeaveRecord,
        ("court_id", "person_id", "kind", "starts_on", "ends_on", "workdays", "calendar_days",
         "recorded_by_id", "created_at", "updated_at"),
        leave,
    )  # fmt: skip
    insert_rows(
        PayIssue,
        ("court_id", "person_id", "kind", "problem", "period", "description", "status", "resolution",
         "resolved_on", "reported_by_id", "created_at", "updated_at"),
        pay,
    )  # fmt: skip
    existing = set(HealthExam.objects.filter(kind=ExamKind.ANNUAL).values_list("person_id", "cycle_start"))
    exams = [row for row in exams if (row[1], row[3]) not in existing]
    insert_rows(
        HealthExam,
        (
            "court_id",
            "person_id",
            "kind",
            "cycle_start",
            "scheduled_on",
            "completed_on",
            "created_at",
            "updated_at",
        ),
        exams,
    )
    people_by_court: dict[int, list[int]] = {}
    for person in ctx.people:
        people_by_court.setdefault(person.court_id, []).append(person.pk)
    activities, attendance, holdings = [], [], []
    activity_ids = iter(next_ids(Activity, 12 * len(ctx.courts)))
    for court in ctx.courts:
        members = people_by_court.get(court.pk, [])
        for n in range(12):
            pk = next(activity_ids)
            kind = rng.choice(ActivityKind.values)
            starts = now - dt.timedelta(days=rng.randrange(0, 300))
            activities.append((pk, court.pk, kind, f"（规模测试）活动{n + 1}", starts, now, now))
            for person_id in rng.sample(members, min(len(members), rng.randrange(0, 30))):
                attendance.append((pk, person_id, now, now))
        for n in range(50):
            holdings.append(
                (
                    court.pk,
                    rng.choice(HoldingKind.values),
                    f"（规模测试）图书{n + 1}",
                    rng.randrange(1, 5),
                    now,
                    now,
                )
            )
    insert_rows(
        Activity, ("id", "court_id", "kind", "title", "starts_at", "created_at", "updated_at"), activities
    )
    insert_rows(Attendance, ("activity_id", "person_id", "created_at", "updated_at"), attendance)
    insert_rows(Holding, ("court_id", "kind", "title", "copies", "created_at", "updated_at"), holdings)
    reset_sequences(Activity)
    return {
        "leave_profiles": len(profiles),
        "leave_records": len(leave),
        "pay_issues": len(pay),
        "exams": len(exams),
        "activities": len(activities),
        "attendances": len(attendance),
        "holdings": len(holdings),
    }
