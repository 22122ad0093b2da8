"""The incident register (A8, A9, A13): incidents of five kinds, their attachments,
protective measures, courtroom sanctions with their statutory
caps and the applications for their reconsideration, the group-petition notification
chain, receptions, emergency plans and their activations, and warning talks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import AttachmentBase, VersionedModel
from benchguard.incidents.choices import (
    NATURES_BY_KIND,
    CallRole,
    ChainStep,
    IncidentKind,
    IncidentStatus,
    MeasureKind,
    MeasureStatus,
    Nature,
    PlanKind,
    Procedure,
    ReconsiderationOutcome,
    SanctionMeasure,
    SanctionStatus,
    SubjectKind,
)
from benchguard.incidents.querysets import IncidentQuerySet

USER = settings.AUTH_USER_MODEL

# The facts of an incident as reported (its creation's audit line shows them); all but the
# court and the kind can be corrected afterwards.
INCIDENT_FIELDS = [
    "court",
    "kind",
    "nature",
    "right",
    "occurred_at",
    "place",
    "description",
    "case_number",
    "procedure",
    "people_count",
    "sensitive_case",
    "perpetrator_description",
    "case_judge",
]
EDITABLE_FIELDS = [f for f in INCIDENT_FIELDS if f not in ("court", "kind")]

# The facts each kind cannot do without (beyond kind, nature, time, place and account).
REQUIRED_BY_KIND: dict[str, tuple[str, ...]] = {
    IncidentKind.THREAT: ("targets",),
    IncidentKind.CRIME: (),
    IncidentKind.DISTURBANCE: ("people_count",),
    IncidentKind.COURTROOM: ("case_number", "procedure"),
    IncidentKind.GROUP_PETITION: ("people_count",),
}


class Incident(VersionedModel):
    """One thing that happened to a judge or the court's order. Its kind says which facts
    it must have (REQUIRED_BY_KIND); `court` is the court it happened at or to."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    nature = models.CharField(_("what kind of act"), max_length=24, choices=Nature.choices)
    right = models.ForeignKey(
        "organization.RightCategory",
        verbose_name=_("rights concerned"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The category of rights and interests (A3); reports count by it."),
    )
    occurred_at = models.DateTimeField(_("when it happened"))
    place = models.CharField(_("where"), max_length=200)
    description = models.TextField(_("what happened"))
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    procedure = models.CharField(
        _("procedure of the case"), max_length=16, choices=Procedure.choices, blank=True
    )
    people_count = models.PositiveIntegerField(_("number of people involved"), null=True, blank=True)
    sensitive_case = models.BooleanField(_("sensitive case"), default=False)
    perpetrator_description = models.TextField(_("who did it (as reported)"), blank=True)
    targets = models.ManyToManyField(
        "organization.Person", related_name="incidents", blank=True, verbose_name=_("protected persons")
    )
    perpetrators = models.ManyToManyField(
        "persons_of_concern.PersonOfConcern",
        related_name="incidents",
        blank=True,
        verbose_name=_("persons of concern"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("registered case"),
        help_text=_("The court's case of that number, found when the incident is recorded (A13.1, A14)."),
    )
    case_judge = models.ForeignKey(
        "organization.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case judge"),
        help_text=_("The judge of the case the petitioners come about; never receives them (A13.1, A13.2)."),
    )
    reported_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("reported by")
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    criminal_referral_to = models.CharField(_("referred to"), max_length=100, blank=True)
    criminal_referral_on = models.DateField(_("referred on"), null=True, blank=True)
    matter = models.OneToOneField(
        "matters.Matter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incident",
        verbose_name=_("committee matter"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("how it ended"), blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            # The register in its order (newest first, then by id), read from the index (issue 11).
            models.Index(fields=["court", "-occurred_at", "-id"], name="incident_court_recent_idx"),
            models.Index(fields=["reported_by"], name="incident_reporter_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=IncidentStatus.OPEN) | Q(closed_at__isnull=False),
                name="incident_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        # The court's date, not UTC's (a night's incident would show the day before).
        return f"{self.get_kind_display()} · {timezone.localtime(self.occurred_at):%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind and self.nature and self.nature not in NATURES_BY_KIND.get(self.kind, ()):
            errors["nature"] = _("This act does not belong to the kind of incident chosen.")
        if self.occurred_at and self.occurred_at > timezone.now() + dt.timedelta(minutes=5):
            errors["occurred_at"] = _("The time of the incident cannot be in the future.")
        for name in REQUIRED_BY_KIND.get(self.kind, ()):
            if name != "targets" and getattr(self, name) in (None, ""):
                errors[name] = _("This fact is required for this kind of incident.")
        if self.people_count is not None and self.people_count < 1:
            errors["people_count"] = _("At least one person was involved.")
        if self.criminal_referral_on and self.criminal_referral_on > timezone.localdate():
            errors["criminal_referral_on"] = _("The date cannot be in the future.")
        judge = self.case_judge if self.case_judge_id else None
        if judge is not None and self.court_id and judge.court_id != self.court_id:
            errors["case_judge"] = _("The case judge must belong to this court.")
        if errors:
            raise ValidationError(errors)


class IncidentAttachment(AttachmentBase):
    """A photo, recording or document kept with an incident."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("incident")
    )
    file = models.FileField(_("file"), upload_to="incidents/%Y/")

    class Meta(AttachmentBase.Meta):
        verbose_name = _("incident attachment")
        verbose_name_plural = _("incident attachments")

    @property
    def audit_court_id(self) -> int:
        """The court of the incident, for the audit line (core.audit)."""
        return self.incident.court_id


class ProtectiveMeasure(VersionedModel):
    """One action of the protection plan (A8): who does what by when."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="measures", verbose_name=_("incident")
    )
    kind = models.CharField(_("measure"), max_length=16, choices=MeasureKind.choices)
    description = models.TextField(_("what is to be done"))
    owner = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    result = models.TextField(_("result"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("protective measure")
        verbose_name_plural = _("protective measures")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.due_date}"

    @property
    def audit_court_id(self) -> int:
        """The court of the incident, for the audit line (core.audit)."""
        return self.incident.court_id


class SanctionCap(VersionedModel):
    """The statutory limits of fines and detention for one procedure (A9.3), seeded from
    the procedural laws and kept as a setting the city administrator can correct."""

    procedure = models.CharField(_("procedure"), max_length=16, choices=Procedure.choices, unique=True)
    fine_individual_max = models.PositiveIntegerField(_("highest fine for an individual (RMB)"))
    fine_organization_min = models.PositiveIntegerField(_("lowest fine for an organisation (RMB)"), default=0)
    fine_organization_max = models.PositiveIntegerField(_("highest fine for an organisation (RMB)"))
    detention_max_days = models.PositiveSmallIntegerField(_("longest detention (days)"))
    fines_organisations = models.BooleanField(
        _("organisations can be fined"),
        default=False,
        help_text=_("Otherwise the measures fall on people: the unit's responsible person is named."),
    )
    reconsideration_days = models.PositiveSmallIntegerField(
        _("days to apply for reconsideration"),
        null=True,
        blank=True,
        help_text=_("Counted from the day after the decision is received; empty when no period is set."),
    )
    statute = models.CharField(_("statute"), max_length=200)

    class Meta:
        ordering = ["procedure"]
        verbose_name = _("cap of courtroom sanctions")
        verbose_name_plural = _("caps of courtroom sanctions")
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_organization_min__lte=models.F("fine_organization_max")),
                name="sanction_cap_org_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_procedure_display())


class Sanction(VersionedModel):
    """A measure the presiding judge applied for courtroom disorder (A9.3). A fine or
    detention takes effect only once the court president approves it."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="sanctions", verbose_name=_("incident")
    )
    measure = models.CharField(_("measure"), max_length=20, choices=SanctionMeasure.choices)
    subject_kind = models.CharField(
        _("individual or organisation"),
        max_length=16,
        choices=SubjectKind.choices,
        default=SubjectKind.INDIVIDUAL,
    )
    subject_name = models.CharField(_("name of the person or organisation"), max_length=100)
    on_behalf_of = models.CharField(
        _("unit the person answers for"),
        max_length=100,
        blank=True,
        help_text=_("When the person is sanctioned as the responsible person of a unit."),
    )
    amount = models.PositiveIntegerField(_("fine (RMB)"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("detention (days)"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=SanctionStatus.choices)
    approved_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("president")
    )
    approved_at = models.DateTimeField(_("president decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("why not approved"), blank=True)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("courtroom sanction")
        verbose_name_plural = _("courtroom sanctions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(measure=SanctionMeasure.FINE) | Q(amount__gt=0), name="sanction_fine_has_amount"
            ),
            models.CheckConstraint(
                condition=~Q(measure=SanctionMeasure.DETENTION) | Q(days__gt=0),
                name="sanction_detention_has_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} · {self.subject_name}"

    @property
    def audit_court_id(self) -> int:
        """The court of the incident, for the audit line (core.audit)."""
        return self.incident.court_id


class Reconsideration(VersionedModel):
    """The one application of a fined or detained person for reconsideration by the
    next-higher court (A9.3; Civil Procedure Law art. 119, Administrative Litigation Law
    art. 59, Criminal Procedure Law art. 199): when the decision was received, when the
    person applied, by when they had to, and what the higher court decided. Enforcement
    is not suspended meanwhile."""

    sanction = models.OneToOneField(
        Sanction, on_delete=models.PROTECT, related_name="reconsideration", verbose_name=_("sanction")
    )
    higher_court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("higher court")
    )
    decision_received_on = models.DateField(_("decision received on"))
    due_on = models.DateField(_("last day to apply"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"))
    grounds = models.TextField(_("grounds of the application"), blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=ReconsiderationOutcome.choices,
        default=ReconsiderationOutcome.PENDING,
    )
    outcome_on = models.DateField(_("outcome received on"), null=True, blank=True)
    outcome_note = models.TextField(_("what the higher court decided"), blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["applied_on", "id"]
        verbose_name = _("application for reconsideration")
        verbose_name_plural = _("applications for reconsideration")
        constraints = [
            models.CheckConstraint(
                condition=Q(applied_on__gte=models.F("decision_received_on")),
                name="reconsideration_applied_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sanction} · {self.applied_on}"

    @property
    def late(self) -> bool:
        """Applied after the last day of the period (the higher court decides whether
        to hear it; the application is recorded all the same)."""
        return self.due_on is not None and self.applied_on > self.due_on

    @property
    def audit_court_id(self) -> int:
        """The court of the incident, for the audit line (core.audit)."""
        return self.sanction.incident.court_id


class ChainNotification(models.Model):
    """One time-stamped step of the group-petition chain (A13.1): who told whom, when,
    and when the person told acknowledged it in the system."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="chain", verbose_name=_("incident")
    )
    step = models.CharField(_("step"), max_length=20, choices=ChainStep.choices)
    notified_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("notified by")
    )
    notified = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("person notified")
    )
    notified_at = models.DateTimeField(_("notified at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        ordering = ["notified_at", "id"]
        verbose_name = _("notification step")
        verbose_name_plural = _("notification steps")
        constraints = [
            models.UniqueConstraint(fields=["incident", "step", "notified"], name="incident_chain_step_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} → {self.notified}"

    @property
    def audit_court_id(self) -> int:
        """The court of the incident, for the audit line (core.audit)."""
        return self.incident.court_id


class Reception(VersionedModel):
    """A reception of petitioners (A13.1, A13.2). For a group petition or a sensitive
    case it is recorded only with a judicial police officer present and not the case
    judge as the only participant of the court (services.record_reception)."""

    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, related_name="receptions", verbose_name=_("incident")
    )
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=200)
    participants = models.ManyToManyField(
        "organization.Person", related_name="+", verbose_name=_("court participants")
    )
    police = models.ManyToManyField(
        "organization.Person", related_name="+", blank=True, verbose_name=_("judicial police present")
    )
    petitioners = models.PositiveIntegerField(_("number of petitioners received"))
    summary = models.TextField(_("what was said and agreed"))
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["held_at", "id"]
        verbose_name = _("reception of petitioners")
        verbose_name_plural = _("receptions of petitioners")

    def __str__(self) -> str:
        return f"{self.held_at:%Y-%m-%d %H:%M} {self.place}"

    @property
    def audit_court_id(self) -> int:
        """The court of the incident, for the audit line (core.audit)."""
        return self.incident.court_id


class EmergencyPlan(VersionedModel):
    """An emergency plan of the court (A13.4), kept as a document with its SHA-256."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("plan document"), upload_to="plans/%Y/")
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    in_force = models.BooleanField(_("in force"), default=True)
    uploaded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )

    class Meta:
        ordering = ["court", "kind", "-created_at"]
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")

    def __str__(self) -> str:
        return self.title


class PlanActivation(models.Model):
    """The plan was activated (A13.4), for an incident when there is one."""

    plan = models.ForeignKey(
        EmergencyPlan, on_delete=models.PROTECT, related_name="activations", verbose_name=_("plan")
    )
    incident = models.ForeignKey(
        Incident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activations",
        verbose_name=_("incident"),
    )
    activated_at = models.DateTimeField(_("activated at"), default=timezone.now)
    activated_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("activated by")
    )

    class Meta:
        ordering = ["-activated_at", "-id"]
        verbose_name = _("plan activation")
        verbose_name_plural = _("plan activations")

    def __str__(self) -> str:
        return f"{self.plan} · {self.activated_at:%Y-%m-%d %H:%M}"

    @property
    def audit_court_id(self) -> int:
        return self.plan.court_id


class ActivationCall(models.Model):
    """Who was called to the scene, when, and when they arrived (A13.4)."""

    activation = models.ForeignKey(
        PlanActivation, on_delete=models.CASCADE, related_name="calls", verbose_name=_("activation")
    )
    role = models.CharField(_("called as"), max_length=20, choices=CallRole.choices)
    person = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    called_at = models.DateTimeField(_("called at"), default=timezone.now)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)

    class Meta:
        ordering = ["called_at", "id"]
        verbose_name = _("call to the scene")
        verbose_name_plural = _("calls to the scene")
        constraints = [
            models.UniqueConstraint(fields=["activation", "person"], name="activation_call_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.person}"

    @property
    def audit_court_id(self) -> int:
        return self.person.court_id


class WarningTalk(VersionedModel):
    """A warning talk (约谈与告诫, A13.3) with someone who insulted or threatened a
    judge: who, when, by whom, what was said, and the signed record."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    person = models.ForeignKey(
        "persons_of_concern.PersonOfConcern",
        on_delete=models.PROTECT,
        related_name="warning_talks",
        verbose_name=_("person talked to"),
    )
    incident = models.ForeignKey(
        Incident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="warning_talks",
        verbose_name=_("incident"),
    )
    held_at = models.DateTimeField(_("held at"))
    conducted_by = models.CharField(_("conducted by"), max_length=200)
    content = models.TextField(_("what was said"))
    record = models.FileField(_("signed record"), upload_to="talks/%Y/")
    record_name = models.CharField(_("file name"), max_length=200)
    record_sha256 = models.CharField(_("SHA-256"), max_length=64)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["-held_at", "-id"]
        verbose_name = _("warning talk")
        verbose_name_plural = _("warning talks")

    def __str__(self) -> str:
        return f"{self.person} · {self.held_at:%Y-%m-%d}"
