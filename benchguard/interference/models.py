"""The interference register (A7.1), its quarterly reports, and the personnel actions
concerning judges that the committee reviews (A7.2).

Entries are permanent: no model here offers an edit of an entry, its attachments, its
referral or its immediate report, the ORM refuses `delete()`/`update()` on them, and on
PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002). A correction is a new
entry that points at the one it amends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.cases.choices import Stage
from benchguard.core.crypto import EncryptedTextField
from benchguard.core.models import AttachmentBase, VersionedModel
from benchguard.interference.choices import (
    ActionKind,
    ActionStatus,
    InternalNature,
    Method,
    ReportStatus,
    ReviewOpinion,
    SourceKind,
)
from benchguard.interference.querysets import (
    EntryQuerySet,
    PermanentQuerySet,
    PersonnelActionQuerySet,
    QuarterReportQuerySet,
)


class Permanent(models.Model):
    """A row that is never changed or deleted once written (A7.1: 永久存储)."""

    objects = PermanentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("interference register rows are permanent")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("interference register rows are permanent")


class InterferenceSettings(models.Model):
    """A court's settings for the register (A7.1, A7.2). Internal targets, not legal
    deadlines: the day after the quarter by which its report is due, the hours within
    which an entry that affected a case's handling is reported upward, and how many years
    back a recorded entry protects the judge who recorded it."""

    court = models.OneToOneField(
        "organization.Court",
        verbose_name=_("court"),
        on_delete=models.CASCADE,
        related_name="interference_settings",
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("days after the quarter to submit its report"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Internal target, not a legal deadline: a report not submitted by then shows as late."),
    )
    immediate_hours = models.PositiveSmallIntegerField(
        _("hours to report an entry that affected a case"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=_(
            "Internal target, not a legal deadline: an entry that affected how a case was handled "
            "is reported upward within these hours."
        ),
    )
    protection_years = models.PositiveSmallIntegerField(
        _("years an entry protects its recorder"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "A personnel action against a judge who recorded interference within these years "
            "is flagged to the committee."
        ),
    )

    class Meta:
        ordering = ["court_id"]
        verbose_name = _("interference register settings")
        verbose_name_plural = _("interference register settings")

    def __str__(self) -> str:
        return str(self.court)


class Entry(Permanent):
    """One outside attempt to influence a case, as recorded by the judge (or, found out
    later, by a supervisor) (A7.1): who, when, how, what was asked, the case and its
    stage, the judge's response. Permanent; a correction is a new entry that `amends`
    this one."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("entry number"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    right = models.ForeignKey(
        "organization.RightCategory",
        verbose_name=_("rights concerned"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The category of rights and interests (A3); reports count by it."),
    )
    judge = models.ForeignKey(
        "organization.Person", verbose_name=_("judge approached"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    by_supervisor = models.BooleanField(
        _("recorded by a supervisor"),
        default=False,
        help_text=_("An attempt the judge did not record, found out later and recorded by a supervisor."),
    )
    source_kind = models.CharField(_("who tried"), max_length=24, choices=SourceKind.choices)
    internal_nature = models.CharField(
        _("internal enquiry"), max_length=16, choices=InternalNature.choices, blank=True, default=""
    )
    person_name = models.CharField(_("name of the person"), max_length=50)
    person_unit = models.CharField(_("their unit"), max_length=100, blank=True)
    person_post = models.CharField(_("their post"), max_length=100, blank=True)
    person_contact = EncryptedTextField(_("their contact"), blank=True)
    occurred_at = models.DateTimeField(_("when it happened"))
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    request = models.TextField(_("what was asked"))
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    case_number = models.CharField(_("case number"), max_length=60)
    stage = models.CharField(_("stage of the case"), max_length=16, choices=Stage.choices)
    response = models.TextField(_("the judge's response"))
    affected_handling = models.BooleanField(
        _("affected how the case was handled"),
        default=False,
        help_text=_("Reported upward at once, within the court's hours."),
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
    )
    amendment_reason = models.TextField(_("what the amendment corrects"), blank=True)

    objects = EntryQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("interference entry")
        verbose_name_plural = _("interference entries")
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "sequence"], name="interference_entry_number"),
            models.CheckConstraint(
                condition=Q(source_kind="court_insider") | Q(internal_nature=""),
                name="interference_entry_nature_only_inside",
            ),
            models.CheckConstraint(
                condition=Q(amends__isnull=True) | ~Q(amendment_reason=""),
                name="interference_entry_amendment_says_why",
            ),
        ]
        indexes = [
            models.Index(fields=["court", "-recorded_at", "-id"], name="interf_entry_court_idx"),
            models.Index(fields=["judge", "recorded_at"], name="interf_entry_judge_idx"),
            models.Index(fields=["recorded_by", "recorded_at"], name="interf_entry_recorder_idx"),
        ]

    def __str__(self) -> str:
        # What the audit trail shows as the object: the number only, never a name.
        return str(self.number)

    def get_absolute_url(self) -> str:
        return reverse("interference:entry_detail", args=[self.pk])

    def immediate_due(self, hours: int) -> dt.datetime:
        return self.recorded_at + dt.timedelta(hours=hours)


