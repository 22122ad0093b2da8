"""After-hours protection (A12.3): requests to the judicial police detachment to protect
a judge at evident risk outside working hours, and the log of what was done.

The tables are the ones the incident register created (`incidents_protectionrequest`,
`incidents_protectionrequest_officers`, `incidents_protectionlogentry`): the models moved
to this app with their rows (migrations: after_hours 0001 and incidents 0005 change only
Django's record of which app holds them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.after_hours.choices import ProtectionStatus
from benchguard.after_hours.querysets import ProtectionRequestQuerySet
from benchguard.core.models import VersionedModel

USER = settings.AUTH_USER_MODEL


class ProtectionRequest(VersionedModel):
    """A request to the judicial police detachment to protect a judge at evident risk
    outside working hours (A12.3): the risk, where and when; the police decide, assign
    officers and log what was done. Linked to the incident that caused it, if any."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    judge = models.ForeignKey(
        "organization.Person",
        on_delete=models.PROTECT,
        related_name="protection_requests",
        verbose_name=_("protected judge"),
    )
    requested_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    risk = models.TextField(_("the risk"))
    place = models.CharField(_("where"), max_length=200)
    starts_at = models.DateTimeField(_("protection from"))
    ends_at = models.DateTimeField(_("protection until"))
    incident = models.ForeignKey(
        "incidents.Incident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protection_requests",
        verbose_name=_("incident"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProtectionStatus.choices, default=ProtectionStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    officers = models.ManyToManyField(
        "organization.Person",
        related_name="+",
        blank=True,
        verbose_name=_("officers assigned"),
        db_table="incidents_protectionrequest_officers",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completion_note = models.TextField(_("how it ended"), blank=True)

    objects = ProtectionRequestQuerySet.as_manager()

    class Meta:
        db_table = "incidents_protectionrequest"
        ordering = ["-starts_at", "-id"]
        verbose_name = _("request for after-hours protection")
        verbose_name_plural = _("requests for after-hours protection")
        indexes = [
            models.Index(fields=["court", "status"], name="protection_court_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="protection_ends_after_starts"
            ),
            models.CheckConstraint(
                condition=Q(status=ProtectionStatus.REQUESTED) | Q(decided_at__isnull=False),
                name="protection_decided_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProtectionStatus.DECLINED) | ~Q(decision_note=""),
                name="protection_declined_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(
                _("The protection must end after it starts."), code="ends_before_starts"
            )
        if self.judge_id and self.court_id and self.judge.court_id != self.court_id:
            errors["judge"] = ValidationError(_("The judge must belong to this court."), code="other_court")
        if self.incident is not None and self.court_id and self.incident.court_id != self.court_id:
            errors["incident"] = ValidationError(
                _("The incident belongs to another court."), code="other_court"
            )
        if errors:
            raise ValidationError(errors)


class ProtectionLogEntry(models.Model):
    """What the judicial police did for an approved protection (A12.3), and when."""

    request = models.ForeignKey(
        ProtectionRequest, on_delete=models.CASCADE, related_name="log", verbose_name=_("protection")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    what_was_done = models.TextField(_("what was done"))

    class Meta:
        db_table = "incidents_protectionlogentry"
        ordering = ["at", "id"]
        verbose_name = _("protection log entry")
        verbose_name_plural = _("protection log entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} · {self.what_was_done[:40]}"

    @property
    def audit_court_id(self) -> int:
        return self.request.court_id
