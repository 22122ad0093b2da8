"""Judges' applications for assistance and matters the committee opens itself (A5, A17,
A26, A27), with their legal time limit (A26.4)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import AttachmentBase, VersionedModel
from benchguard.matters.choices import (
    INBOX_STATUSES,
    Channel,
    DecisionBasis,
    EventKind,
    MatterStatus,
    Origin,
    Response,
    StepKind,
    Subject,
    TimeRequestKind,
    TimeRequestStatus,
)
from benchguard.matters.querysets import MatterQuerySet

HIGHER_COURT_DEPARTMENT = "山东省高级人民法院法官权益保障部门"


class MatterSettings(VersionedModel):
    """A court's settings for matters: the handling period (A26.4: 30 days from
    acceptance by default), whether it counts calendar or working days, the internal
    target for accepting or declining an application (A26.2, issue 9), and the format of
    registration numbers."""

    court = models.OneToOneField(
        "organization.Court",
        verbose_name=_("court"),
        on_delete=models.CASCADE,
        related_name="matter_settings",
    )
    handling_days = models.PositiveSmallIntegerField(_("handling period (days)"), default=30)
    calendar_days = models.BooleanField(
        _("count calendar days"),
        default=True,
        help_text=_("Off: count working days only."),
    )
    acceptance_target_days = models.PositiveSmallIntegerField(
        _("internal target for accepting or declining (working days)"),
        default=5,
        help_text=_(
            "Internal: not a legal time limit (A26.2 asks for prompt handling). The office is "
            "reminded once when an application has waited longer."
        ),
    )
    number_format = models.CharField(
        _("registration number format"),
        max_length=60,
        default="{abbreviation}权保〔{year}〕{sequence}号",
        help_text=_("Placeholders: {abbreviation}, {year}, {sequence}."),
    )

    class Meta:
        ordering = ["court_id"]
        verbose_name = _("matter settings")
        verbose_name_plural = _("matter settings")

    def __str__(self) -> str:
        return str(self.court)

    def clean(self) -> None:
        if "{sequence}" not in self.number_format:
            raise ValidationError({"number_format": _("The format must contain {sequence}.")})
        try:
            self.number_format.format(abbreviation="", year=2026, sequence=1)
        except (KeyError, IndexError, ValueError):
            raise ValidationError(
                {"number_format": _("Use only the placeholders {abbreviation}, {year} and {sequence}.")}
            ) from None
        if self.handling_days < 1:
            raise ValidationError({"handling_days": _("The period is at least one day.")})
        if self.acceptance_target_days < 1:
            raise ValidationError({"acceptance_target_days": _("The period is at least one day.")})


class RegistrationCounter(models.Model):
    """The last registration number given in a court and year. Registering locks this
    row, so numbers run without gaps or duplicates even when two clerks register at once."""

    court = models.ForeignKey("organization.Court", verbose_name=_("court"), on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    last_sequence = models.PositiveIntegerField(_("last sequence"), default=0)

    class Meta:
        ordering = ["court_id", "year"]
        verbose_name = _("registration counter")
        verbose_name_plural = _("registration counters")
        constraints = [models.UniqueConstraint(fields=["court", "year"], name="matter_counter_unique")]

    def __str__(self) -> str:
        return f"{self.court_id}/{self.year}: {self.last_sequence}"


class Matter(VersionedModel):
    """One matter before the rights-protection committee: a judge's application for
    assistance (A26.1) or a matter the committee opened itself (A17), from registration
    to feedback and appeal (A26, A27)."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="matters"
    )
    number = models.CharField(_("registration number"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=30, choices=Subject.choices)
    right = models.ForeignKey(
        "organization.RightCategory",
        verbose_name=_("rights concerned"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The category of rights and interests (A3); reports count by it."),
    )
    applicant = models.ForeignKey(
        "organization.Person",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="matters",
        help_text=_("The judge concerned; for a matter opened by the committee, the judge it protects."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    facts = models.TextField(_("what happened"))
    infringer = models.CharField(_("who infringed"), max_length=200, blank=True)
    request = models.TextField(_("what the applicant asks for"), blank=True)
    reported_to_department_on = models.DateField(_("reported to own department on"), null=True, blank=True)
    department_response = models.TextField(
        _("how the department handled it"),
        blank=True,
        help_text=_("A26.1: the judge first reports to their own department and applies when not satisfied."),
    )
    resubmission_of = models.ForeignKey(
        "self",
        verbose_name=_("resubmission of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resubmissions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MatterStatus.choices, default=MatterStatus.SUBMITTED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_matters",
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    declined_reason = models.TextField(_("reason for not accepting"), blank=True)
    handling_days = models.PositiveSmallIntegerField(_("handling period (days)"), null=True, blank=True)
    calendar_days = models.BooleanField(_("count calendar days"), default=True)
    extended_days = models.PositiveSmallIntegerField(_("days of approved extensions"), default=0)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    # Computed and stored by the database (issue 11): with it, the inbox's index
    # (court, in_inbox, due_date, …) hands out the open matters already in the order
    # shown, so a page reads 50 index entries however long the court's history is. A
    # filter on the statuses themselves (an IN list) would make the planner sort them.
    # 1 or 0, not a boolean: Django writes `WHERE in_inbox` for a boolean, which SQLite
    # cannot match to an index column; `in_inbox = 1` it can.
    in_inbox = models.GeneratedField(
        expression=Case(When(status__in=INBOX_STATUSES, then=Value(1)), default=Value(0)),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("in the inbox"),
    )
    suspended_since = models.DateField(_("suspended since"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    handling_opinion = models.TextField(_("handling opinion"), blank=True)
    decision_basis = models.CharField(
        _("decided by"), max_length=20, choices=DecisionBasis.choices, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    resolution = models.ForeignKey(
        "committee.Resolution",
        verbose_name=_("meeting resolution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_matters",
        help_text=_("For a decision of a committee meeting: the adopted resolution."),
    )
    feedback_channel = models.CharField(
        _("feedback channel"), max_length=20, choices=Channel.choices, blank=True
    )
    feedback_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    response = models.CharField(_("judge's response"), max_length=20, choices=Response.choices, blank=True)
    response_at = models.DateTimeField(_("response at"), null=True, blank=True)
    appeal_sent_on = models.DateField(_("appeal sent on"), null=True, blank=True)
    appeal_body = models.CharField(_("appealed to"), max_length=100, blank=True)
    appeal_outcome = models.TextField(_("outcome of the appeal"), blank=True)
    appeal_outcome_on = models.DateField(_("appeal outcome on"), null=True, blank=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-sequence", "court_id"]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "sequence"], name="matter_number_unique"),
            models.CheckConstraint(
                condition=Q(origin=Origin.EX_OFFICIO) | Q(applicant__isnull=False),
                name="matter_application_has_applicant",
            ),
        ]
        indexes = [
            # With the decision date, the overview's overdue matters (A30) read it alone.
            models.Index(fields=["court", "status", "due_date", "decided_on"], name="matter_inbox_idx"),
            models.Index(
                fields=["court", "in_inbox", "due_date", "registered_at", "id"], name="matter_inbox_order_idx"
            ),
            models.Index(fields=["court", "-registered_at", "-id"], name="matter_court_recent_idx"),
            # Each handler's open matters (the inbox's load table) from the index alone.
            # With the applicant, the overview's matters by category (A30) read it alone.
            models.Index(fields=["court", "status", "handler", "applicant"], name="matter_handler_load_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class MatterEvent(models.Model):
    """One line of a matter's timeline. `for_applicant` lines are what the judge sees,
    in plain language; the office sees all."""

    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    step = models.CharField(_("step"), max_length=30, choices=StepKind.choices, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    text = models.TextField(_("text"), blank=True)
    for_applicant = models.BooleanField(_("shown to the applicant"), default=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("matter event")
        verbose_name_plural = _("matter events")

    def __str__(self) -> str:
        return f"{self.matter_id} {self.kind}"


class TimeRequest(models.Model):
    """A request to suspend the clock (e.g. waiting for the applicant's materials) or to
    extend it, and the chair's decision (A26.4)."""

    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="time_requests"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TimeRequestKind.choices)
    reason = models.TextField(_("reason"))
    days = models.PositiveSmallIntegerField(_("days"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TimeRequestStatus.choices, default=TimeRequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    started_on = models.DateField(_("suspended from"), null=True, blank=True)
    resumed_on = models.DateField(_("resumed on"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("suspension or extension")
        verbose_name_plural = _("suspensions and extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["matter"],
                condition=Q(status=TimeRequestStatus.PENDING),
                name="matter_one_pending_time_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.matter_id} {self.kind} {self.status}"


class Attachment(AttachmentBase):
    """A file kept with a matter: the original of an application received by e-mail or
    in writing, evidence, a signed notice."""

    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="matters/%Y/")

    class Meta(AttachmentBase.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class InvestigationTask(VersionedModel):
    """A piece of investigation or coordination the handler gives to someone of the court
    (A26.2, A26.3), with a due date. The owner sees the task, not the matter."""

    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="tasks"
    )
    owner = models.ForeignKey(
        "organization.Person", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="matter_tasks"
    )
    description = models.TextField(_("what is to be done"))
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["done_at", "due_date", "id"]
        verbose_name = _("investigation task")
        verbose_name_plural = _("investigation tasks")
        indexes = [models.Index(fields=["owner", "done_at"], name="matter_task_owner_idx")]

    def __str__(self) -> str:
        return self.description[:50]


class MatterSource(models.Model):
    """The register record a committee matter was opened from in one step (A5, A7.1,
    A17, A18): an interference entry, a public-opinion event, an exposure case … One
    matter per record, linked both ways (matters/sources.py). Written once by
    `services.open_matter_from`, never changed: the record and the matter keep each other."""

    matter = models.OneToOneField(
        Matter, verbose_name=_("matter"), on_delete=models.PROTECT, related_name="source"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("kind of record"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    created_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("record a matter was opened from")
        verbose_name_plural = _("records matters were opened from")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="matter_source_once_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.matter} ← {self.content_type.app_label}.{self.content_type.model}:{self.object_id}"

    @property
    def audit_court_id(self) -> int:
        return self.matter.court_id
