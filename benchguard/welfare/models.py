"""Welfare and care of judges and staff (A20, A21, A25, A28): insurance policies and
claims, the occupational risk fund and the special assistance fund with their entries,
the condolence caps and payments with their approval chain, condolence visits,
applications to the special fund, and the follow-up after harm.

Every row is about a person of a court (quota judge, support staff or other staff:
A28); amounts are decimals of yuan, bounded. A fund's balance is kept on its row and
never goes below zero (a check constraint, and the payment service locks the row)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import VersionedModel
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.welfare import querysets as qs
from benchguard.welfare.choices import (
    ApplicationStatus,
    ClaimStatus,
    CondolenceStatus,
    CounsellingAnswer,
    EntryDirection,
    FollowUpReason,
    FundKind,
    Ground,
    ItemKind,
    ItemStatus,
    Occasion,
    OnDuty,
    PolicyKind,
    StepKind,
)

USER = settings.AUTH_USER_MODEL
MAX_AMOUNT = Decimal("10000000.00")  # ten million yuan: no welfare sum here is larger
POSITIVE = [MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)]
NOT_NEGATIVE = [MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)]


def money(verbose_name: Any, *, positive: bool = True, **kwargs: Any) -> models.DecimalField:
    """An amount in yuan: 12 digits, 2 places, bounded."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=POSITIVE if positive else NOT_NEGATIVE,
        **kwargs,
    )


def _person(verbose: Any = None, related: str = "+") -> Any:
    return models.ForeignKey(
        "organization.Person",
        verbose_name=verbose or _("person"),
        on_delete=models.PROTECT,
        related_name=related,
    )


def _court() -> Any:
    return models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )


# --- Insurance (A20) ------------------------------------------------------------------


class InsurancePolicy(VersionedModel):
    """An accident or health insurance policy the court took out for its judges and
    staff (A20): the insurer, the kind, the period, the people insured and the sums paid
    per event."""

    court = _court()
    insurer = models.CharField(_("insurer"), max_length=100)
    kind = models.CharField(_("kind of insurance"), max_length=20, choices=PolicyKind.choices)
    number = models.CharField(_("policy number"), max_length=60)
    starts_on = models.DateField(_("in force from"), validators=[PLANNED])
    ends_on = models.DateField(_("in force until"), validators=[PLANNED])
    sum_death = money(_("sum on death per event"), positive=False, default=0)
    sum_disability = money(_("sum on disability per event"), positive=False, default=0)
    sum_medical = money(_("medical costs per event"), positive=False, default=0)
    note = models.TextField(_("note"), blank=True)
    insured = models.ManyToManyField(
        "organization.Person", verbose_name=_("people insured"), related_name="insurance_policies", blank=True
    )

    objects = qs.InsurancePolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("insurance policy")
        verbose_name_plural = _("insurance policies")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "insurer", "number"], name="welfare_policy_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="welfare_policy_period_order"
            ),
        ]
        indexes = [models.Index(fields=["court", "-starts_on"], name="welfare_policy_court_idx")]

    def __str__(self) -> str:
        return f"{self.insurer} · {self.number}"


