"""The duty roster of the judicial police and the duty leader, and the alerts that go to
whoever is on duty first (A13.1, A13.4; issue 12 part 5)."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import VersionedModel
from benchguard.duty.choices import AlertStage, DutyRole
from benchguard.duty.querysets import DutyAlertQuerySet, DutyShiftQuerySet

DEFAULT_ESCALATE_AFTER_MINUTES = 10


def in_language(texts: Mapping[str, str]) -> str:
    """A text kept in every language ({"zh-hans": …, "en": …}, or {"": …} for plain
    text), in the active language."""
    if "" in texts:
        return texts[""]
    return texts.get(translation.get_language() or "", texts.get(settings.LANGUAGE_CODE, ""))


class DutySettings(VersionedModel):
    """A court's duty settings [U]: how long an alert waits for someone on duty to
    acknowledge it before every judicial police officer of the court is told."""

    court = models.OneToOneField(
        "organization.Court", verbose_name=_("court"), on_delete=models.CASCADE, related_name="duty_settings"
    )
    escalate_after_minutes = models.PositiveSmallIntegerField(
        _("minutes before an alert goes to every officer"),
        default=DEFAULT_ESCALATE_AFTER_MINUTES,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "An alert that nobody on duty has acknowledged within this time is sent to every "
            "judicial police officer of the court (and its leaders, for the duty leader's alerts)."
        ),
    )

    class Meta:
        ordering = ["court_id"]
        verbose_name = _("duty settings")
        verbose_name_plural = _("duty settings")

    def __str__(self) -> str:
        return str(self.court)


class DutyShift(VersionedModel):
    """One person on duty in a court from a time to a time, as the judicial police
    officer on duty or as the duty leader (A13.4). Removed shifts stay on record."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="duty_shifts"
    )
    person = models.ForeignKey(
        "organization.Person", verbose_name=_("person on duty"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("duty"), max_length=16, choices=DutyRole.choices)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("to"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = DutyShiftQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "starts_at", "role", "id"]
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="duty_shift_ends_after_start",
                violation_error_code="ends_before_start",
                violation_error_message=_("The shift must end after it starts."),
            )
        ]
        indexes = [
            models.Index(fields=["court", "is_active", "starts_at"], name="duty_shift_court_start_idx"),
            models.Index(fields=["person", "is_active", "starts_at"], name="duty_shift_person_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"


class DutyAlert(models.Model):
    """One occasion (a visitor on hold, a group petition, a party of a flagged case at the
    gate) told to whoever was on duty, escalated once to every officer when nobody
    acknowledged it in time. The texts are kept in each language so the escalation reads
    as the first alert did; they hold nothing the first notification did not."""

    occasion = models.CharField(_("occasion"), max_length=120, unique=True)
    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="duty_alerts"
    )
    kind = models.CharField(_("kind"), max_length=64)
    title = models.JSONField(_("title"), default=dict)
    body = models.JSONField(_("text"), default=dict)
    url = models.CharField(_("link"), max_length=300, blank=True)
    leaders = models.BooleanField(_("for the duty leader"), default=False)
    created_at = models.DateTimeField(_("raised at"))
    escalate_at = models.DateTimeField(_("escalates at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "organization.Account",
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DutyAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("duty alert")
        verbose_name_plural = _("duty alerts")
        indexes = [
            models.Index(
                fields=["escalate_at"],
                name="duty_alert_due_idx",
                condition=models.Q(acknowledged_at__isnull=True, escalated_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.occasion

    @property
    def title_text(self) -> str:
        return in_language(self.title)

    @property
    def body_text(self) -> str:
        return in_language(self.body)


class DutyAlertRecipient(models.Model):
    """Who was told of a duty alert, when, and why (on duty, everyone, escalated)."""

    alert = models.ForeignKey(
        DutyAlert, verbose_name=_("duty alert"), on_delete=models.CASCADE, related_name="recipients"
    )
    account = models.ForeignKey(
        "organization.Account", verbose_name=_("account"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("why told"), max_length=16, choices=AlertStage.choices)
    told_at = models.DateTimeField(_("told at"))

    class Meta:
        ordering = ["alert_id", "told_at", "id"]
        verbose_name = _("person told of a duty alert")
        verbose_name_plural = _("people told of duty alerts")
        constraints = [models.UniqueConstraint(fields=["alert", "account"], name="duty_alert_recipient_once")]
        indexes = [models.Index(fields=["account", "alert"], name="duty_recipient_account_idx")]

    def __str__(self) -> str:
        return f"{self.alert} → {self.account}"
