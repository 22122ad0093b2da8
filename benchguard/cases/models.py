"""Cases as the filing division registers them, and their parties (A14).

A case is the court's own record, read by those who work on it (querysets). Its
parties' identity numbers are encrypted with a blind index, like every outsider's
number in BenchGuard; each party is screened against the city-wide controlled list
(A15) when the case is filed, and what screening found is a row of its own, read only
by those who may know the list's answer."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from benchguard.cases.choices import (
    AlertKind,
    AssessmentKind,
    ImportStatus,
    PartyKind,
    PartyRole,
    PlanStatus,
    ScreeningOutcome,
    Stage,
    StatementStatus,
    Tier,
)
from benchguard.cases.querysets import CaseQuerySet, PartyQuerySet, PartyScreeningQuerySet
from benchguard.core.crypto import BlindIndexField, EncryptedTextField, blind_index
from benchguard.core.documents import DocumentType, mask_document
from benchguard.core.models import BilingualLabel, VersionedModel


class RiskFlag(BilingualLabel):
    """One item of the checklist a filing clerk ticks when a case is risky (A14:
    difficult, complex, major sensitive, petition risk …). A setting of the city, seeded
    with the usual items; retired items are kept for the cases that carry them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("risk flag")
        verbose_name_plural = _("risk flags")


