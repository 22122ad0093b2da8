"""The security gate (A12): posts, visits with their ID deposit and screening, the
day-end closing, and the checkpoint's shift log with held or seized items."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benchguard.core.crypto import BlindIndexField, EncryptedTextField, blind_index
from benchguard.core.documents import DocumentType, mask_document
from benchguard.core.models import VersionedModel
from benchguard.gate.choices import (
    CheckDecision,
    ConfirmedVia,
    CredentialKind,
    DayEndOutcome,
    Disposition,
    HitOutcome,
    HoldDecision,
    ItemCategory,
    PassageKind,
    PostKind,
    RefusalReason,
    ReturnedHow,
    Shift,
    VisitStatus,
)
from benchguard.gate.querysets import (
    CheckpointShiftQuerySet,
    EntryRefusalQuerySet,
    HeldItemQuerySet,
    IdDepositQuerySet,
    PassageEntryQuerySet,
    PostQuerySet,
    VisitQuerySet,
)
from benchguard.organization.models import CourtSettings

USER = settings.AUTH_USER_MODEL


def document_index(kind: str, normalised: str) -> str:
    """The blind index of a visitor's document: equal numbers of one type match, and
    nothing can be read back from it."""
    return blind_index(normalised, purpose=f"gate-document-{kind}")


class Post(VersionedModel):
    """A gatehouse (visitors) or security checkpoint (everyone) of a court."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=16, choices=PostKind.choices)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["court", "kind", "name"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="gate_post_name_unique")]

    def __str__(self) -> str:
        return self.name


