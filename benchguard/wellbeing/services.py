"""Every change to the leave, pay, health, counselling and culture registers (A22–A24).

Leave entitlement follows 《职工带薪年休假条例》 art. 3: after a full year of cumulative
service and under 10 years, 5 days; from 10 to under 20 years, 10 days; 20 years or more,
15 days; under a year, none. Years of service are the full years completed by the end of
the leave year (the personnel office's usual reading: whoever reaches 10 years during
2026 has 10 days for 2026). Days of leave are counted in working days: weekends and
statutory holidays do not count (core.deadlines' calendar). The exclusions of art. 4
(a longer winter or summer vacation, long personal or sick leave in the year) are the
court's settings (WellbeingSettings)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from benchguard.core import audit
from benchguard.core.deadlines import ONE_DAY, WorkingCalendar
from benchguard.core.exports import Column, workbook
from benchguard.core.services import create_versioned, lock, require_status, save_versioned
from benchguard.core.types import Actor
from benchguard.organization.models import Account, Court, Person
from benchguard.organization.types import signed_in
from benchguard.wellbeing import permissions
from benchguard.wellbeing.choices import ExamKind, LeaveKind, PayIssueStatus, SessionStatus
from benchguard.wellbeing.models import (
    Activity,
    Attendance,
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

if TYPE_CHECKING:
    from benchguard.wellbeing.selectors import CategoryRow  # selectors reads this module

# --- Leave entitlement (A22) ---------------------------------------------------------


def entitlement_for_years(years: int) -> int:
    """Days of paid annual leave for `years` full years of cumulative service (art. 3)."""
    if years < 1:
        return 0
    if years < 10:
        return 5
    if years < 20:
        return 10
    return 15


def years_of_service(start: dt.date, on: dt.date) -> int:
    """Full years from `start` to `on` (a year is completed on its anniversary; 29
    February counts from 28 February in other years)."""
    years = on.year - start.year
    anniversary = (start.month, min(start.day, 28) if start.month == 2 and start.day == 29 else start.day)
    if (on.month, on.day) < anniversary:
        years -= 1
    return max(years, 0)


def settings_for(court_id: int) -> WellbeingSettings:
    """The court's settings, or the defaults when it has none stored."""
    stored = WellbeingSettings.objects.filter(court_id=court_id).first()
    return stored if stored is not None else WellbeingSettings(court_id=court_id)


@dataclass(frozen=True)
class LeaveYear:
    """A person's annual leave for a year: due, taken and left, and why none is due."""

    person: Person
    year: int
    years_of_service: int | None  # None: no service start recorded
    base_days: int
    excluded: str  # the art. 4 exclusion that applies, translated, or ""
    entitled: int
    taken: int
    left: int

    @property
    def unrecorded(self) -> bool:
        """No service start is recorded: what is due cannot be worked out. Such a person
        is flagged (未登记), never counted as owed nothing."""
        return self.years_of_service is None

    @property
    def outstanding(self) -> bool:
        """On the personnel office's list: days left, or a service start to record."""
        return self.left > 0 or self.unrecorded


def leave_year(
    person: Person,
    year: int,
    *,
    service_start: dt.date | None,
    settings: WellbeingSettings,
    workdays: Mapping[str, int],
    calendar_days: Mapping[str, int],
) -> LeaveYear:
    """Work out a person's leave for `year` from their service start and the days of each
    kind of leave they took that year (`workdays`, `calendar_days` by LeaveKind)."""
    taken = workdays.get(LeaveKind.ANNUAL, 0)
    if service_start is None:
        return LeaveYear(person, year, None, 0, "", 0, taken, 0)
    years = years_of_service(service_start, dt.date(year, 12, 31))
    base = entitlement_for_years(years)
    excluded = ""
    sick_limit = (
        settings.sick_leave_days_under_10
        if years < 10
        else settings.sick_leave_days_under_20
        if years < 20
        else settings.sick_leave_days_over_20
    )
    if base and settings.exclude_longer_vacation and workdays.get(LeaveKind.VACATION, 0) > base:
        excluded = str(_("Winter or summer vacation longer than the annual leave (art. 4 (1))"))
    elif base and workdays.get(LeaveKind.PERSONAL, 0) >= settings.personal_leave_days:
        excluded = str(_("Personal leave of %(days)s working days or more (art. 4 (2))")) % {
            "days": settings.personal_leave_days
        }
    elif base and calendar_days.get(LeaveKind.SICK, 0) >= sick_limit:
        excluded = str(_("Sick leave of %(days)s days or more (art. 4 (3)–(5))")) % {"days": sick_limit}
    entitled = 0 if excluded else base
    return LeaveYear(person, year, years, base, excluded, entitled, taken, max(entitled - taken, 0))


