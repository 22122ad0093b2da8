"""Demo data of the wellbeing area (A22–A24), in the intermediate court:

- leave: service starts for the judge 王立明 (2012: 10 days a year), the support staff 李静
  (2021: 5 days), 马军 (2004: 15 days) and 徐丽华; three days of 王立明's annual leave
  taken this year, and sick leave of 李静;
- pay: 李静's case-handling allowance paid late (open) and 马军's overtime allowance
  paid short (resolved);
- health: regular exams this cycle (王立明 done, 李静 scheduled), 马军's recuperation as
  judicial police (a special post);
- counselling: the counselling room and a session of 王立明 with 吕佳, booked for three
  days ahead — visible to those two only;
- culture: a mental-health lecture with its attendance, a seminar and a sports event;
  the reading room's holdings.

`load_wellbeing_demo()` is idempotent (rows found by their natural keys) and writes
through the services as the personas whose work it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import at, register_demo
from benchguard.core.services import create_versioned
from benchguard.organization.models import Account, Court, Person
from benchguard.wellbeing import services
from benchguard.wellbeing.admin import SETTINGS_FIELDS
from benchguard.wellbeing.choices import (
    ActivityKind,
    ExamKind,
    HoldingKind,
    LeaveKind,
    PayKind,
    PayProblem,
    SessionStatus,
)
from benchguard.wellbeing.models import (
    Activity,
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

INTERMEDIATE = "370200"
ROOM = "心理咨询室"


def _first_weekdays(year: int, month: int, count: int) -> tuple[dt.date, dt.date]:
    """A run of `count` working days in a month (from its second Monday)."""
    from benchguard.core.deadlines import WorkingCalendar

    calendar = WorkingCalendar()
    day = dt.date(year, month, 8)
    while day.weekday() != 0:
        day += dt.timedelta(days=1)
    while not all(calendar.is_working_day(day + dt.timedelta(days=i)) for i in range(count)):
        day += dt.timedelta(days=7)
    return day, day + dt.timedelta(days=count - 1)


@register_demo("wellbeing")
@transaction.atomic
def load_wellbeing_demo() -> None:
    court = Court.objects.get(division_code=INTERMEDIATE)
    account = {
        u: Account.objects.get(username=u) for u in ("personnel", "union", "counsellor", "judge", "staff")
    }
    person = {u: Person.objects.get(account__username=u) for u in ("judge", "staff", "police", "personnel")}
    personnel = account["personnel"]
    today = timezone.localdate()
    year = today.year

    if not WellbeingSettings.objects.filter(court=court).exists():
        create_versioned(
            WellbeingSettings(court=court),
            actor=None,
            action="wellbeing.settings.create",
            fields=SETTINGS_FIELDS,
        )

    # Leave (A22)
    for key, start in (
        ("judge", dt.date(2012, 8, 1)),
        ("staff", dt.date(2021, 7, 1)),
        ("police", dt.date(2004, 9, 1)),
        ("personnel", dt.date(2016, 3, 1)),
    ):
        if not LeaveProfile.objects.filter(person=person[key]).exists():
            services.set_service_start(actor=personnel, person=person[key], service_start=start)
    if not LeaveRecord.objects.filter(person=person["judge"], starts_on__year=year).exists():
        starts, ends = _first_weekdays(year, 3, 3)
        services.record_leave(
            actor=personnel, person=person["judge"], kind=LeaveKind.ANNUAL, starts_on=starts, ends_on=ends
        )
    if not LeaveRecord.objects.filter(person=person["staff"], starts_on__year=year).exists():
        starts, ends = _first_weekdays(year, 4, 2)
        services.record_leave(
            actor=personnel,
            person=person["staff"],
            kind=LeaveKind.SICK,
            starts_on=starts,
            ends_on=ends,
            note="感冒",
        )

    # Pay problems (A22)
    if not PayIssue.objects.filter(person=person["staff"]).exists():
        services.report_pay_issue(
            actor=account["staff"],
            person=person["staff"],
            kind=PayKind.ALLOWANCE,
            problem=PayProblem.LATE,
            period=f"{year}-{max(today.month - 1, 1):02d}",
            description="上月办案补贴至今未发放。",
        )
    if not PayIssue.objects.filter(person=person["police"]).exists():
        issue = services.report_pay_issue(
            actor=account["union"],
            person=person["police"],
            kind=PayKind.ALLOWANCE,
            problem=PayProblem.SHORT,
            period=f"{year}-01",
            amount_missing=Decimal("320.00"),
            description="加班补贴少发两天。",
        )
        services.resolve_pay_issue(
            actor=personnel, issue=issue, resolution="财务已补发320元。", resolved_on=today
        )

    # Health (A23)
    if not HealthExam.objects.filter(person=person["judge"]).exists():
        exam = services.schedule_exam(
            actor=personnel,
            person=person["judge"],
            kind=ExamKind.ANNUAL,
            scheduled_on=today,
            provider="青岛市立医院",
        )
        services.complete_exam(actor=personnel, exam=exam, completed_on=today)
    if not HealthExam.objects.filter(person=person["staff"]).exists():
        services.schedule_exam(
            actor=personnel,
            person=person["staff"],
            kind=ExamKind.ANNUAL,
            scheduled_on=today + dt.timedelta(days=10),
            provider="青岛市立医院",
        )
    if not Recuperation.objects.filter(person=person["police"]).exists():
        services.record_recuperation(
            actor=personnel,
            person=person["police"],
            place="崂山职工疗养院",
            starts_on=today + dt.timedelta(days=30),
            ends_on=today + dt.timedelta(days=36),
            reason="司法警察（特殊岗位）",
        )

    # Counselling (A23): the room, and one session that only 王立明 and 吕佳 see.
    room = CounsellingRoom.objects.filter(court=court, name=ROOM).first()
    if room is None:
        room = create_versioned(
            CounsellingRoom(court=court, name=ROOM),
            actor=None,
            action="wellbeing.room.create",
            fields=["court", "name", "is_active"],
        )
    if not CounsellingSession.objects.filter(person=person["judge"], status=SessionStatus.BOOKED).exists():
        day = today + dt.timedelta(days=3)
        services.book_session(
            actor=account["counsellor"],
            person=person["judge"],
            counsellor=account["counsellor"],
            room=room,
            starts_at=at(day, 15),
            ends_at=at(day, 16),
        )

    # Culture and lectures (A23, A24)
    activities = (
        (
            ActivityKind.MENTAL_HEALTH_LECTURE,
            "法官心理压力疏导讲座",
            -7,
            "吕佳",
            ("judge", "staff", "police"),
        ),
        (ActivityKind.SEMINAR, "审判实务读书沙龙", 5, "工会", ()),
        (ActivityKind.EVENT, "全院职工气排球比赛", 12, "工会", ()),
    )
    keeper = {ActivityKind.MENTAL_HEALTH_LECTURE: account["counsellor"]}
    for kind, title, offset, speaker, attended in activities:
        activity = Activity.objects.filter(court=court, title=title).first()
        if activity is None:
            activity = services.add_activity(
                actor=keeper.get(kind, account["union"]),
                court=court,
                kind=kind,
                title=title,
                starts_at=at(today + dt.timedelta(days=offset), 15),
                place="三楼多功能厅",
                speaker=speaker,
            )
        if attended and not activity.attendances.exists():
            services.record_attendance(
                actor=keeper.get(kind, account["union"]),
                activity=activity,
                people=[person[k] for k in attended],
            )
    for holding_kind, title, author, copies in (
        (HoldingKind.BOOK, "法官职业保障制度研究", "李明", 3),
        (HoldingKind.BOOK, "压力与情绪管理", "王芳", 2),
        (HoldingKind.PERIODICAL, "人民司法", "最高人民法院", 12),
    ):
        if not Holding.objects.filter(court=court, title=title).exists():
            services.add_holding(
                actor=account["union"],
                court=court,
                kind=holding_kind,
                title=title,
                author=author,
                copies=copies,
            )
