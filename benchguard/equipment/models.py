"""Equipment issued to judges and the recordings of duty they make (A10.1, A10.2).

A device (a recording office phone, a body-worn recorder) belongs to one court and is
identified there by its serial number; it is issued to one person at a time and
returned, and its faults and repairs are kept. A recording is kept with the SHA-256 of
its bytes, taken while it was stored: a later check that finds other bytes reports it
as tampered. A recording's file is never replaced: a corrected file is a new version,
a new row pointing at the one it follows (`previous`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import VersionedModel
from benchguard.equipment.choices import (
    DeviceKind,
    DeviceState,
    FaultStatus,
    Integrity,
    RecordingKind,
    ReturnCondition,
)
from benchguard.equipment.querysets import DeviceQuerySet, IssueQuerySet, RecordingQuerySet

USER = settings.AUTH_USER_MODEL


class Device(VersionedModel):
    """A recording device of the court's equipment office: a recording office phone, a
    body-worn recorder or a voice recorder (A10.1), identified by its serial number."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of device"), max_length=20, choices=DeviceKind.choices)
    serial = models.CharField(_("serial number"), max_length=60)
    model_name = models.CharField(_("make and model"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=DeviceState.choices, default=DeviceState.IN_STORE
    )

    objects = DeviceQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "kind", "serial", "id"]
        verbose_name = _("recording device")
        verbose_name_plural = _("recording devices")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "serial"], name="equipment_device_serial_unique_in_court"
            )
        ]
        indexes = [models.Index(fields=["court", "state", "kind"], name="equipment_device_court_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.serial}"


class DeviceIssue(VersionedModel):
    """One issue of a device to a person (A10.1): who holds it since when, by when it is
    to come back, and — once returned — when, to whom and in what state."""

    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.PROTECT, related_name="issues"
    )
    holder = models.ForeignKey(
        "organization.Person", verbose_name=_("issued to"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        USER, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    due_back_on = models.DateField(_("to be returned by"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_to = models.ForeignKey(
        USER, verbose_name=_("received by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_condition = models.CharField(
        _("state on return"), max_length=10, choices=ReturnCondition.choices, blank=True
    )
    return_note = models.TextField(_("note on return"), blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "id"]
        verbose_name = _("issue of a device")
        verbose_name_plural = _("issues of devices")
        constraints = [
            models.UniqueConstraint(
                fields=["device"], condition=Q(returned_at__isnull=True), name="equipment_one_open_issue"
            ),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | ~Q(return_condition=""),
                name="equipment_returned_has_condition",
            ),
        ]
        indexes = [
            models.Index(fields=["holder", "returned_at"], name="equipment_issue_holder_idx"),
            models.Index(fields=["returned_at", "due_back_on"], name="equipment_issue_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.device} · {self.holder}"

    @property
    def audit_court_id(self) -> int:
        return self.device.court_id

    @property
    def overdue(self) -> bool:
        return (
            self.returned_at is None
            and self.due_back_on is not None
            and self.due_back_on < timezone.localdate()
        )


class DeviceFault(VersionedModel):
    """A fault of a device and its repair (A10.1): reported, sent for repair, repaired
    or found beyond repair."""

    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.PROTECT, related_name="faults"
    )
    description = models.TextField(_("what is wrong"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reported_by = models.ForeignKey(
        USER, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FaultStatus.choices, default=FaultStatus.REPORTED
    )
    repair_note = models.TextField(_("repair"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "id"]
        verbose_name = _("fault of a device")
        verbose_name_plural = _("faults of devices")
        indexes = [models.Index(fields=["device", "status"], name="equipment_fault_device_idx")]

    def __str__(self) -> str:
        return f"{self.device} · {self.get_status_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.device.court_id


class ReplacedRecordingError(ValueError):
    """Someone tried to change a stored recording's file, hash or size in place."""


# The facts of a stored file: fixed once the row exists.
IMMUTABLE = ("file", "original_name", "size", "content_type", "sha256", "previous", "court", "uploaded_at")


def _stored_value(value: Any) -> Any:
    return value.name if hasattr(value, "name") and hasattr(value, "storage") else value


def recording_path(instance: Recording, filename: str) -> str:
    """Where a recording is stored: by court and month, under a name the service chose."""
    moment = instance.uploaded_at or timezone.now()
    return f"recordings/{instance.court_id}/{moment:%Y/%m}/{filename}"


class Recording(VersionedModel):
    """A recording of duty or field enforcement (A10.2), kept as evidence: who uploaded
    it, when, from which device, the SHA-256 of its bytes, what each later check found,
    and until when it is kept. Its file is never replaced: a new version is a new row
    (`previous`), and each row keeps its own file and hash."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("what it records"), max_length=20, choices=RecordingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    person = models.ForeignKey(
        "organization.Person",
        verbose_name=_("whose duty"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The judge or officer whose duty or enforcement trip was recorded."),
    )
    device = models.ForeignKey(
        Device,
        verbose_name=_("recorded with"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recordings",
    )
    file = models.FileField(_("file"), upload_to=recording_path, max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        USER, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("version it follows"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    version_number = models.PositiveSmallIntegerField(_("version of the file"), default=1)
    # Set when a later version is added (services.add_version): lists read it without a
    # look-up of the versions per row.
    superseded = models.BooleanField(_("superseded by a later version"), default=False)
    integrity = models.CharField(
        _("integrity"), max_length=12, choices=Integrity.choices, default=Integrity.UNCHECKED
    )
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    retain_until = models.DateField(_("kept until"))
    purged_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)

    objects = RecordingQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="equipment_recording_sha256"
            ),
            models.CheckConstraint(
                condition=Q(previous__isnull=True, version_number=1)
                | Q(previous__isnull=False, version_number__gt=1),
                name="equipment_recording_version_chain",
            ),
        ]
        indexes = [
            models.Index(fields=["court", "-uploaded_at"], name="equipment_rec_court_idx"),
            models.Index(fields=["court", "integrity"], name="equipment_rec_integrity_idx"),
            models.Index(fields=["purged_at", "retain_until"], name="equipment_rec_retention_idx"),
            models.Index(fields=["last_checked_at"], name="equipment_rec_checked_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A stored recording's file and its facts are never replaced (A10.2): a
        corrected file is a new version, a new row (services.add_version)."""
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            guarded = [name for name in IMMUTABLE if fields is None or name in fields]
            if guarded:
                columns = [self._meta.get_field(name).attname for name in guarded]  # type: ignore[union-attr]
                stored = type(self).objects.filter(pk=self.pk).values(*columns).first()
                now = {column: _stored_value(getattr(self, column)) for column in columns}
                if stored is not None and any(stored[column] != now[column] for column in columns):
                    raise ReplacedRecordingError(
                        _("A recording's file is never replaced: add a new version.")
                    )
        super().save(*args, **kwargs)


class RecordingCheck(models.Model):
    """One re-check of a recording's stored bytes against the SHA-256 taken at upload
    (A10.2): scheduled or asked for, by whom, and what it found. Append-only."""

    recording = models.ForeignKey(
        Recording, verbose_name=_("recording"), on_delete=models.PROTECT, related_name="checks"
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    checked_by = models.ForeignKey(
        USER,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the scheduled check ran."),
    )
    result = models.CharField(_("result"), max_length=12, choices=Integrity.choices)
    sha256_found = models.CharField(_("SHA-256 found"), max_length=64, blank=True)

    class Meta:
        ordering = ["checked_at", "id"]
        verbose_name = _("check of a recording")
        verbose_name_plural = _("checks of recordings")
        indexes = [models.Index(fields=["recording", "checked_at"], name="equipment_check_rec_idx")]

    def __str__(self) -> str:
        return f"{self.recording} · {self.get_result_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.recording.court_id


class RecordingLink(models.Model):
    """A recording kept as evidence of an incident, a courtroom sanction or a committee
    matter (A10.2), or of a record of another area by content type (the interference
    register: `target_type`/`target_id`, see `equipment.holds`). While the linked
    record is open the recording is on legal hold and outlives its retention."""

    recording = models.ForeignKey(
        Recording, verbose_name=_("recording"), on_delete=models.PROTECT, related_name="links"
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sanction = models.ForeignKey(
        "incidents.Sanction",
        verbose_name=_("courtroom sanction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    linked_by = models.ForeignKey(
        USER, verbose_name=_("linked by"), on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        ordering = ["linked_at", "id"]
        verbose_name = _("recording kept with a record")
        verbose_name_plural = _("recordings kept with records")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        incident__isnull=False,
                        sanction__isnull=True,
                        matter__isnull=True,
                        target_type__isnull=True,
                    )
                    | Q(
                        incident__isnull=True,
                        sanction__isnull=False,
                        matter__isnull=True,
                        target_type__isnull=True,
                    )
                    | Q(
                        incident__isnull=True,
                        sanction__isnull=True,
                        matter__isnull=False,
                        target_type__isnull=True,
                    )
                    | Q(
                        incident__isnull=True,
                        sanction__isnull=True,
                        matter__isnull=True,
                        target_type__isnull=False,
                        target_id__isnull=False,
                    )
                ),
                name="equipment_link_one_target",
            ),
            models.UniqueConstraint(fields=["recording", "incident"], name="equipment_link_incident_once"),
            models.UniqueConstraint(fields=["recording", "sanction"], name="equipment_link_sanction_once"),
            models.UniqueConstraint(fields=["recording", "matter"], name="equipment_link_matter_once"),
            models.UniqueConstraint(
                fields=["recording", "target_type", "target_id"], name="equipment_link_target_once"
            ),
        ]
        indexes = [
            models.Index(fields=["incident"], name="equipment_link_incident_idx"),
            models.Index(fields=["matter"], name="equipment_link_matter_idx"),
            models.Index(fields=["target_type", "target_id"], name="equipment_link_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recording} → {self.target_label}"

    @property
    def target_label(self) -> str:
        if self.incident_id:
            return str(self.incident)
        if self.sanction_id:
            return str(self.sanction)
        if self.matter_id:
            return str(self.matter)
        return f"{self.target_type} #{self.target_id}"

    @property
    def audit_court_id(self) -> int:
        return self.recording.court_id