def leave_year_of(person: Person, year: int) -> LeaveYear:
    """One person's leave for `year`, read from the database."""
    profile = LeaveProfile.objects.filter(person=person).first()
    workdays: dict[str, int] = {}
    calendar: dict[str, int] = {}
    for record in LeaveRecord.objects.counted().filter(person=person, starts_on__year=year):
        workdays[record.kind] = workdays.get(record.kind, 0) + record.workdays
        calendar[record.kind] = calendar.get(record.kind, 0) + record.calendar_days
    return leave_year(
        person,
        year,
        service_start=profile.service_start if profile else None,
        settings=settings_for(person.court_id),
        workdays=workdays,
        calendar_days=calendar,
    )


def count_days(starts_on: dt.date, ends_on: dt.date) -> tuple[int, int]:
    """(working days, calendar days) from `starts_on` to `ends_on`, both counted:
    weekends and statutory holidays are not working days (core.deadlines)."""
    calendar = WorkingCalendar()
    workdays = 0
    day = starts_on
    while day <= ends_on:
        if calendar.is_working_day(day):
            workdays += 1
        day += ONE_DAY
    return workdays, (ends_on - starts_on).days + 1


PROFILE_FIELDS = ["person", "service_start", "note"]


@transaction.atomic
def set_service_start(
    *, actor: Actor, person: Person, service_start: dt.date, note: str = ""
) -> LeaveProfile:
    """Record or correct when a person's cumulative service began (A22)."""
    if not permissions.can_keep_leave(actor, person.court_id):
        raise PermissionDenied
    profile = LeaveProfile.objects.select_for_update().filter(person=person).first()
    if profile is None:
        return create_versioned(
            LeaveProfile(person=person, service_start=service_start, note=note),
            actor=actor,
            action="wellbeing.leave_profile.create",
            fields=PROFILE_FIELDS,
        )
    before = audit.snapshot(profile, ["service_start", "note"])
    profile.service_start, profile.note = service_start, note
    return save_versioned(
        profile,
        actor=actor,
        action="wellbeing.leave_profile.update",
        fields=["service_start", "note"],
        before=before,
    )


LEAVE_FIELDS = ["court", "person", "kind", "starts_on", "ends_on", "workdays", "calendar_days", "note"]


def _refuse(field: str | None, message: Any, code: str) -> ValidationError:
    return ValidationError(
        {field: ValidationError(message, code=code)} if field else ValidationError(message, code=code)
    )


