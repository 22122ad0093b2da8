"""Safety training and emergency drills (A11): the court's courses and their sessions,
who attended, the drills held on the emergency plans (A13.4) with who took part, what
was found and what follows; and each court's setting of how long training counts."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import VersionedModel
from benchguard.organization.models import CourtSettings
from benchguard.training.choices import CourseKind, FollowUpStatus
from benchguard.training.querysets import CourseQuerySet, DrillQuerySet, SessionQuerySet

USER = settings.AUTH_USER_MODEL


class TrainingSettings(CourtSettings):
    """How long a safety training counts at a court (A11): someone whose last session is
    older is on the list of people to train. No rule fixes the period: an internal target
    of the court, 12 months by default."""

    period_months = models.PositiveSmallIntegerField(
        _("training counts for (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Internal target of the court, not a legal rule."),
    )

    class Meta(CourtSettings.Meta):
        verbose_name = _("training settings")
        verbose_name_plural = _("training settings")


class Course(VersionedModel):
    """A course the court runs (A11: risk early-warning and prevention, security)."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=CourseKind.choices)
    description = models.TextField(_("what it teaches"), blank=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["court", "title", "id"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.UniqueConstraint(fields=["court", "title"], name="training_course_title_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Session(VersionedModel):
    """One session of a course: when, where, who taught it; who attended (`Attendance`)."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("where"), max_length=100)
    trainer = models.CharField(_("taught by"), max_length=100)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(40)],
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["course", "held_on"], name="training_session_course_idx")]

    def __str__(self) -> str:
        return f"{self.course} · {self.held_on:%Y-%m-%d}"

    @property
    def audit_court_id(self) -> int:
        return self.course.court_id


class Attendance(models.Model):
    """A person attended a session (A11). Written once; the person's training counts
    from the session's day."""

    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("session")
    )
    person = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="training_attendance_once"),
        ]
        indexes = [models.Index(fields=["person", "session"], name="training_attendance_person_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.session_id}"

    @property
    def audit_court_id(self) -> int:
        return self.session.course.court_id


class Drill(VersionedModel):
    """An emergency drill (A11), on one of the court's emergency plans (A13.4) when it
    exercises one: the scenario, who took part, what was found; follow-ups below."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    plan = models.ForeignKey(
        "incidents.EmergencyPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drills",
        verbose_name=_("emergency plan exercised"),
    )
    held_on = models.DateField(_("held on"))
    scenario = models.TextField(_("scenario"))
    findings = models.TextField(_("what was found"), blank=True)
    participants = models.ManyToManyField(
        "organization.Person", related_name="+", blank=True, verbose_name=_("who took part")
    )

    objects = DrillQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} · {self.scenario[:30]}"


class DrillFollowUp(VersionedModel):
    """Something a drill showed must be done: who does it, by when; closed with what was
    done."""

    drill = models.ForeignKey(
        Drill, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("drill")
    )
    action = models.CharField(_("what must be done"), max_length=200)
    owner = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("who does it")
    )
    due_on = models.DateField(_("by"))
    status = models.CharField(
        _("status"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    done_note = models.TextField(_("what was done"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["drill", "due_on", "id"]
        verbose_name = _("drill follow-up")
        verbose_name_plural = _("drill follow-ups")

    def __str__(self) -> str:
        return self.action

    @property
    def audit_court_id(self) -> int:
        return self.drill.court_id