class InsuranceClaim(VersionedModel):
    """A claim on a policy after an event (A20): what happened and when, whether it was
    in the line of duty (as decided, and by whom), the documents, when it was submitted
    and paid, and the amounts."""

    court = _court()
    policy = models.ForeignKey(
        InsurancePolicy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="claims"
    )
    person = _person(_("person insured"))
    event_on = models.DateField(_("date of the event"), validators=[HAPPENED])
    event = models.TextField(_("what happened"))
    on_duty = models.CharField(
        _("in the line of duty"), max_length=12, choices=OnDuty.choices, default=OnDuty.UNDECIDED
    )
    on_duty_decided_by = models.ForeignKey(
        USER, verbose_name=_("decided by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    documents = models.TextField(
        _("documents"), blank=True, help_text=_("The documents handed in, one a line.")
    )
    amount_claimed = money(_("amount claimed"))
    status = models.CharField(
        _("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.PREPARING
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True, validators=[HAPPENED])
    paid_on = models.DateField(_("paid on"), null=True, blank=True, validators=[HAPPENED])
    amount_paid = money(_("amount paid"), null=True, blank=True)
    outcome_note = models.TextField(_("insurer's answer"), blank=True)
    followup = models.ForeignKey(
        "welfare.FollowUp",
        verbose_name=_("follow-up after harm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = qs.InsuranceClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-event_on", "-id"]
        verbose_name = _("insurance claim")
        verbose_name_plural = _("insurance claims")
        indexes = [models.Index(fields=["court", "status", "-event_on"], name="welfare_claim_court_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False, amount_paid__isnull=False),
                name="welfare_claim_paid_has_date_and_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.event_on}"


# --- Funds (A20 risk fund, A25 special assistance fund) --------------------------------


class Fund(VersionedModel):
    """A court's occupational risk fund (A20) or special assistance fund (A25) and its
    balance, which never goes below zero."""

    court = _court()
    kind = models.CharField(_("fund"), max_length=10, choices=FundKind.choices)
    balance = money(_("balance"), positive=False, default=0)

    objects = qs.WelfareFundQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "kind", "id"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        constraints = [
            models.UniqueConstraint(fields=["court", "kind"], name="welfare_fund_one_per_court"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="welfare_fund_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class FundEntry(models.Model):
    """One income to or payment from a fund (A20, A25), with the balance after it.
    Append-only: written by the fund's services only."""

    fund = models.ForeignKey(Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="entries")
    direction = models.CharField(_("income or payment"), max_length=10, choices=EntryDirection.choices)
    amount = money(_("amount"))
    on = models.DateField(_("date"), validators=[HAPPENED])
    purpose = models.CharField(_("purpose"), max_length=200)
    person = models.ForeignKey(
        "organization.Person",
        verbose_name=_("paid to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    balance_after = money(_("balance after"), positive=False)
    claim = models.ForeignKey(
        InsuranceClaim,
        verbose_name=_("insurance claim"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_entries",
    )
    application = models.ForeignKey(
        "welfare.AssistanceApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_entries",
    )
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = qs.WelfareFundEntryQuerySet.as_manager()

    class Meta:
        ordering = ["fund_id", "-recorded_at", "-id"]
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="welfare_entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0), name="welfare_entry_balance_not_negative"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(application__isnull=False),
                name="welfare_entry_one_per_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.amount}"

    @property
    def court_id(self) -> int:
        return self.fund.court_id


# --- Condolence (A21) -----------------------------------------------------------------


class CondolenceCap(VersionedModel):
    """The highest condolence payment for an occasion under a jurisdiction's union rules
    (A21, 总工办〔2017〕32号 and the province's rules). A setting: the city administrator
    keeps the table; the rows seeded are an example province's caps and say so."""

    jurisdiction = models.CharField(_("jurisdiction"), max_length=60)
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    cap = money(_("cap"))
    is_example = models.BooleanField(_("example figures"), default=False)
    in_force = models.BooleanField(_("in force"), default=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["jurisdiction", "occasion", "id"]
        verbose_name = _("condolence cap")
        verbose_name_plural = _("condolence caps")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "occasion"], name="welfare_cap_unique"),
            models.UniqueConstraint(
                fields=["occasion"], condition=Q(in_force=True), name="welfare_cap_one_in_force"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} · {self.get_occasion_display()} · {self.cap}"


class CondolencePayment(VersionedModel):
    """A condolence or hardship payment to a person (A21), checked against the cap in
    force for its occasion; above the cap only as a raised standard for harm in the line
    of duty, approved by a court leader (recorded). Its approval chain is in `steps`."""

    court = _court()
    person = _person()
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    relative = models.CharField(_("relative concerned"), max_length=50, blank=True)
    reason = models.TextField(_("reason"))
    amount = money(_("amount"))
    cap = money(_("cap when requested"), null=True, blank=True)
    raised_standard = models.BooleanField(_("raised standard (harm in the line of duty)"), default=False)
    raised_approved_by = models.ForeignKey(
        USER,
        verbose_name=_("raised standard approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    raised_approved_at = models.DateTimeField(_("raised standard approved at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CondolenceStatus.choices, default=CondolenceStatus.REQUESTED
    )
    voucher = models.CharField(_("finance voucher"), max_length=60, blank=True)
    followup = models.ForeignKey(
        "welfare.FollowUp",
        verbose_name=_("follow-up after harm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="condolence_payments",
    )
    requested_by = models.ForeignKey(
        USER, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = qs.CondolencePaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("condolence payment")
        verbose_name_plural = _("condolence payments")
        indexes = [
            models.Index(fields=["court", "status", "-created_at"], name="welfare_condolence_court_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | Q(amount__lte=F("cap")) | Q(raised_standard=True),
                name="welfare_condolence_within_cap_or_raised",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_occasion_display()}"

    @property
    def above_cap(self) -> bool:
        return self.cap is not None and self.amount > self.cap


class CondolenceStep(models.Model):
    """One step of a payment's approval chain (A21): who did it, when, and a note.
    Append-only."""

    payment = models.ForeignKey(
        CondolencePayment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="steps"
    )
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    by = models.ForeignKey(USER, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["payment_id", "at", "id"]
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class CondolenceVisit(VersionedModel):
    """A visit by the union to a person on an occasion (A21): illness, childbirth,
    bereavement, hardship or harm in the line of duty."""

    court = _court()
    person = _person()
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    visited_on = models.DateField(_("visited on"), validators=[HAPPENED])
    visitors = models.CharField(_("who visited"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    followup = models.ForeignKey(
        "welfare.FollowUp",
        verbose_name=_("follow-up after harm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
    )

    objects = qs.CondolenceVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("condolence visit")
        verbose_name_plural = _("condolence visits")

    def __str__(self) -> str:
        return f"{self.person} · {self.visited_on}"


# --- Special assistance fund (A25) ----------------------------------------------------


class AssistanceApplication(VersionedModel):
    """An application to the special assistance fund (A25) for an outstanding
    contribution or family hardship; approved by the committee — the chair or a
    vice-chair, or a resolution of a committee meeting — then paid from the fund."""

    court = _court()
    person = _person(_("applicant"))
    ground = models.CharField(_("ground"), max_length=14, choices=Ground.choices)
    facts = models.TextField(_("facts"))
    amount_requested = money(_("amount requested"))
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    amount_approved = money(_("amount approved"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, verbose_name=_("decided by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True, validators=[HAPPENED])
    resolution = models.ForeignKey(
        "committee.Resolution",
        verbose_name=_("meeting resolution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField(_("reasons"), blank=True)
    followup = models.ForeignKey(
        "welfare.FollowUp",
        verbose_name=_("follow-up after harm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    submitted_by = models.ForeignKey(
        USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = qs.AssistanceApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application to the special assistance fund")
        verbose_name_plural = _("applications to the special assistance fund")
        indexes = [
            models.Index(fields=["court", "status", "-created_at"], name="welfare_application_court_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "paid"]) | Q(amount_approved__isnull=False),
                name="welfare_application_approved_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_ground_display()}"


# --- Follow-up after harm -------------------------------------------------------------


class FollowUp(VersionedModel):
    """The follow-up opened at once when an incident (A8, A9) or a committee matter
    records that a judge or staff member was physically harmed or their family
    threatened: one per person per incident (or matter), with its items on the desks."""

    court = _court()
    person = _person(related="welfare_followups")
    reason = models.CharField(_("reason"), max_length=20, choices=FollowUpReason.choices)
    incident = models.ForeignKey(
        "incidents.Incident",
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("committee matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    objects = qs.WelfareFollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("follow-up after harm")
        verbose_name_plural = _("follow-ups after harm")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "incident"],
                condition=Q(incident__isnull=False),
                name="welfare_followup_incident",
            ),
            models.UniqueConstraint(
                fields=["person", "matter"], condition=Q(matter__isnull=False), name="welfare_followup_matter"
            ),
            models.CheckConstraint(
                condition=Q(incident__isnull=False) | Q(matter__isnull=False),
                name="welfare_followup_has_source",
            ),
        ]
        indexes = [models.Index(fields=["court", "-opened_at"], name="welfare_followup_court_idx")]

    def __str__(self) -> str:
        return f"{self.person} · {self.opened_at:%Y-%m-%d}"


class FollowUpItem(VersionedModel):
    """One item of a follow-up on its desk: the condolence visit (union), the insurance
    claim (personnel office), the counselling offer (counsellor: only whether it was
    accepted or declined) and the special fund's consideration (committee office); with
    its due date, closed with what was done."""

    followup = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.PROTECT, related_name="items"
    )
    kind = models.CharField(_("item"), max_length=20, choices=ItemKind.choices)
    owner_role = models.CharField(_("desk"), max_length=30)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=8, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    outcome = models.TextField(_("what was done"), blank=True)
    counselling = models.CharField(
        _("counselling offer"), max_length=10, choices=CounsellingAnswer.choices, blank=True
    )
    done_by = models.ForeignKey(
        USER, verbose_name=_("closed by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = qs.WelfareFollowUpItemQuerySet.as_manager()

    class Meta:
        ordering = ["followup_id", "due_on", "id"]
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        constraints = [
            models.UniqueConstraint(fields=["followup", "kind"], name="welfare_item_one_per_kind"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(done_at__isnull=False), name="welfare_item_done_has_time"
            ),
        ]
        indexes = [models.Index(fields=["owner_role", "status", "due_on"], name="welfare_item_desk_idx")]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def audit_court_id(self) -> int:
        return self.followup.court_id

    @property
    def overdue(self) -> bool:
        return self.status == ItemStatus.OPEN and self.due_on < timezone.localdate()