@transaction.atomic
def record_leave(
    *, actor: Actor, person: Person, kind: str, starts_on: dt.date, ends_on: dt.date, note: str = ""
) -> LeaveRecord:
    """Record leave a person takes or took (A22). Annual leave is counted in working
    days and may not exceed what is left of the year's entitlement; leave may not overlap
    other leave of the person and stays within one year."""
    if not permissions.can_keep_leave(actor, person.court_id):
        raise PermissionDenied
    if ends_on < starts_on:
        raise _refuse("ends_on", _("The leave cannot end before it begins."), "order")
    if ends_on.year != starts_on.year:
        raise _refuse(
            "ends_on", _("Record leave across the new year as two records, one for each year."), "year"
        )
    lock(person)  # one record at a time per person: the days left are checked against the stored ones
    overlapping = LeaveRecord.objects.counted().filter(
        person=person, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if overlapping.exists():
        raise _refuse(
            "starts_on", _("This person already has leave recorded on some of these days."), "overlap"
        )
    workdays, calendar_days = count_days(starts_on, ends_on)
    if kind == LeaveKind.ANNUAL:
        if workdays == 0:
            raise _refuse(
                "ends_on", _("There is no working day in this period: no annual leave is used."), "empty"
            )
        year = leave_year_of(person, starts_on.year)
        if year.years_of_service is None:
            raise _refuse("person", _("Record when this person's service began first."), "no_profile")
        if workdays > year.left:
            raise _refuse(
                "ends_on",
                _("This is %(days)s working days; %(left)s days of annual leave are left for %(year)s.")
                % {"days": workdays, "left": year.left, "year": year.year},
                "too_many",
            )
    record = LeaveRecord(
        court_id=person.court_id,
        person=person,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        workdays=workdays,
        calendar_days=calendar_days,
        note=note,
        recorded_by=signed_in(actor),
    )
    return create_versioned(record, actor=actor, action="wellbeing.leave.record", fields=LEAVE_FIELDS)


@transaction.atomic
def cancel_leave(*, actor: Actor, record: LeaveRecord, expected_version: int | None = None) -> LeaveRecord:
    """Cancel leave recorded in error or not taken; it stays on record (A22)."""
    if not permissions.can_keep_leave(actor, record.court_id):
        raise PermissionDenied
    record = lock(record, expected_version)
    if record.is_cancelled:
        raise _refuse(None, _("This leave has already been cancelled."), "cancelled")
    before = audit.snapshot(record, ["is_cancelled"])
    record.is_cancelled = True
    return save_versioned(
        record, actor=actor, action="wellbeing.leave.cancel", fields=["is_cancelled"], before=before
    )


def _years_cell(row: LeaveYear) -> int | str:
    if row.years_of_service is None:
        return str(pgettext("service start", "Not recorded"))
    return row.years_of_service


def export_leave(*, actor: Actor, rows: Iterable[LeaveYear], year: int) -> bytes:
    """The leave list of a year as a workbook for the personnel office (A22), logged."""
    if not permissions.can_read_leave(actor):
        raise PermissionDenied
    rows = list(rows)
    content = workbook(
        title=_("Annual leave %(year)s") % {"year": year},
        columns=[
            Column(_("Name"), lambda r: r.person.name),
            Column(_("Category"), lambda r: r.person.get_category_display()),
            Column(_("Department"), lambda r: str(r.person.department or "")),
            Column(_("Years of service"), _years_cell),
            Column(_("Days due"), lambda r: None if r.unrecorded else r.entitled),
            Column(_("Days taken"), lambda r: r.taken),
            Column(_("Days left"), lambda r: None if r.unrecorded else r.left),
            Column(_("Exclusion"), lambda r: r.excluded),
        ],
        rows=rows,
    )
    audit.record_event(actor=actor, action="wellbeing.leave.export", obj=None, year=year, rows=len(rows))
    return content


# --- Pay problems (A22) ----------------------------------------------------------------

PAY_FIELDS = ["court", "person", "kind", "problem", "period", "amount_missing", "description", "status"]


# The month a payment was due for, or a run of months: 2026-10, 2026-08 至 2026-10.
_PERIOD = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*(?:(?:至|到|~|～|–|—|-)\s*(\d{4})-(\d{1,2}))?\s*$")
EARLIEST_PAY_YEAR = 1990


def normalised_pay_period(period: str, today: dt.date | None = None) -> str:
    """The period a pay problem is about, checked and written one way ("2026-08" or
    "2026-08 至 2026-10"): real months, from 1990 up to the current month (a payment not
    yet due cannot be late), the first not after the last."""
    today = today or timezone.localdate()
    # A Chinese keyboard may give full-width digits and dashes (２０２６－１０).
    match = _PERIOD.match(unicodedata.normalize("NFKC", period or ""))
    refusal = _("Give the month as 2026-10, or a run of months as 2026-08 至 2026-10.")
    if not match:
        raise _refuse("period", refusal, "invalid")
    months = []
    for year, month in ((match[1], match[2]), (match[3], match[4])):
        if year is None:
            continue
        y, m = int(year), int(month)
        if not 1 <= m <= 12:
            raise _refuse("period", refusal, "invalid")
        if y < EARLIEST_PAY_YEAR or (y, m) > (today.year, today.month):
            raise _refuse(
                "period",
                _("The period must lie between %(earliest)s-01 and this month, %(now)s.")
                % {"earliest": EARLIEST_PAY_YEAR, "now": f"{today.year}-{today.month:02d}"},
                "out_of_range",
            )
        months.append((y, m))
    if len(months) == 2 and months[0] > months[1]:
        raise _refuse("period", _("The first month of the period comes after its last."), "order")
    text = [f"{y}-{m:02d}" for y, m in months]
    return text[0] if len(text) == 1 or text[0] == text[1] else f"{text[0]} 至 {text[1]}"


@transaction.atomic
def report_pay_issue(
    *,
    actor: Actor,
    person: Person,
    kind: str,
    problem: str,
    period: str,
    description: str,
    amount_missing: Decimal | None = None,
) -> PayIssue:
    """Report wages, an allowance or a bonus paid late, short or not at all (A22)."""
    if not permissions.can_report_pay_for(actor, person):
        raise PermissionDenied
    period = normalised_pay_period(period)
    issue = PayIssue(
        court_id=person.court_id,
        person=person,
        kind=kind,
        problem=problem,
        period=period.strip(),
        amount_missing=amount_missing,
        description=description,
        reported_by=signed_in(actor),
    )
    return create_versioned(issue, actor=actor, action="wellbeing.pay_issue.report", fields=PAY_FIELDS)


@transaction.atomic
def resolve_pay_issue(
    *,
    actor: Actor,
    issue: PayIssue,
    resolution: str,
    resolved_on: dt.date,
    expected_version: int | None = None,
) -> PayIssue:
    """Close a pay problem with what was done and when (A22)."""
    if not permissions.can_resolve_pay(actor, issue):
        raise PermissionDenied
    issue = lock(issue, expected_version)
    require_status(issue, PayIssueStatus.OPEN)
    if not resolution.strip():
        raise _refuse("resolution", _("Say what was done."), "required")
    before = audit.snapshot(issue, ["status", "resolution", "resolved_on"])
    issue.status, issue.resolution, issue.resolved_on = PayIssueStatus.RESOLVED, resolution, resolved_on
    return save_versioned(
        issue,
        actor=actor,
        action="wellbeing.pay_issue.resolve",
        fields=["status", "resolution", "resolved_on"],
        before=before,
    )


# --- Health (A23) ----------------------------------------------------------------------


def cycle_start(day: dt.date, months: int) -> dt.date:
    """The first day of the exam cycle of `months` months that holds `day` (cycles are
    counted from January 2000, so a 12-month cycle is the calendar year)."""
    index = ((day.year - 2000) * 12 + day.month - 1) // months * months
    return dt.date(2000 + index // 12, index % 12 + 1, 1)


EXAM_FIELDS = ["court", "person", "kind", "cycle_start", "scheduled_on", "provider", "note"]


@transaction.atomic
def schedule_exam(
    *,
    actor: Actor,
    person: Person,
    kind: str = ExamKind.ANNUAL,
    scheduled_on: dt.date | None = None,
    provider: str = "",
    note: str = "",
) -> HealthExam:
    """Plan a person's physical exam in the cycle of its date (A23); one regular exam a
    cycle."""
    if not permissions.can_keep_health(actor, person.court_id):
        raise PermissionDenied
    start = cycle_start(scheduled_on or timezone.localdate(), settings_for(person.court_id).exam_cycle_months)
    if (
        kind == ExamKind.ANNUAL
        and HealthExam.objects.filter(person=person, kind=kind, cycle_start=start).exists()
    ):
        raise _refuse("person", _("This person already has a regular exam in this cycle."), "duplicate")
    exam = HealthExam(
        court_id=person.court_id,
        person=person,
        kind=kind,
        cycle_start=start,
        scheduled_on=scheduled_on,
        provider=provider,
        note=note,
    )
    return create_versioned(exam, actor=actor, action="wellbeing.exam.schedule", fields=EXAM_FIELDS)


@transaction.atomic
def complete_exam(
    *, actor: Actor, exam: HealthExam, completed_on: dt.date, expected_version: int | None = None
) -> HealthExam:
    """Record that the exam was done (A23)."""
    if not permissions.can_keep_health(actor, exam.court_id):
        raise PermissionDenied
    exam = lock(exam, expected_version)
    if exam.completed_on is not None:
        raise _refuse(None, _("This exam has already been recorded as done."), "done")
    before = audit.snapshot(exam, ["completed_on"])
    exam.completed_on = completed_on
    return save_versioned(
        exam, actor=actor, action="wellbeing.exam.complete", fields=["completed_on"], before=before
    )


@transaction.atomic
def record_recuperation(
    *, actor: Actor, person: Person, place: str, starts_on: dt.date, ends_on: dt.date, reason: str
) -> Recuperation:
    """Record recuperation granted to a person in a special post (A23)."""
    if not permissions.can_keep_health(actor, person.court_id):
        raise PermissionDenied
    if ends_on < starts_on:
        raise _refuse("ends_on", _("The recuperation cannot end before it begins."), "order")
    row = Recuperation(
        court_id=person.court_id,
        person=person,
        place=place,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
    )
    return create_versioned(
        row,
        actor=actor,
        action="wellbeing.recuperation.record",
        fields=["court", "person", "place", "starts_on", "ends_on", "reason"],
    )


# --- Counselling (A23): confidential --------------------------------------------------

SESSION_FIELDS = ["court", "person", "counsellor", "room", "starts_at", "ends_at", "status"]
BUSY = (SessionStatus.BOOKED, SessionStatus.HELD)


@transaction.atomic
def book_session(
    *,
    actor: Actor,
    person: Person,
    counsellor: Account,
    room: CounsellingRoom,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
) -> CounsellingSession:
    """Book a confidential counselling session in the court's counselling room (A23):
    the person books their own, a counsellor of the court books for its people. The room
    and the counsellor are never booked twice at once (the room's row is locked while
    the booking is checked)."""
    if not permissions.can_book_for(actor, person):
        raise PermissionDenied
    if not permissions.is_counsellor(counsellor, person.court_id):
        raise _refuse("counsellor", _("Choose a counsellor of this person's court."), "not_counsellor")
    if person.account_id is not None and person.account_id == counsellor.pk:
        raise _refuse(
            "counsellor", _("A counsellor cannot counsel themselves: choose another counsellor."), "self"
        )
    if ends_at <= starts_at:
        raise _refuse("ends_at", _("The session must end after it begins."), "order")
    if ends_at - starts_at > dt.timedelta(hours=4):
        raise _refuse("ends_at", _("A session lasts at most four hours."), "too_long")
    if starts_at < timezone.now():
        raise _refuse("starts_at", _("A session is booked for a time to come."), "past")
    room = lock(room)
    if room.court_id != person.court_id or not room.is_active:
        raise _refuse("room", _("Choose a room of this person's court that is in use."), "other_court")
    busy = CounsellingSession.objects.filter(status__in=BUSY, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if busy.filter(room=room).exists():
        raise _refuse(
            "starts_at", _("The room is already booked at that time; choose another time."), "room_taken"
        )
    if busy.filter(counsellor=counsellor).exists():
        raise _refuse(
            "starts_at", _("The counsellor already has a session at that time."), "counsellor_taken"
        )
    session = CounsellingSession(
        court_id=person.court_id,
        person=person,
        counsellor=counsellor,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    return create_versioned(session, actor=actor, action="wellbeing.session.book", fields=SESSION_FIELDS)


def open_session(*, actor: Actor, session: CounsellingSession) -> CounsellingSession:
    """The session with its notes, for its counsellor or its person only; the look is
    logged (the line withheld from every reader of the trail, audit_rules.py)."""
    if not permissions.is_party_to(actor, session):
        raise PermissionDenied
    audit.record_access(actor=actor, action="wellbeing.session.open", obj=session)
    return session


@transaction.atomic
def record_session(
    *, actor: Actor, session: CounsellingSession, notes: str, expected_version: int | None = None
) -> CounsellingSession:
    """The counsellor records the session as held, with their notes (A23). The notes
    never enter the audit trail."""
    if not permissions.can_write_notes(actor, session):
        raise PermissionDenied
    session = lock(session, expected_version)
    require_status(session, SessionStatus.BOOKED, SessionStatus.HELD)
    before = audit.snapshot(session, ["status", "notes"], redact=["notes"])
    session.status, session.notes = SessionStatus.HELD, notes
    return save_versioned(
        session,
        actor=actor,
        action="wellbeing.session.record",
        fields=["status", "notes"],
        before=before,
        redact=["notes"],
    )


@transaction.atomic
def cancel_session(
    *, actor: Actor, session: CounsellingSession, expected_version: int | None = None
) -> CounsellingSession:
    """The counsellor or the person cancels a booked session (A23)."""
    if not permissions.is_party_to(actor, session):
        raise PermissionDenied
    session = lock(session, expected_version)
    require_status(session, SessionStatus.BOOKED)
    before = audit.snapshot(session, ["status"])
    session.status = SessionStatus.CANCELLED
    return save_versioned(
        session, actor=actor, action="wellbeing.session.cancel", fields=["status"], before=before
    )


# --- Culture and lectures (A23, A24) ----------------------------------------------------

ACTIVITY_FIELDS = ["court", "kind", "title", "starts_at", "place", "speaker", "description"]


@transaction.atomic
def add_activity(
    *,
    actor: Actor,
    court: Court,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    place: str = "",
    speaker: str = "",
    description: str = "",
) -> Activity:
    """Announce an event, seminar or lecture of the court (A23, A24)."""
    if not permissions.can_keep_culture(actor, court.pk):
        raise PermissionDenied
    activity = Activity(
        court=court,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        place=place,
        speaker=speaker,
        description=description,
    )
    return create_versioned(activity, actor=actor, action="wellbeing.activity.add", fields=ACTIVITY_FIELDS)


@transaction.atomic
def record_attendance(*, actor: Actor, activity: Activity, people: Iterable[Person]) -> list[Attendance]:
    """Record who attended (A23, A24); people already recorded are skipped."""
    if not permissions.can_keep_culture(actor, activity.court_id):
        raise PermissionDenied
    activity = lock(activity)
    chosen = list(people)
    if not chosen:
        raise _refuse("people", _("Choose who attended."), "required")
    if any(p.court_id != activity.court_id for p in chosen):
        raise _refuse("people", _("Choose people of the activity's court."), "other_court")
    already = set(Attendance.objects.filter(activity=activity).values_list("person_id", flat=True))
    return [
        create_versioned(
            Attendance(activity=activity, person=p),
            actor=actor,
            action="wellbeing.attendance.record",
            fields=["activity", "person"],
        )
        for p in chosen
        if p.pk not in already
    ]


HOLDING_FIELDS = ["court", "kind", "title", "author", "copies", "acquired_on"]


@transaction.atomic
def add_holding(
    *,
    actor: Actor,
    court: Court,
    kind: str,
    title: str,
    author: str = "",
    copies: int = 1,
    acquired_on: dt.date | None = None,
) -> Holding:
    """Add a book, periodical or digital resource to the reading room (A24)."""
    if not permissions.can_keep_culture(actor, court.pk):
        raise PermissionDenied
    holding = Holding(
        court=court, kind=kind, title=title.strip(), author=author, copies=copies, acquired_on=acquired_on
    )
    return create_versioned(holding, actor=actor, action="wellbeing.holding.add", fields=HOLDING_FIELDS)


@transaction.atomic
def withdraw_holding(*, actor: Actor, holding: Holding, expected_version: int | None = None) -> Holding:
    """Take a holding off the shelves; it stays on record (A24)."""
    if not permissions.can_keep_culture(actor, holding.court_id):
        raise PermissionDenied
    holding = lock(holding, expected_version)
    if not holding.is_active:
        raise _refuse(None, _("This holding has already been withdrawn."), "withdrawn")
    before = audit.snapshot(holding, ["is_active"])
    holding.is_active = False
    return save_versioned(
        holding, actor=actor, action="wellbeing.holding.withdraw", fields=["is_active"], before=before
    )


# --- Report by category (A2, A28) --------------------------------------------------------


def export_report(*, actor: Actor, rows: Iterable[CategoryRow], year: int) -> bytes:
    """The report by category of a year as a workbook: counts only, logged."""
    if not permissions.can_read_report(actor):
        raise PermissionDenied
    rows = list(rows)
    content = workbook(
        title=_("Report by category %(year)s") % {"year": year},
        columns=[
            Column(_("Category"), lambda r: r.label),
            Column(_("People"), lambda r: r.people),
            Column(_("Leave days due"), lambda r: r.leave_due),
            Column(_("Leave days taken"), lambda r: r.leave_taken),
            Column(_("Leave days left"), lambda r: r.leave_left),
            Column(_("Service start not recorded"), lambda r: r.leave_unrecorded),
            Column(_("Exams done"), lambda r: r.exams_done),
            Column(_("Pay problems open"), lambda r: r.pay_open),
            Column(_("Pay problems resolved"), lambda r: r.pay_resolved),
            Column(_("Attendances"), lambda r: r.attendances),
        ],
        rows=rows,
    )
    audit.record_event(actor=actor, action="wellbeing.report.export", obj=None, year=year)
    return content
