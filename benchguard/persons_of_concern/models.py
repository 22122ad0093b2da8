"""Persons of concern, their names, documents and phones, the city-wide controlled list
and the departments' logs (A15)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.crypto import BlindIndexField, EncryptedTextField
from benchguard.core.documents import DocumentType, mask_document
from benchguard.core.models import VersionedModel
from benchguard.persons_of_concern.choices import (
    EntryStatus,
    ListLevel,
    NameKind,
    ObjectionBy,
    ObjectionDecision,
    Sex,
)
from benchguard.persons_of_concern.querysets import (
    ControlledListEntryQuerySet,
    DepartmentLogQuerySet,
    PersonOfConcernQuerySet,
)

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def validate_photo(file: object) -> None:
    """A JPEG or PNG of at most 2 MB, checked by its first bytes, not only its name."""
    size = getattr(file, "size", 0) or 0
    if size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo may be at most 2 MB."), code="size")
    head = b""
    if getattr(file, "_committed", False):
        return  # a photo already stored was checked when it was uploaded
    if hasattr(file, "open") and hasattr(file, "read"):
        file.open()
        head = file.read(8)
        file.seek(0)  # type: ignore[attr-defined]
    if not any(head.startswith(sig) for sig in PHOTO_SIGNATURES):
        raise ValidationError(_("The photo must be a JPEG or PNG image."), code="type")


class PersonOfConcern(VersionedModel):
    """A person whose conduct towards judges or the courts calls for attention, kept
    city-wide (A15). `court` is the court that recorded the person."""

    name = models.CharField(_("name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to="persons_of_concern/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png"]), validate_photo],
    )
    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by court")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = PersonOfConcernQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("person of concern")
        verbose_name_plural = _("persons of concern")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("The birth date cannot be in the future.")})


class PersonName(VersionedModel):
    """One name a person of concern is known by: the name itself, an alias or a former
    name (A15). Its search keys live in NameKey."""

    person = models.ForeignKey(
        PersonOfConcern, on_delete=models.PROTECT, related_name="names", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NameKind.choices)
    name = models.CharField(_("name"), max_length=50)
    simplified = models.CharField(_("simplified form"), max_length=50, editable=False)

    class Meta:
        ordering = ["person", "kind", "id"]
        verbose_name = _("name of a person of concern")
        verbose_name_plural = _("names of persons of concern")
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="poc_name_unique_per_person"),
        ]

    def __str__(self) -> str:
        return self.name


class NameKey(models.Model):
    """A precomputed search key of a PersonName (derived, rebuilt by the services):
    ``s:<simplified>``, ``p:<pinyin of one reading>``, ``i:<initials>``."""

    person = models.ForeignKey(PersonOfConcern, on_delete=models.CASCADE, related_name="+")
    name = models.ForeignKey(PersonName, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(_("key"), max_length=120)

    class Meta:
        ordering = ["id"]
        verbose_name = _("name search key")
        verbose_name_plural = _("name search keys")
        indexes = [models.Index(fields=["key", "person"], name="poc_namekey_key_idx")]

    def __str__(self) -> str:
        return self.key


class IdentityDocument(VersionedModel):
    """An identity document of a person of concern: kind, encrypted number and its blind
    index, so an exact look-up never decrypts anything (A15, A18)."""

    person = models.ForeignKey(
        PersonOfConcern, on_delete=models.PROTECT, related_name="documents", verbose_name=_("person")
    )
    kind = models.CharField(_("document type"), max_length=32, choices=DocumentType.choices)
    number = EncryptedTextField(_("document number"))
    number_index = BlindIndexField(_("number index"), source="number", purpose="poc-document-{kind}")

    class Meta:
        ordering = ["person", "kind", "id"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "number_index"], name="poc_document_unique_per_kind"),
        ]
        indexes = [models.Index(fields=["number_index"], name="poc_document_index_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.masked}"

    @property
    def masked(self) -> str:
        return mask_document(self.number)


class PhoneNumber(VersionedModel):
    """A phone number of a person of concern, encrypted, with a blind index (A15)."""

    person = models.ForeignKey(
        PersonOfConcern, on_delete=models.PROTECT, related_name="phones", verbose_name=_("person")
    )
    number = EncryptedTextField(_("phone number"))
    number_index = BlindIndexField(_("number index"), source="number", purpose="poc-phone", db_index=True)

    class Meta:
        ordering = ["person", "id"]
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        constraints = [
            models.UniqueConstraint(fields=["person", "number_index"], name="poc_phone_unique_per_person"),
        ]

    def __str__(self) -> str:
        return mask_document(self.number)

    @property
    def masked(self) -> str:
        return mask_document(self.number)


class ControlledListEntry(VersionedModel):
    """A person's place on the city-wide controlled list (A15): the legal basis, level,
    who proposed and who approved it, when it is reviewed and when it expires. Only an
    approved, not removed, not expired entry is active and matches at the gate; the
    others stay as history."""

    person = models.ForeignKey(
        PersonOfConcern, on_delete=models.PROTECT, related_name="entries", verbose_name=_("person")
    )
    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("proposing court")
    )
    legal_basis = models.TextField(_("legal basis"))
    level = models.CharField(_("level"), max_length=16, choices=ListLevel.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    review_date = models.DateField(_("review date"))
    expires_on = models.DateField(_("expires on"))
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("removed by"),
    )
    removal_reason = models.TextField(_("reason for removal"), blank=True)

    objects = ControlledListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("controlled list entry")
        verbose_name_plural = _("controlled list")
        indexes = [models.Index(fields=["person", "expires_on"], name="poc_entry_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("proposed_by")),
                name="poc_entry_four_eyes",
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | ~Q(removal_reason=""),
                name="poc_entry_removal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(review_date__lte=F("expires_on")), name="poc_entry_review_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_level_display()}"

    def status_on(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.removed_at is not None:
            return EntryStatus.REMOVED
        if self.approved_at is None:
            return EntryStatus.PROPOSED
        if self.expires_on < today:
            return EntryStatus.EXPIRED
        return EntryStatus.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return str(EntryStatus(self.status).label)

    @property
    def incidents(self) -> Any:
        """The incidents the entry cites (through its citations)."""
        from django.apps import apps

        return apps.get_model("incidents", "Incident").objects.filter(list_citations__entry=self)

    def clean(self) -> None:
        if self.review_date and self.expires_on and self.review_date > self.expires_on:
            raise ValidationError({"review_date": _("The review date must not be after the expiry date.")})


class DepartmentLog(VersionedModel):
    """A line of a division's log of persons of concern and events (日志备查, A15):
    what happened, when, and with what outcome."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    department = models.ForeignKey(
        "organization.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    person = models.ForeignKey(
        PersonOfConcern,
        on_delete=models.PROTECT,
        related_name="logs",
        null=True,
        blank=True,
        verbose_name=_("person of concern"),
    )
    event_date = models.DateField(_("event date"))
    what_happened = models.TextField(_("what happened"))
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = DepartmentLogQuerySet.as_manager()

    class Meta:
        ordering = ["-event_date", "-id"]
        verbose_name = _("department log entry")
        verbose_name_plural = _("department logs")
        indexes = [models.Index(fields=["court", "department", "event_date"], name="poc_log_court_idx")]

    def __str__(self) -> str:
        return f"{self.event_date} {self.what_happened[:30]}"

    def clean(self) -> None:
        if self.event_date and self.event_date > timezone.localdate():
            raise ValidationError({"event_date": _("The event date cannot be in the future.")})
        if self.department_id and self.court_id and self.department.court_id != self.court_id:
            raise ValidationError({"department": _("The department belongs to another court.")})


