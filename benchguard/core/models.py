"""Platform building blocks: versioned rows, the hash-chained audit log, worker state."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from benchguard.core.choices import AuditKind, CalendarDayKind, CalendarSource, OnceKind


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


class BilingualLabel(models.Model):
    """A label a court's administrator writes, in Chinese and in English: the pages show
    the one of the reader's language (the English falls back to the Chinese)."""

    label = models.CharField(_("label (Chinese)"), max_length=40)
    label_en = models.CharField(_("label (English)"), max_length=60, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        if translation.get_language() == "en" and self.label_en:
            return self.label_en
        return self.label


class AttachmentBase(models.Model):
    """A file kept with a record (a matter's evidence, an incident's photo), with its
    SHA-256, which proves it was not changed. A concrete attachment adds the foreign key
    to its record; `core.uploads.attach` is the one way to add one."""

    file = models.FileField(_("file"))
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


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


class KeyRotationProgress(models.Model):
    """How far `benchguard rotate-keys` got through one model's rows for one rotation
    (named by a fingerprint of the target keys, never the keys): a killed run continues
    after `last_pk`; a finished model is skipped."""

    rotation = models.CharField(_("rotation"), max_length=32)
    model = models.CharField(_("model"), max_length=100)
    last_pk = models.BigIntegerField(_("last row done"), default=0)
    rows = models.BigIntegerField(_("rows done"), default=0)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["rotation", "model"]
        verbose_name = _("key rotation progress")
        verbose_name_plural = _("key rotation progress")
        constraints = [
            models.UniqueConstraint(fields=["rotation", "model"], name="key_rotation_once_per_model")
        ]

    def __str__(self) -> str:
        return f"{self.rotation} {self.model}"


class OnceSubmission(models.Model):
    """One use of a one-time key: the token a form page carries, or an API client's
    `Idempotency-Key` (issue 9). The first POST claims the row; a repeat — a double
    click, back-and-resubmit, a client's retry — finds it and gets the first POST's
    result instead of a second application, incident or visit (`core.once`)."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=OnceKind.choices)
    key = models.CharField(_("key"), max_length=128)
    path = models.CharField(_("path"), max_length=500)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64, blank=True)
    request_id = models.CharField(_("request id"), max_length=64)
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    location = models.CharField(_("result page"), max_length=2000, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    response_type = models.CharField(_("response type"), max_length=100, blank=True)
    response_body = models.TextField(_("response body"), blank=True)

    class Meta:
        ordering = ["-claimed_at", "-id"]
        verbose_name = _("one-time submission")
        verbose_name_plural = _("one-time submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "kind", "key"], name="once_submission_key_once_per_account"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.path}"


class CalendarDay(VersionedModel):
    """One exception to the normal working week in the court's calendar (A26.4).

    Time limits end on the first working day when their last day is a statutory holiday
    or rest day (see `core.deadlines`). Only exceptions are stored: a weekday that is a
    holiday (元旦, 春节, 国庆节 …, including the weekdays given off by 调休) and a weekend
    day that is a make-up workday (调休上班). Seeded from the State Council's published
    schedule (`seed_calendar`); the city administrator may correct it, and such rows
    are never overwritten by seeding.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True, help_text=_("For example 春节."))
    source = models.CharField(
        _("source"), max_length=16, choices=CalendarSource.choices, default=CalendarSource.ADMINISTRATOR
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("holiday and make-up workday table")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CalendarDayKind.values), name="calendar_day_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=CalendarSource.values), name="calendar_day_source_valid"
            ),
        ]

    def __str__(self) -> str:
        label = self.name or self.get_kind_display()
        return f"{self.date.isoformat()} {label}"


class CalendarYear(VersionedModel):
    """Whether a year's holiday table is the State Council's confirmed schedule (A26.4).

    The State Council publishes each year's holidays and make-up workdays, usually in
    November of the year before. Until then a year holds the statutory holidays worked
    out from the law (`core.deadlines`, "Provisional years") and is *provisional*: due
    dates falling in it may still move. A year without a confirmed row is provisional;
    a year without any row was never seeded, and no time limit can be counted into it.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    confirmed = models.BooleanField(
        _("confirmed"),
        default=False,
        help_text=_("Tick only when the State Council's schedule for this year has been entered in full."),
    )
    source = models.CharField(_("source"), max_length=120, blank=True)
    confirmed_by = models.CharField(_("confirmed by"), max_length=150, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self) -> str:
        state = _("confirmed") if self.confirmed else _("provisional")
        return f"{self.year} ({state})"
