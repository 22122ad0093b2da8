"""The one-press alarm (一键报警; A8, A9.3, A12): the places that have an alarm button,
the alarms pressed, and who was told of each."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.alarm.choices import AlarmStatus, PointKind, RecipientStage
from benchguard.alarm.querysets import AlarmPointQuerySet, AlarmQuerySet
from benchguard.core.models import VersionedModel
from benchguard.incidents.choices import Procedure
from benchguard.organization.models import CourtSettings

DEFAULT_ESCALATE_AFTER_SECONDS = 60
DEFAULT_JOIN_WITHIN_MINUTES = 10
# A second press of the same button within this time is the same alarm (a double press,
# a nervous second press), not a new one: it is counted on the first.
SAME_ALARM_SECONDS = 30


class AlarmSettings(VersionedModel, CourtSettings):
    """A court's alarm settings [U] (internal targets, not legal rules): how long an
    alarm waits for an officer to take it on before every officer, the court's leaders
    and the committee office are told; how long a new alarm from the same place joins
    the incident of the one before instead of opening another."""

    escalate_after_seconds = models.PositiveIntegerField(
        _("seconds before an alarm is escalated"),
        default=DEFAULT_ESCALATE_AFTER_SECONDS,
        validators=[MinValueValidator(10), MaxValueValidator(3600)],
        help_text=_(
            "An alarm no judicial police officer has taken on within this time is sent to every "
            "officer of the court, its leaders and the committee office."
        ),
    )
    join_within_minutes = models.PositiveSmallIntegerField(
        _("minutes within which a new alarm joins the open incident of the same place"),
        default=DEFAULT_JOIN_WITHIN_MINUTES,
        validators=[MaxValueValidator(240)],
        help_text=_("0: every alarm opens an incident of its own."),
    )

    class Meta(CourtSettings.Meta):
        verbose_name = _("alarm settings")
        verbose_name_plural = _("alarm settings")


class AlarmPoint(VersionedModel):
    """A place of the court with an alarm button: a courtroom's terminal, a reception
    room (A9.3, A12). Kept by the court's system administrator in the admin."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="alarm_points"
    )
    kind = models.CharField(_("kind of place"), max_length=20, choices=PointKind.choices)
    name = models.CharField(_("name"), max_length=100, help_text=_("As the officers know it: 第三法庭."))
    location = models.CharField(
        _("where it is"), max_length=200, blank=True, help_text=_("Building, floor: what an officer needs.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    # The hearing under way (a courtroom): set by the clerk when it starts, so that a
    # press opens a courtroom disorder of that case (A9.3) without asking anything.
    hearing_case_number = models.CharField(_("case being heard"), max_length=60, blank=True)
    hearing_procedure = models.CharField(
        _("procedure of the case being heard"), max_length=20, choices=Procedure.choices, blank=True
    )

    objects = AlarmPointQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "kind", "name", "id"]
        verbose_name = _("alarm point")
        verbose_name_plural = _("alarm points")
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="alarm_point_name_per_court")]

    def __str__(self) -> str:
        return self.name


class Alarm(VersionedModel):
    """One press of an alarm button (A8, A9.3, A12): where, who, when; the judicial
    police told, who took it on and when they arrived; the incident it opened or joined."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="alarms"
    )
    point = models.ForeignKey(
        AlarmPoint,
        verbose_name=_("alarm point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alarms",
        help_text=_("Empty: a person's own alarm (a phone)."),
    )
    place = models.CharField(_("place"), max_length=200)
    pressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pressed by"),
        on_delete=models.PROTECT,
        related_name="alarms_pressed",
    )
    person = models.ForeignKey(
        "organization.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alarms",
    )
    pressed_at = models.DateTimeField(_("pressed at"))
    presses = models.PositiveSmallIntegerField(_("presses"), default=1)
    incident = models.ForeignKey(
        "incidents.Incident", verbose_name=_("incident"), on_delete=models.PROTECT, related_name="alarms"
    )
    joined = models.BooleanField(_("joined an open incident"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=AlarmStatus.choices, default=AlarmStatus.RAISED
    )
    escalate_at = models.DateTimeField(_("escalates at"))
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("taken on at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken on by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    arrived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("arrived"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.TextField(_("outcome"), max_length=2000, blank=True)

    objects = AlarmQuerySet.as_manager()

    class Meta:
        ordering = ["-pressed_at", "-id"]
        verbose_name = _("alarm")
        verbose_name_plural = _("alarms")
        indexes = [
            models.Index(fields=["court", "status", "-pressed_at"], name="alarm_court_status"),
            models.Index(fields=["status", "escalate_at"], name="alarm_due"),
        ]

    def __str__(self) -> str:
        return f"{self.place} {timezone.localtime(self.pressed_at):%Y-%m-%d %H:%M:%S}"

    @property
    def is_open(self) -> bool:
        return self.status != AlarmStatus.CLOSED

    def _seconds_to(self, moment: Any) -> int | None:
        return None if moment is None else int((moment - self.pressed_at).total_seconds())

    @property
    def acknowledge_seconds(self) -> int | None:
        """Seconds from the press to an officer taking it on."""
        return self._seconds_to(self.acknowledged_at)

    @property
    def arrive_seconds(self) -> int | None:
        """Seconds from the press to an officer's arrival (the response time)."""
        return self._seconds_to(self.arrived_at)


class AlarmRecipient(models.Model):
    """Who was told of an alarm, when and why (append-only, written by the services)."""

    alarm = models.ForeignKey(
        Alarm, verbose_name=_("alarm"), on_delete=models.CASCADE, related_name="recipients"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("why"), max_length=20, choices=RecipientStage.choices)
    told_at = models.DateTimeField(_("told at"))

    class Meta:
        ordering = ["alarm_id", "told_at", "id"]
        verbose_name = _("alarm recipient")
        verbose_name_plural = _("alarm recipients")
        constraints = [
            models.UniqueConstraint(fields=["alarm", "account"], name="alarm_recipient_once"),
        ]
        indexes = [models.Index(fields=["account", "alarm"], name="alarm_recipient_account")]

    def __str__(self) -> str:
        return f"{self.alarm_id} → {self.account_id}"

    @property
    def audit_court_id(self) -> int:
        return self.alarm.court_id