class Visit(VersionedModel):
    """A visitor's registration (A12.2): who, which document (encrypted, with a blind
    index), why, whom they visit, when they arrived (the server's clock), the host's
    confirmation, the screening, and when they left. Personal data is purged after
    GATE_VISITOR_RETENTION_DAYS (`purged_at`); the rest stays for the counts."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="visits", verbose_name=_("gatehouse")
    )
    visitor_name = models.CharField(_("visitor's name"), max_length=50)
    document_kind = models.CharField(_("document type"), max_length=32, choices=DocumentType.choices)
    document_number = EncryptedTextField(_("document number"))
    document_index = BlindIndexField(
        _("document index"), source="document_number", purpose="gate-document-{document_kind}"
    )
    phone = EncryptedTextField(_("visitor's phone"), blank=True)
    purpose = models.CharField(_("purpose of the visit"), max_length=200)
    host = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="visits", verbose_name=_("host")
    )
    host_department = models.ForeignKey(
        "organization.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department visited"),
    )
    arrived_at = models.DateTimeField(_("arrived at"), default=timezone.now)
    registered_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    status = models.CharField(_("status"), max_length=12, choices=VisitStatus.choices)
    hits = models.PositiveSmallIntegerField(_("screening hits"), default=0)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_via = models.CharField(
        _("confirmed how"), max_length=8, choices=ConfirmedVia.choices, blank=True
    )
    check_due_at = models.DateTimeField(_("check due by"), null=True, blank=True)
    cleared_at = models.DateTimeField(_("hold cleared at"), null=True, blank=True)
    escort_required = models.BooleanField(_("escort required"), default=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_reason = models.TextField(_("why not admitted"), blank=True)
    departed_at = models.DateTimeField(_("left at"), null=True, blank=True)
    departure_note = models.CharField(_("how they left"), max_length=200, blank=True)
    purged_at = models.DateTimeField(_("personal data purged at"), null=True, blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_at", "-id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            models.Index(fields=["court", "-arrived_at"], name="gate_visit_court_time_idx"),
            models.Index(fields=["status", "court"], name="gate_visit_status_idx"),
            models.Index(fields=["host", "status"], name="gate_visit_host_idx"),
            models.Index(fields=["document_index"], name="gate_visit_document_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=VisitStatus.CLOSED) | ~Q(closed_reason=""),
                name="gate_visit_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        # No name here: str() goes into audit lines, which outlive the retention purge.
        return f"#{self.pk} · {self.arrived_at:%Y-%m-%d %H:%M}"

    @property
    def masked_document(self) -> str:
        return mask_document(self.document_number) if self.document_number else "—"


class IdDeposit(models.Model):
    """The document left at the gatehouse (A12.2): which, in which slot, since when, and
    when and how it went back. A document is held at most once at a time and a slot
    holds one document (partial unique constraints); handing back is a conditional
    update, so it happens once."""

    visit = models.OneToOneField(
        Visit, on_delete=models.PROTECT, related_name="deposit", verbose_name=_("visit")
    )
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="+", verbose_name=_("gatehouse"))
    document_index = BlindIndexField(
        _("document index"), source="visit.document_number", purpose="gate-document-{visit.document_kind}"
    )
    slot = models.CharField(_("slot"), max_length=10)
    held_since = models.DateTimeField(_("held since"), default=timezone.now)
    returned_at = models.DateTimeField(_("handed back at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed back by"),
    )
    returned_how = models.CharField(
        _("handed back how"), max_length=12, choices=ReturnedHow.choices, blank=True
    )

    objects = IdDepositQuerySet.as_manager()

    class Meta:
        ordering = ["held_since", "id"]
        verbose_name = _("ID deposit")
        verbose_name_plural = _("ID deposits")
        constraints = [
            models.UniqueConstraint(
                fields=["document_index"],
                condition=Q(returned_at__isnull=True) & ~Q(document_index=""),
                name="gate_deposit_document_held_once",
            ),
            models.UniqueConstraint(
                fields=["post", "slot"],
                condition=Q(returned_at__isnull=True),
                name="gate_deposit_slot_held_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slot} · {self.visit_id}"

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.post.court_id


class ScreeningHit(models.Model):
    """A visitor matched a person with an active controlled-list entry (A15): the visit
    is on hold until a judicial police officer decides, with a reason."""

    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, related_name="screening_hits", verbose_name=_("visit")
    )
    person = models.ForeignKey(
        "persons_of_concern.PersonOfConcern",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person of concern"),
    )
    score = models.PositiveSmallIntegerField(_("score"))
    outcome = models.CharField(
        _("screening outcome"), max_length=8, choices=HitOutcome.choices, default=HitOutcome.HOLD
    )
    reasons = models.JSONField(_("why it matched"), default=list)
    created_at = models.DateTimeField(_("found at"), default=timezone.now)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("screening hit")
        verbose_name_plural = _("screening hits")

    def __str__(self) -> str:
        return f"{self.visit_id} → {self.person_id} ({self.score})"

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.visit.court_id


class HoldDecisionRecord(models.Model):
    """The judicial police's decision on a visit on hold: admit with an escort, refuse,
    or not the same person; with the officer and the reason."""

    visit = models.OneToOneField(
        Visit, on_delete=models.PROTECT, related_name="decision", verbose_name=_("visit")
    )
    decision = models.CharField(_("decision"), max_length=20, choices=HoldDecision.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("hold decision")
        verbose_name_plural = _("hold decisions")

    def __str__(self) -> str:
        return f"{self.visit_id} {self.decision}"

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.visit.court_id


class CheckDecisionRecord(models.Model):
    """The end of a check (issue 9): a judicial police officer cleared the visitor or
    held them, with a reason; or no one decided within GATE_CHECK_MINUTES and the visit
    was put on hold (`decided_by` empty). A check never lets anyone in by itself."""

    visit = models.OneToOneField(
        Visit, on_delete=models.PROTECT, related_name="check_decision", verbose_name=_("visit")
    )
    decision = models.CharField(_("decision"), max_length=12, choices=CheckDecision.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("check decision")
        verbose_name_plural = _("check decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision=CheckDecision.TIMED_OUT) | Q(decided_by__isnull=False),
                name="gate_check_decided_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id} {self.decision}"

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.visit.court_id


class DayEndRecord(models.Model):
    """What the guard recorded at day's end for a visitor not checked out (A12.2)."""

    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, related_name="day_end", verbose_name=_("visit")
    )
    day = models.DateField(_("day"))
    outcome = models.CharField(_("what happened"), max_length=20, choices=DayEndOutcome.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-day", "id"]
        verbose_name = _("day-end record")
        verbose_name_plural = _("day-end records")
        constraints = [models.UniqueConstraint(fields=["visit", "day"], name="gate_day_end_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.visit_id} {self.outcome}"

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.visit.court_id


class DayClosing(models.Model):
    """The day's end of a gatehouse closed and signed by the guard (A12.2, issue 9):
    the day's counts as they stood when signed, who signed and when. Once closed, no
    further day-end record is taken for that day."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="+", verbose_name=_("gatehouse"))
    day = models.DateField(_("day"))
    counts = models.JSONField(_("counts"), default=dict)
    signed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed by")
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)

    class Meta:
        ordering = ["-day", "post"]
        verbose_name = _("day's closing")
        verbose_name_plural = _("days' closings")
        constraints = [models.UniqueConstraint(fields=["post", "day"], name="gate_day_closed_once")]

    def __str__(self) -> str:
        return f"{self.post} {self.day}"

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.post.court_id


class CheckpointSettings(CourtSettings):
    """A court's rules for its security checkpoints (A12.1): how many officers a shift
    needs at the least. The court security-check rules ask for two or more; a court may
    ask for more, never fewer. Edited by the court's administrator."""

    min_officers = models.PositiveSmallIntegerField(
        _("officers a shift needs at the least"),
        default=2,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_("The court security-check rules require at least two officers at a checkpoint."),
    )

    class Meta(CourtSettings.Meta):
        verbose_name = _("checkpoint rules")
        verbose_name_plural = _("checkpoint rules")


class CheckpointShift(VersionedModel):
    """A shift at a security checkpoint (A12.1): the officers on duty, how many people and
    bags were checked, and how many were refused entry (each refusal itemised with its
    reason, `EntryRefusal`; shifts recorded before itemising have a count only)."""

    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="shifts", verbose_name=_("checkpoint")
    )
    day = models.DateField(_("day"))
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices)
    people_checked = models.PositiveIntegerField(_("people checked"))
    bags_checked = models.PositiveIntegerField(_("bags checked"))
    refusals = models.PositiveIntegerField(_("refused entry"), default=0)
    officers = models.ManyToManyField(
        "organization.Person", related_name="+", blank=True, verbose_name=_("officers on duty")
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = CheckpointShiftQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "post", "shift"]
        verbose_name = _("checkpoint shift")
        verbose_name_plural = _("checkpoint shifts")
        constraints = [
            models.UniqueConstraint(fields=["post", "day", "shift"], name="gate_shift_once"),
        ]

    def __str__(self) -> str:
        return f"{self.post} {self.day} {self.get_shift_display()}"

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.post.court_id


class HeldItem(VersionedModel):
    """An item held for return (with a receipt) or seized at the checkpoint (A12.1);
    anything criminal opens an incident (A9.1)."""

    shift = models.ForeignKey(
        CheckpointShift, on_delete=models.PROTECT, related_name="items", verbose_name=_("shift")
    )
    category = models.CharField(
        pgettext_lazy("item", "category"),
        max_length=12,
        choices=ItemCategory.choices,
        default=ItemCategory.OTHER,
    )
    description = models.CharField(_("item"), max_length=200)
    owner_name = models.CharField(_("owner"), max_length=50)
    disposition = models.CharField(_("what became of it"), max_length=10, choices=Disposition.choices)
    receipt_number = models.CharField(_("receipt number"), max_length=30, blank=True)
    locker_number = models.CharField(_("locker number"), max_length=20, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    incident = models.OneToOneField(
        "incidents.Incident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_item",
        verbose_name=_("incident"),
    )
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = HeldItemQuerySet.as_manager()

    class Meta:
        ordering = ["shift", "id"]
        verbose_name = _("held or seized item")
        verbose_name_plural = _("held or seized items")
        constraints = [
            models.CheckConstraint(
                condition=~Q(disposition=Disposition.HELD) | ~Q(receipt_number=""),
                name="gate_held_item_receipt",
            ),
            models.CheckConstraint(
                condition=~Q(disposition=Disposition.LOCKER) | ~Q(locker_number=""),
                name="gate_locker_item_number",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.shift.post.court_id


class EntryRefusal(models.Model):
    """One person refused entry at the checkpoint, with the reason (A12.1). Written once
    by the desk; the shift's count of refusals follows the rows."""

    shift = models.ForeignKey(
        CheckpointShift, on_delete=models.PROTECT, related_name="refusal_rows", verbose_name=_("shift")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=RefusalReason.choices)
    note = models.CharField(_("what happened"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = EntryRefusalQuerySet.as_manager()

    class Meta:
        ordering = ["shift", "at", "id"]
        verbose_name = _("refusal of entry")
        verbose_name_plural = _("refusals of entry")

    def __str__(self) -> str:
        return str(self.get_reason_display())

    @property
    def audit_court_id(self) -> int:
        return self.shift.post.court_id


class PassageEntry(models.Model):
    """A lawyer, prosecutor or other official let in by the dedicated passage (A12.1):
    they are not screened like the public, but their entry is still logged with the
    credential seen. The credential's number is encrypted and shown masked; the row is
    purged with the visitors' data (GATE_VISITOR_RETENTION_DAYS)."""

    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="passage_entries", verbose_name=_("checkpoint")
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("who"), max_length=16, choices=PassageKind.choices)
    name = models.CharField(_("name"), max_length=50)
    unit = models.CharField(_("law firm or unit"), max_length=100)
    credential_kind = models.CharField(_("credential seen"), max_length=16, choices=CredentialKind.choices)
    credential_number = EncryptedTextField(_("credential number"))
    credential_tail = models.CharField(_("credential number (last four)"), max_length=4, editable=False)
    purpose = models.CharField(_("case number or purpose"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = PassageEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("entry by the dedicated passage")
        verbose_name_plural = _("entries by the dedicated passage")
        indexes = [models.Index(fields=["post", "at"], name="gate_passage_post_at")]

    def __str__(self) -> str:
        return f"{self.name} · {self.get_kind_display()}"

    @property
    def credential_masked(self) -> str:
        return f"****{self.credential_tail}"

    @property
    def audit_court_id(self) -> int:
        return self.post.court_id


class PartyArrival(models.Model):
    """A visitor who is (by document) or may be (by name alone) a party of a case of this
    court at a level that needs a plan (A14, A16): the case judge and the judicial police
    on duty are told at once. Not a hold: the guard sees only an instruction to let the
    police see the visitor, never the case."""

    class MatchedBy(models.TextChoices):
        DOCUMENT = "document", _("By identity document")
        NAME = "name", _("By name only: a candidate")

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="party_arrivals", verbose_name=_("visit")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="party_arrivals", verbose_name=_("case")
    )
    party = models.ForeignKey(
        "cases.Party", on_delete=models.PROTECT, related_name="arrivals", verbose_name=_("party")
    )
    matched_by = models.CharField(_("matched"), max_length=16, choices=MatchedBy.choices)
    created_at = models.DateTimeField(_("arrived at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("arrival of a flagged case's party")
        verbose_name_plural = _("arrivals of flagged cases' parties")
        constraints = [models.UniqueConstraint(fields=["visit", "party"], name="gate_party_arrival_once")]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_matched_by_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.case.court_id