class EntryCitation(VersionedModel):
    """What a list entry rests on (A15): one incident of the register or one line of a
    department's log, with its outcome. Every entry cites at least one (the services
    refuse a proposal without)."""

    entry = models.ForeignKey(
        ControlledListEntry, on_delete=models.PROTECT, related_name="citations", verbose_name=_("entry")
    )
    # Incidents are closed, never deleted; CASCADE only lets a test that empties the
    # register (incidents' tests/cleanup.py, run before ours) do so, as the former
    # many-to-many link did.
    incident = models.ForeignKey(
        "incidents.Incident",
        on_delete=models.CASCADE,
        related_name="list_citations",
        null=True,
        blank=True,
        verbose_name=_("incident"),
    )
    log = models.ForeignKey(
        DepartmentLog,
        on_delete=models.PROTECT,
        related_name="citations",
        null=True,
        blank=True,
        verbose_name=_("department log entry"),
    )
    outcome = models.TextField(_("outcome"))

    class Meta:
        ordering = ["entry", "id"]
        verbose_name = _("citation of a list entry")
        verbose_name_plural = _("citations of list entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(incident__isnull=True, log__isnull=False)
                | Q(incident__isnull=False, log__isnull=True),
                name="poc_citation_one_source",
            ),
            models.CheckConstraint(condition=~Q(outcome=""), name="poc_citation_has_outcome"),
            models.UniqueConstraint(
                fields=["entry", "incident"],
                condition=Q(incident__isnull=False),
                name="poc_citation_incident_once",
            ),
            models.UniqueConstraint(
                fields=["entry", "log"], condition=Q(log__isnull=False), name="poc_citation_log_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident or self.log} · {self.outcome[:30]}"

    @property
    def audit_court_id(self) -> int:
        return self.entry.court_id


class EntryCorrection(VersionedModel):
    """A correction of a list entry's facts (A15): which facts changed, from what to
    what, why, and who corrected them. The entry itself is versioned and its change is
    in the audit log too; this row keeps the old values on the entry's page."""

    entry = models.ForeignKey(
        ControlledListEntry, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("entry")
    )
    changes = models.JSONField(_("changes"), default=dict)
    reason = models.TextField(_("reason for the correction"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("corrected by")
    )

    class Meta:
        ordering = ["entry", "created_at", "id"]
        verbose_name = _("correction of a list entry")
        verbose_name_plural = _("corrections of list entries")
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="poc_correction_has_reason")]

    def __str__(self) -> str:
        return f"{self.entry_id} · {self.created_at:%Y-%m-%d}"

    @property
    def audit_court_id(self) -> int:
        return self.entry.court_id


class EntryObjection(VersionedModel):
    """An objection to a list entry by the listed person or their lawyer, recorded by
    staff (A15): when it came, what it says, and the decision of the proposing court's
    office or leaders with its reason."""

    entry = models.ForeignKey(
        ControlledListEntry, on_delete=models.PROTECT, related_name="objections", verbose_name=_("entry")
    )
    received_on = models.DateField(_("received on"))
    raised_by = models.CharField(_("raised by"), max_length=16, choices=ObjectionBy.choices)
    content = models.TextField(_("content of the objection"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    decision = models.CharField(_("decision"), max_length=20, choices=ObjectionDecision.choices, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["entry", "received_on", "id"]
        verbose_name = _("objection to a list entry")
        verbose_name_plural = _("objections to list entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | (~Q(decision_reason="") & Q(decided_by__isnull=False)),
                name="poc_objection_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} · {self.received_on}"

    @property
    def audit_court_id(self) -> int:
        return self.entry.court_id

    @property
    def is_open(self) -> bool:
        return not self.decision