class RiskLevel(BilingualLabel):
    """A level of risk a case is set at (A14): no national scale exists, so the levels
    and their labels are a setting (default 一般 / 较高 / 重大). A level that needs a
    contingency plan (A16: the two higher ones by default) holds the case at its stage
    until its plan is approved, and puts its parties on the gate's watch."""

    rank = models.PositiveSmallIntegerField(
        _("rank"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("1 is the lowest."),
    )
    needs_plan = models.BooleanField(
        _("major sensitive: needs a contingency plan"),
        default=False,
        help_text=_("The case cannot move to its next stage before its plan is approved."),
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = _("risk level")
        verbose_name_plural = _("risk levels")


class RiskSettings(models.Model):
    """A court's time settings for risky cases: how long an alert may stay
    unacknowledged before it goes one level up, and how long each level has to
    acknowledge an upward report (A14, A16: internal targets, not legal time limits)."""

    court = models.OneToOneField(
        "organization.Court", verbose_name=_("court"), on_delete=models.CASCADE, related_name="risk_settings"
    )
    alert_hours = models.PositiveSmallIntegerField(
        _("hours to acknowledge an alert"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=_("Internal target: an alert not acknowledged in time goes to the next level up."),
    )
    report_hours = models.PositiveSmallIntegerField(
        _("hours to acknowledge an upward report"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=_("Internal target: a report not acknowledged in time is raised with the next level up."),
    )

    class Meta:
        ordering = ["court_id"]
        verbose_name = _("risk settings")
        verbose_name_plural = _("risk settings")

    def __str__(self) -> str:
        return str(self.court)


PARTY_DOCUMENT_PURPOSE = "case-party-document-{document_kind}"


def party_document_index(kind: str, normalised: str) -> str:
    """The blind index of a party's document: equal numbers of one type match."""
    return blind_index(normalised, purpose=PARTY_DOCUMENT_PURPOSE.format(document_kind=kind))


class Case(VersionedModel):
    """A case of the court, as the case-filing division registered it (A14): its number
    in the official form, cause, stage, the division and the judge or panel trying it."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField(_("case number"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    type_code = models.CharField(_("case-type code"), max_length=4, editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    cause = models.CharField(_("cause of action"), max_length=100)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.FILING)
    division = models.ForeignKey(
        "organization.Department",
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    judge = models.ForeignKey(
        "organization.Person",
        verbose_name=_("judge in charge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_in_charge",
    )
    panel = models.ManyToManyField(
        "organization.Person",
        verbose_name=_("other members of the panel"),
        blank=True,
        related_name="panel_cases",
    )
    filed_on = models.DateField(_("filed on"))
    registered_by = models.ForeignKey(
        "organization.Account",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    risk_flags = models.ManyToManyField(RiskFlag, verbose_name=_("risk flags"), blank=True, related_name="+")
    risk_level = models.ForeignKey(
        RiskLevel,
        verbose_name=_("risk level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    proposed_level = models.ForeignKey(
        RiskLevel,
        verbose_name=_("level proposed by the judge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    intervention = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("the committee's matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Opened when the committee intervenes early in a major sensitive case (A16)."),
    )
    flagged_at = models.DateTimeField(_("flagged at"), null=True, blank=True, editable=False)
    assessed_stage = models.CharField(
        _("stage the level was set at"), max_length=16, choices=Stage.choices, blank=True, editable=False
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "type_code", "sequence"], name="cases_case_number_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["court", "-filed_on", "-id"], name="cases_case_court_filed_idx"),
            models.Index(fields=["judge", "stage"], name="cases_case_judge_idx"),
            models.Index(fields=["court", "risk_level"], name="cases_case_court_level_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_flagged(self) -> bool:
        return self.flagged_at is not None or self.risk_level_id is not None

    @property
    def needs_reassessment(self) -> bool:
        """A level was set, at an earlier stage (A14: the level is reassessed at each)."""
        return self.risk_level_id is not None and self.assessed_stage != self.stage


class Party(VersionedModel):
    """A party to a case: a person or an organisation, its standing, and for a person
    the identity document (number encrypted, blind index for exact look-up) (A14)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="parties")
    kind = models.CharField(_("kind of party"), max_length=16, choices=PartyKind.choices)
    role = models.CharField(_("standing"), max_length=32, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=100)
    document_kind = models.CharField(
        _("document type"), max_length=32, choices=DocumentType.choices, blank=True
    )
    document_number = EncryptedTextField(_("document number"), blank=True)
    document_index = BlindIndexField(
        _("document index"),
        blank=True,
        source="document_number",
        purpose=PARTY_DOCUMENT_PURPOSE,
    )
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    removed_reason = models.CharField(_("why it was removed"), max_length=200, blank=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["case_id", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=PartyKind.PERSON) | models.Q(document_kind=""),
                name="cases_party_document_of_a_person",
            ),
        ]
        indexes = [
            models.Index(fields=["document_index"], name="cases_party_document_idx"),
            # The search by a party's name reads each case's parties' names from here
            # alone, never the rows with their encrypted documents (selectors.cases_for);
            # removed parties are not searched (removed_at is in it, so it still covers).
            models.Index(fields=["case", "name", "removed_at"], name="cases_party_case_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.case.court_id

    @property
    def masked_document(self) -> str:
        return mask_document(self.document_number) if self.document_number else ""


class PartyScreening(models.Model):
    """What screening a party against the controlled list found, when the case was filed
    or the party added (A14, A15): one row per listed person the party may be. Written
    once, never changed; read only by those who may know the list's answer."""

    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.PROTECT, related_name="screenings"
    )
    person = models.ForeignKey(
        "persons_of_concern.PersonOfConcern",
        verbose_name=_("person of concern"),
        on_delete=models.PROTECT,
        related_name="case_screenings",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=ScreeningOutcome.choices)
    screened_at = models.DateTimeField(_("screened at"))

    objects = PartyScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["party_id", "id"]
        verbose_name = _("screening of a party")
        verbose_name_plural = _("screenings of parties")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "person", "screened_at"], name="cases_screening_once_per_run"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} · {self.get_outcome_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.party.case.court_id


class CaseImport(VersionedModel):
    """A sheet of cases a filing clerk uploaded to register them at once (A14): kept,
    encrypted, between the preview and the confirmation, filed by a background task all
    or nothing, then emptied. The sheet holds parties' identity numbers, so its content
    is encrypted at rest like every such number and never reaches the audit trail; only
    its name and SHA-256 do."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="case_imports"
    )
    uploaded_by = models.ForeignKey(
        "organization.Account", verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content = EncryptedTextField(_("content"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total = models.PositiveIntegerField(_("cases in the sheet"), default=0)
    done = models.PositiveIntegerField(_("cases imported"), default=0)
    error = models.TextField(_("why it failed"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import of cases")
        verbose_name_plural = _("imports of cases")
        indexes = [models.Index(fields=["court", "-created_at"], name="cases_import_court_idx")]

    def __str__(self) -> str:
        return self.file_name


class RiskAssessment(models.Model):
    """One line of a case's risk history (A14): the flags ticked, a level proposed by the
    judge or set by the division chief, at which stage, by whom, when and why. Written
    once, never changed."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AssessmentKind.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    level = models.ForeignKey(
        RiskLevel, verbose_name=_("level"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    flags = models.ManyToManyField(RiskFlag, verbose_name=_("risk flags"), blank=True, related_name="+")
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["case_id", "at", "id"]
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.case.court_id


class Acknowledged(models.Model):
    """Who acknowledged an alert or a report of a risky case, and when (A14, A16)."""

    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class RiskAlert(Acknowledged):
    """An alert about a risky case to one level of the court (A14, A16): the judge in
    charge, the division chief, the leaders, the president, the higher court. It must be
    acknowledged; one nobody acknowledges by `due_at` goes one level up, once: each
    occasion reaches each level at most once (the unique constraint), so a job that runs
    twice never alerts twice."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(_("kind"), max_length=16, choices=AlertKind.choices)
    occasion = models.CharField(_("occasion"), max_length=60)
    tier = models.PositiveSmallIntegerField(_("addressed to"), choices=Tier.choices)
    created_at = models.DateTimeField(_("sent at"))
    due_at = models.DateTimeField(_("to be acknowledged by"))
    escalated_at = models.DateTimeField(_("raised one level up at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("risk alert")
        verbose_name_plural = _("risk alerts")
        constraints = [
            models.UniqueConstraint(fields=["case", "occasion", "tier"], name="cases_alert_once_per_level"),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(acknowledged_at__isnull=True, escalated_at__isnull=True),
                name="cases_alert_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()} · {self.get_tier_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.case.court_id

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


class ContingencyPlan(VersionedModel):
    """The contingency plan (预案) a case at a level that needs one must have, approved,
    before it moves to its next stage (A16): who leads and who helps, and the three in
    step — lawful handling, the public-opinion line, social control with the police —
    with the judge's security, what triggers the plan, and whom to call. A change after
    approval needs a new approval."""

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="contingency_plan"
    )
    lead = models.ForeignKey(
        "organization.Person", verbose_name=_("lead"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(
        "organization.Person", verbose_name=_("members"), blank=True, related_name="+"
    )
    lawful_handling = models.TextField(_("lawful handling"))
    opinion_line = models.TextField(_("public-opinion line"))
    social_control = models.TextField(_("social control, with the police"))
    judge_security = models.TextField(_("the judge's security"))
    triggers = models.TextField(_("what triggers the plan"))
    contacts = models.TextField(_("contacts"))
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["case_id"]
        verbose_name = _("contingency plan")
        verbose_name_plural = _("contingency plans")

    def __str__(self) -> str:
        return str(self.case)

    @property
    def audit_court_id(self) -> int:
        return self.case.court_id


class UpwardReport(Acknowledged):
    """A report on a major sensitive case to the next level up (A16): judge → division
    chief → leader in charge → president → higher court and the political-legal
    committee, one level at a time. Each level acknowledges it (the committee's receipt
    is recorded by the court) and may pass it on; a report not acknowledged in time is
    raised with the level above (its alert, RiskAlert)."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="upward_reports"
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("passed on from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="passed_on",
    )
    tier = models.PositiveSmallIntegerField(_("reported to"), choices=Tier.choices)
    summary = models.TextField(_("what is reported"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"))
    due_at = models.DateTimeField(_("to be acknowledged by"))
    receipt_note = models.CharField(
        _("receipt"),
        max_length=200,
        blank=True,
        help_text=_("For the political-legal committee: who received it, and how."),
    )

    class Meta:
        ordering = ["case_id", "sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["previous", "tier"], name="cases_report_passed_on_once"),
        ]
        verbose_name = _("upward report")
        verbose_name_plural = _("upward reports")

    def __str__(self) -> str:
        return f"{self.case} → {self.get_tier_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.case.court_id


class PublicStatement(VersionedModel):
    """A public statement on a case at a level that needs a plan: drafted, signed off by
    the court's leaders (after the publicity department, the political-legal committee
    or the higher court, as the sign-off says), and only then published (A16). The
    published text is kept as it was."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="statements"
    )
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=16, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sign_off_note = models.CharField(
        _("signed off after"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the publicity department, the political-legal committee, the higher court."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "-created_at", "-id"]
        verbose_name = _("public statement")
        verbose_name_plural = _("public statements")

    def __str__(self) -> str:
        return f"{self.case} · {self.get_status_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.case.court_id
