"""Leave and pay (A22), health and confidential counselling (A23), culture (A24): the
measures that look after a judge and, by reference, support and other staff (A28).

Every row belongs to a court (or hangs off a row that does) and, where it is about a
person, names them: the registers split by the person's category (quota judge, support
staff, other staff; A2, A28). Counselling sessions are confidential: see permissions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from benchguard.core.crypto import EncryptedTextField
from benchguard.core.models import VersionedModel
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.wellbeing import querysets as qs
from benchguard.wellbeing.choices import (
    ActivityKind,
    ExamKind,
    HoldingKind,
    LeaveKind,
    PayIssueStatus,
    PayKind,
    PayProblem,
    SessionStatus,
)

# Defaults of the settings [U] (the regulation's figures where it gives them).
DEFAULT_REMINDER_MONTH = 10
DEFAULT_EXAM_CYCLE_MONTHS = 12
# 《职工带薪年休假条例》 art. 4: personal leave of 20 days or more (pay not deducted); sick
# leave of 2, 3 or 4 months or more by years of service (1–<10, 10–<20, ≥20).
DEFAULT_PERSONAL_LEAVE_DAYS = 20
DEFAULT_SICK_LEAVE_DAYS = (60, 90, 120)


class WellbeingSettings(VersionedModel):
    """A court's settings for leave and health [U]: the month by which the personnel
    office expects everyone to have taken their annual leave, the exam cycle, and the
    exclusions of the paid-leave regulation (art. 4) as the court applies them (A22, A23)."""

    court = models.OneToOneField(
        "organization.Court",
        verbose_name=_("court"),
        on_delete=models.CASCADE,
        related_name="wellbeing_settings",
    )
    reminder_month = models.PositiveSmallIntegerField(
        _("month by which leave should be taken"),
        default=DEFAULT_REMINDER_MONTH,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("From this month on, the personnel office's list shows who has leave left this year."),
    )
    exam_cycle_months = models.PositiveSmallIntegerField(
        _("months between regular physical exams"),
        default=DEFAULT_EXAM_CYCLE_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    exclude_longer_vacation = models.BooleanField(
        _("no annual leave when winter or summer vacation is longer"),
        default=True,
        help_text=_("Art. 4 (1): vacation days taken that year exceed the annual leave due."),
    )
    personal_leave_days = models.PositiveSmallIntegerField(
        _("personal leave days that exclude annual leave"),
        default=DEFAULT_PERSONAL_LEAVE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("Art. 4 (2): personal leave without deduction of pay of this many working days or more."),
    )
    sick_leave_days_under_10 = models.PositiveSmallIntegerField(
        _("sick leave days that exclude annual leave (1 to 10 years of service)"),
        default=DEFAULT_SICK_LEAVE_DAYS[0],
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    sick_leave_days_under_20 = models.PositiveSmallIntegerField(
        _("sick leave days that exclude annual leave (10 to 20 years of service)"),
        default=DEFAULT_SICK_LEAVE_DAYS[1],
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    sick_leave_days_over_20 = models.PositiveSmallIntegerField(
        _("sick leave days that exclude annual leave (20 years of service or more)"),
        default=DEFAULT_SICK_LEAVE_DAYS[2],
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )

    class Meta:
        ordering = ["court_id"]
        verbose_name = _("leave and health settings")
        verbose_name_plural = _("leave and health settings")

    def __str__(self) -> str:
        return str(self.court)


class LeaveProfile(VersionedModel):
    """When a person's cumulative service began (参加工作时间, every employer counted),
    from which their annual leave is worked out (A22)."""

    person = models.OneToOneField(
        "organization.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="leave_profile",
    )
    service_start = models.DateField(_("cumulative service since"), validators=[HAPPENED])
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = qs.LeaveProfileQuerySet.as_manager()

    class Meta:
        ordering = ["person_id"]
        verbose_name = _("leave profile")
        verbose_name_plural = _("leave profiles")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def audit_court_id(self) -> int:
        return self.person.court_id


class LeaveRecord(VersionedModel):
    """Leave a person took: annual, sick, personal or vacation, from a day to a day,
    counted in working days (weekends and statutory holidays not counted, core.deadlines)
    and calendar days (A22). Within one year; a record entered in error is cancelled."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "organization.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="leave_records",
    )
    kind = models.CharField(_("kind of leave"), max_length=12, choices=LeaveKind.choices)
    starts_on = models.DateField(_("from"), validators=[PLANNED])
    ends_on = models.DateField(_("to"), validators=[PLANNED])
    workdays = models.PositiveSmallIntegerField(_("working days"))
    calendar_days = models.PositiveSmallIntegerField(_("calendar days"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = qs.LeaveRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("leave record")
        verbose_name_plural = _("leave records")
        indexes = [models.Index(fields=["court", "starts_on"], name="wellbeing_leave_court_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="wellbeing_leave_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {self.starts_on}"


class PayIssue(VersionedModel):
    """Wages, an allowance or a bonus paid late, short or not at all, reported and
    tracked to its resolution (A22)."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "organization.Person", verbose_name=_("person concerned"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("what was paid"), max_length=12, choices=PayKind.choices)
    problem = models.CharField(_("problem"), max_length=12, choices=PayProblem.choices)
    period = models.CharField(_("for the period"), max_length=40, help_text=_("e.g. 2026-10"))
    amount_missing = models.DecimalField(
        _("amount missing (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    description = models.TextField(_("what happened"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=PayIssueStatus.choices, default=PayIssueStatus.OPEN
    )
    resolution = models.TextField(_("what was done"), blank=True, max_length=2000)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True, validators=[HAPPENED])
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = qs.PayIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pay problem")
        verbose_name_plural = _("pay problems")
        indexes = [models.Index(fields=["court", "status"], name="wellbeing_pay_court_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_on__isnull=False),
                name="wellbeing_pay_resolved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {self.period}"


class HealthExam(VersionedModel):
    """A person's physical exam in a cycle (regular, default once a year, a setting), or
    a special exam, and when it was done (A23). Results are not kept here."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "organization.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("kind of exam"), max_length=12, choices=ExamKind.choices, default=ExamKind.ANNUAL
    )
    cycle_start = models.DateField(_("cycle beginning"))
    scheduled_on = models.DateField(_("scheduled on"), null=True, blank=True, validators=[PLANNED])
    completed_on = models.DateField(_("completed on"), null=True, blank=True, validators=[HAPPENED])
    provider = models.CharField(_("where"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = qs.HealthExamQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle_start", "person_id", "id"]
        verbose_name = _("physical exam")
        verbose_name_plural = _("physical exams")
        indexes = [models.Index(fields=["court", "cycle_start"], name="wellbeing_exam_court_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "cycle_start"],
                condition=Q(kind="annual"),
                name="wellbeing_exam_one_regular_per_cycle",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {self.cycle_start}"


class Recuperation(VersionedModel):
    """Recuperation leave (疗养) granted to a person in a special post (A23)."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "organization.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("where"), max_length=100)
    starts_on = models.DateField(_("from"), validators=[PLANNED])
    ends_on = models.DateField(_("to"), validators=[PLANNED])
    reason = models.CharField(_("special post"), max_length=200)

    objects = qs.RecuperationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("recuperation")
        verbose_name_plural = _("recuperations")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="wellbeing_recuperation_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.starts_on}"


class CounsellingRoom(VersionedModel):
    """A court's counselling room, booked for sessions without double booking (A23)."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=60)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = qs.CounsellingRoomQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "name", "id"]
        verbose_name = _("counselling room")
        verbose_name_plural = _("counselling rooms")
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="wellbeing_room_name_unique")]

    def __str__(self) -> str:
        return self.name


class CounsellingSession(VersionedModel):
    """A confidential mental-health counselling session (A23). Its content and even the
    fact that it exists are visible to its counsellor and the person only (permissions,
    querysets, audit_rules): no list, export, admin page or notification shows it to
    anyone else; others see counts."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "organization.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("counsellor"), on_delete=models.PROTECT, related_name="+"
    )
    room = models.ForeignKey(
        CounsellingRoom, verbose_name=_("room"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.BOOKED
    )
    notes = EncryptedTextField(_("counsellor's notes"), blank=True)

    objects = qs.CounsellingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        indexes = [models.Index(fields=["room", "starts_at"], name="wellbeing_session_room_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="wellbeing_session_ends_after"
            ),
        ]

    def __str__(self) -> str:
        # No name: the audit trail's object column must not tell whose session it is.
        return f"#{self.pk}"

    @property
    def duration(self) -> dt.timedelta:
        return self.ends_at - self.starts_at


class Activity(VersionedModel):
    """A cultural event, seminar or forum (A24), or a health or mental-health lecture
    (A23), with its attendance."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    speaker = models.CharField(_("speaker or organiser"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)

    objects = qs.ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["court", "-starts_at"], name="wellbeing_activity_court_idx")]

    def __str__(self) -> str:
        return self.title


class Attendance(VersionedModel):
    """A person who attended an activity (A23, A24)."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="attendances"
    )
    person = models.ForeignKey(
        "organization.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["activity_id", "person_id", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="wellbeing_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} · {self.person}"

    @property
    def audit_court_id(self) -> int:
        return self.activity.court_id


class Holding(VersionedModel):
    """A book, periodical or digital resource of the court's reading room (A24)."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=HoldingKind.choices, default=HoldingKind.BOOK)
    title = models.CharField(_("title"), max_length=200)
    author = models.CharField(_("author"), max_length=100, blank=True)
    copies = models.PositiveSmallIntegerField(
        _("copies"), default=1, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True, validators=[HAPPENED])
    is_active = models.BooleanField(_("on the shelves"), default=True)

    objects = qs.HoldingQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "title", "id"]
        verbose_name = _("reading-room holding")
        verbose_name_plural = _("reading-room holdings")
        indexes = [models.Index(fields=["court", "is_active", "title"], name="wellbeing_holding_court_idx")]

    def __str__(self) -> str:
        return self.title