class EntryAttachment(AttachmentBase, Permanent):
    """A file kept with an entry (a letter, the materials handed over), with its SHA-256."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("interference entry"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="interference/")

    class Meta(AttachmentBase.Meta):
        verbose_name = _("attachment of an interference entry")
        verbose_name_plural = _("attachments of interference entries")

    def __str__(self) -> str:
        return self.name

    @property
    def audit_court_id(self) -> int:
        return self.entry.court_id


class Referral(Permanent):
    """An entry referred to the rights-protection committee (A7.1 "reaches the
    committee"): from then on the court's committee office reads it and may open a
    committee matter from it."""

    entry = models.OneToOneField(
        Entry, verbose_name=_("interference entry"), on_delete=models.PROTECT, related_name="referral"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+"
    )
    referred_at = models.DateTimeField(_("referred at"), default=timezone.now)
    note = models.TextField(_("note to the committee"), blank=True)

    class Meta:
        ordering = ["-referred_at", "-id"]
        verbose_name = _("referral to the committee")
        verbose_name_plural = _("referrals to the committee")

    def __str__(self) -> str:
        return str(self.entry)

    @property
    def audit_court_id(self) -> int:
        return self.entry.court_id


class ImmediateReport(Permanent):
    """The keeper reported an entry that affected a case's handling upward at once
    (A7.1): to the political-legal committee and the higher court, when."""

    entry = models.OneToOneField(
        Entry, verbose_name=_("interference entry"), on_delete=models.PROTECT, related_name="immediate_report"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    note = models.TextField(_("how it was reported"), blank=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("immediate report")
        verbose_name_plural = _("immediate reports")

    def __str__(self) -> str:
        return str(self.entry)

    @property
    def audit_court_id(self) -> int:
        return self.entry.court_id


class QuarterReport(VersionedModel):
    """A court's quarterly report of its register to the political-legal committee and
    the higher court (A7.1); a quarter with no entry gives a zero report (零报告). The
    counts are taken from the register when the keeper submits it."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed and submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    committee_received_on = models.DateField(
        _("political-legal committee received it on"), null=True, blank=True
    )
    higher_acknowledged_at = models.DateTimeField(_("higher court acknowledged at"), null=True, blank=True)
    higher_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged for the higher court by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = QuarterReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter", "court_id", "id"]
        verbose_name = _("quarterly interference report")
        verbose_name_plural = _("quarterly interference reports")
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "quarter"], name="interference_report_unique"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="interference_report_quarter_range"
            ),
        ]
        indexes = [models.Index(fields=["court", "status", "due_on"], name="interf_report_due_idx")]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def is_zero(self) -> bool:
        return self.entry_count == 0

    def is_late(self, today: dt.date | None = None) -> bool:
        """Not submitted and past its day, or submitted after it."""
        if self.submitted_at is not None:
            return timezone.localtime(self.submitted_at).date() > self.due_on
        return (today or timezone.localdate()) > self.due_on

    @property
    def late(self) -> bool:
        return self.is_late()

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the quarter."""
        first = dt.date(self.year, 3 * (self.quarter - 1) + 1, 1)
        last = dt.date(self.year + 1, 1, 1) if self.quarter == 4 else dt.date(self.year, first.month + 3, 1)
        return first, last - dt.timedelta(days=1)


class PersonnelAction(VersionedModel):
    """A transfer, removal, dismissal, demotion, discipline or wrongful-case
    accountability concerning a judge (A7.2), recorded by the personnel office with its
    statutory ground and procedure, for the committee's review."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    judge = models.ForeignKey(
        "organization.Person", verbose_name=_("judge concerned"), on_delete=models.PROTECT, related_name="+"
    )
    right = models.ForeignKey(
        "organization.RightCategory",
        verbose_name=_("rights concerned"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The category of rights and interests (A3); reports count by it."),
    )
    kind = models.CharField(_("kind of action"), max_length=16, choices=ActionKind.choices)
    ground = models.TextField(_("statutory ground"))
    procedure = models.TextField(_("procedure followed"))
    decided_on = models.DateField(_("decided on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.RECORDED
    )
    preparation = models.TextField(_("the committee office's preparation"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opinion = models.CharField(_("review opinion"), max_length=12, choices=ReviewOpinion.choices, blank=True)
    opinion_text = models.TextField(_("reasons of the opinion"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    resolution = models.ForeignKey(
        "committee.Resolution",
        verbose_name=_("committee resolution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PersonnelActionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("personnel action concerning a judge")
        verbose_name_plural = _("personnel actions concerning judges")
        indexes = [models.Index(fields=["court", "status", "-decided_on"], name="interf_action_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="reviewed") | ~Q(opinion=""), name="interference_action_reviewed_opinion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.decided_on}"


class ProtectionFlag(Permanent):
    """The personnel action concerns a judge who recorded interference in the years
    before (A7.2): written when the action is recorded, read by the committee side only
    — the personnel office is never told (the entries are protected information)."""

    action = models.OneToOneField(
        PersonnelAction, verbose_name=_("personnel action"), on_delete=models.PROTECT, related_name="flag"
    )
    entries = models.PositiveIntegerField(_("entries recorded in the period"))
    since = models.DateField(_("looked back to"))
    latest = models.DateField(_("latest entry recorded on"))
    flagged_at = models.DateTimeField(_("flagged at"), default=timezone.now)

    class Meta:
        ordering = ["-flagged_at", "-id"]
        verbose_name = _("protection flag")
        verbose_name_plural = _("protection flags")

    def __str__(self) -> str:
        return str(self.action_id)

    @property
    def audit_court_id(self) -> int:
        return self.action.court_id
