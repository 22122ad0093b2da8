"""Platform building blocks: versioned rows, the hash-chained audit log, worker state."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.choices import AuditKind


class VersionedModel(models.Model):
    """Base of every domain row: a version number that services bump on each change.

    An edit carries the version it was based on; `core.services.update_versioned`
    refuses it when the row has moved on, so no update is ever silently lost.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")

    def delete(self):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")


class AuditEntry(models.Model):
    """One line of the court's audit trail: a change, a domain event or a look at
    restricted information (A18). Append-only; each line carries the hash of the line
    before it, so a changed or removed line breaks the chain (`benchguard verify-audit`).

    The actor is kept as id and name text, not a foreign key, so that the line
    survives the account and nothing ever has to update it.
    """

    created_at = models.DateTimeField(_("time"), db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AuditKind.choices)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    court_id = models.BigIntegerField(_("court id"), null=True, blank=True, db_index=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")


class AuditChainHead(models.Model):
    """The single row holding the newest hash and count of the audit chain.

    Appending locks this row, so lines are chained one after another even when many
    requests write at once; verification compares the chain's end with it, so cutting
    lines off the end is caught too.
    """

    last_hash = models.CharField(_("last hash"), max_length=64)
    length = models.BigIntegerField(_("length"), default=0)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.length} @ {self.last_hash[:12]}"


class PeriodicRun(models.Model):
    """A periodic job's run for one period; the unique pair makes the job run once per
    period however many workers are running."""

    job = models.CharField(_("job"), max_length=100)
    period = models.CharField(_("period"), max_length=40)
    worker = models.CharField(_("worker"), max_length=100)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)

    class Meta:
        ordering = ["-started_at", "job"]
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="periodic_run_once_per_period")]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"


class WorkerHeartbeat(models.Model):
    """When each background worker last reported in; /healthz reads it."""

    worker = models.CharField(_("worker"), max_length=100, unique=True)
    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        ordering = ["worker"]
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker
