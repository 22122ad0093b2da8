"""Every change to the welfare registers (A20, A21, A25) and to the follow-up after harm.

Insurance (A20): policies and their insured people, claims (prepared → submitted → paid
or refused; whether in the line of duty decided and recorded). Funds (A20 risk fund,
A25 special fund): income and payments, each an entry with the balance after it; a
payment locks the fund's row first, so two payments at once never take it below zero.
Condolence (A21): a payment is checked against the cap in force for its occasion and
refused above it, naming the cap, unless it asks for a raised standard for harm in the
line of duty, which a court leader approves (recorded); its approval chain moves
request → union group → union chair → finance paid → receipt, one step at a time.
Special assistance (A25): an application is decided by the chair or a vice-chair, or
recorded by the office with the resolution of a committee meeting, then paid from the
fund. Follow-up after harm: opened at once (signals.py) with an item on each desk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from benchguard.committee.models import Resolution
from benchguard.core import audit
from benchguard.core.exports import xlsx
from benchguard.core.services import (
    create_versioned,
    lock,
    require_status,
    save_versioned,
    set_related,
    update_versioned,
)
from benchguard.core.types import Actor
from benchguard.incidents.models import Incident
from benchguard.matters.models import Matter
from benchguard.notifications.services import choice_label, localized, notify
from benchguard.organization.models import Court, Person
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import signed_in
from benchguard.welfare import permissions
from benchguard.welfare.choices import (
    ApplicationStatus,
    ClaimStatus,
    CondolenceStatus,
    EntryDirection,
    FundKind,
    ItemKind,
    ItemStatus,
    OnDuty,
    StepKind,
)
from benchguard.welfare.models import (
    AssistanceApplication,
    CondolenceCap,
    CondolencePayment,
    CondolenceStep,
    CondolenceVisit,
    FollowUp,
    FollowUpItem,
    Fund,
    FundEntry,
    InsuranceClaim,
    InsurancePolicy,
)

# [U] Days each desk has for its follow-up item (a setting: WELFARE_FOLLOWUP_DAYS).
FOLLOWUP_DAYS: dict[str, int] = {
    ItemKind.CONDOLENCE_VISIT: 3,
    ItemKind.INSURANCE_CLAIM: 10,
    ItemKind.COUNSELLING_OFFER: 3,
    ItemKind.SPECIAL_FUND: 15,
}


def _refuse(field: str | None, message: Any, code: str) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


def _of_court(person: Person, court: Court) -> None:
    if person.court_id != court.pk:
        raise _refuse("person", _("The person must belong to this court."), "other_court")


# --- Insurance (A20) ------------------------------------------------------------------

POLICY_FIELDS = [
    "court",
    "insurer",
    "kind",
    "number",
    "starts_on",
    "ends_on",
    "sum_death",
    "sum_disability",
    "sum_medical",
    "note",
]


@transaction.atomic
def add_policy(
    *,
    actor: Actor,
    court: Court,
    insurer: str,
    kind: str,
    number: str,
    starts_on: dt.date,
    ends_on: dt.date,
    sum_death: Decimal = Decimal(0),
    sum_disability: Decimal = Decimal(0),
    sum_medical: Decimal = Decimal(0),
    note: str = "",
    insured: Sequence[Person] = (),
) -> InsurancePolicy:
    """Record a policy the court took out (A20) and the people it insures."""
    if not permissions.can_keep_insurance(actor, court.pk):
        raise PermissionDenied
    if ends_on < starts_on:
        raise _refuse("ends_on", _("The policy cannot end before it starts."), "order")
    if InsurancePolicy.objects.filter(court=court, insurer=insurer.strip(), number=number.strip()).exists():
        raise _refuse("number", _("This insurer's policy of this number is already recorded."), "duplicate")
    policy = create_versioned(
        InsurancePolicy(
            court=court,
            insurer=insurer.strip(),
            kind=kind,
            number=number.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            sum_death=sum_death,
            sum_disability=sum_disability,
            sum_medical=sum_medical,
            note=note.strip(),
        ),
        actor=actor,
        action="welfare.policy.add",
        fields=POLICY_FIELDS,
    )
    if insured:
        set_insured(actor=actor, policy=policy, people=insured)
    return policy


@transaction.atomic
def set_insured(*, actor: Actor, policy: InsurancePolicy, people: Sequence[Person]) -> InsurancePolicy:
    """Who the policy insures: people of the court, any category (A20, A28)."""
    if not permissions.can_keep_insurance(actor, policy.court_id):
        raise PermissionDenied
    if any(person.court_id != policy.court_id for person in people):
        raise _refuse("insured", _("The people insured must belong to this court."), "other_court")
    policy = lock(policy)
    set_related(policy, actor=actor, action="welfare.policy.insured", insured=people)
    return policy


CLAIM_FIELDS = [
    "court",
    "policy",
    "person",
    "event_on",
    "event",
    "documents",
    "amount_claimed",
    "status",
    "followup",
]


def _document_list(documents: str) -> str:
    """The documents handed in, one a line, without blank lines or stray spaces."""
    return "\n".join(line.strip() for line in documents.splitlines() if line.strip())


@transaction.atomic
def add_claim(
    *,
    actor: Actor,
    policy: InsurancePolicy,
    person: Person,
    event_on: dt.date,
    event: str,
    amount_claimed: Decimal,
    documents: str = "",
    followup: FollowUp | None = None,
) -> InsuranceClaim:
    """Prepare a claim on a policy for an insured person's event (A20)."""
    if not permissions.can_keep_insurance(actor, policy.court_id):
        raise PermissionDenied
    if not policy.insured.filter(pk=person.pk).exists():
        raise _refuse("person", _("This person is not insured by the policy."), "not_insured")
    if not policy.starts_on <= event_on <= policy.ends_on:
        raise _refuse("event_on", _("The event must fall within the policy's period."), "outside_period")
    if followup is not None and followup.person_id != person.pk:
        raise _refuse("followup", _("The follow-up is about another person."), "other_person")
    claim = InsuranceClaim(
        court_id=policy.court_id,
        policy=policy,
        person=person,
        event_on=event_on,
        event=event.strip(),
        documents=_document_list(documents),
        amount_claimed=amount_claimed,
        followup=followup,
        recorded_by=signed_in(actor),
    )
    return create_versioned(claim, actor=actor, action="welfare.claim.add", fields=CLAIM_FIELDS)


def _locked_claim(actor: Actor, claim: InsuranceClaim, version: int | None) -> InsuranceClaim:
    if not permissions.can_handle_claim(actor, claim):
        raise PermissionDenied
    return lock(claim, version)


@transaction.atomic
def decide_on_duty(
    *, actor: Actor, claim: InsuranceClaim, on_duty: str, expected_version: int | None = None
) -> InsuranceClaim:
    """Record whether the event happened in the line of duty, as decided, and by whom."""
    claim = _locked_claim(actor, claim, expected_version)
    if on_duty not in (OnDuty.ON_DUTY, OnDuty.OFF_DUTY):
        raise _refuse("on_duty", _("Say whether it was in the line of duty or not."), "required")
    before = audit.snapshot(claim, ["on_duty", "on_duty_decided_by"])
    claim.on_duty = on_duty
    claim.on_duty_decided_by = signed_in(actor)
    return save_versioned(
        claim,
        actor=actor,
        action="welfare.claim.on_duty",
        fields=["on_duty", "on_duty_decided_by"],
        before=before,
    )


@transaction.atomic
def submit_claim(
    *,
    actor: Actor,
    claim: InsuranceClaim,
    submitted_on: dt.date,
    documents: str | None = None,
    expected_version: int | None = None,
) -> InsuranceClaim:
    """The claim went to the insurer with its documents (A20): those listed when it was
    recorded, or `documents` as listed when it is submitted."""
    claim = _locked_claim(actor, claim, expected_version)
    require_status(
        claim,
        ClaimStatus.PREPARING,
        message=_("Only a claim being prepared can be submitted; this one is “%(status)s”."),
    )
    if documents is not None:
        claim.documents = _document_list(documents)
    if not claim.documents.strip():
        message = _("List the documents handed in before submitting the claim.")
        raise _refuse("documents", message, "documents")
    if submitted_on < claim.event_on:
        raise _refuse("submitted_on", _("The claim cannot be submitted before the event."), "order")
    fields = ["status", "submitted_on", "documents"]
    before = audit.snapshot(claim, fields)
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_on = submitted_on
    return save_versioned(claim, actor=actor, action="welfare.claim.submit", fields=fields, before=before)


@transaction.atomic
def record_claim_outcome(
    *,
    actor: Actor,
    claim: InsuranceClaim,
    paid: bool,
    on: dt.date,
    amount_paid: Decimal | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> InsuranceClaim:
    """The insurer paid (how much, when) or refused (with its answer) (A20)."""
    claim = _locked_claim(actor, claim, expected_version)
    require_status(
        claim,
        ClaimStatus.SUBMITTED,
        message=_("Only a submitted claim can be settled; this one is “%(status)s”."),
    )
    if claim.submitted_on and on < claim.submitted_on:
        raise _refuse("on", _("The answer cannot predate the submission."), "order")
    fields = ["status", "paid_on", "amount_paid", "outcome_note"]
    before = audit.snapshot(claim, fields)
    if paid:
        if amount_paid is None:
            raise _refuse("amount_paid", _("Enter the amount the insurer paid."), "required")
        claim.status, claim.paid_on, claim.amount_paid = ClaimStatus.PAID, on, amount_paid
    else:
        if not note.strip():
            raise _refuse("note", _("Enter the insurer's answer."), "required")
        claim.status = ClaimStatus.REFUSED
    claim.outcome_note = note.strip()
    return save_versioned(claim, actor=actor, action="welfare.claim.outcome", fields=fields, before=before)


# --- Funds ----------------------------------------------------------------------------


def fund_of(court: Court | int, kind: str) -> Fund:
    """The court's fund of this kind, opened with a zero balance the first time."""
    court_id = court if isinstance(court, int) else court.pk
    fund = Fund.objects.filter(court_id=court_id, kind=kind).first()
    if fund is not None:
        return fund
    try:
        with transaction.atomic():
            return create_versioned(
                Fund(court_id=court_id, kind=kind),
                actor=None,
                action="welfare.fund.open",
                fields=["court", "kind"],
            )
    except IntegrityError:  # opened by someone else a moment ago
        return Fund.objects.get(court_id=court_id, kind=kind)


def _entry(
    fund: Fund, *, actor: Actor, direction: str, amount: Decimal, on: dt.date, purpose: str, **links: Any
) -> FundEntry:
    """Move the locked fund's balance and write the entry (both in the caller's transaction)."""
    if amount is None or amount <= 0:
        raise _refuse("amount", _("The amount must be more than zero."), "not_positive")
    if not purpose.strip():
        raise _refuse("purpose", _("Say what the money is for."), "required")
    before = audit.snapshot(fund, ["balance"])
    if direction == EntryDirection.PAYMENT:
        if amount > fund.balance:
            raise _refuse(
                "amount",
                _(
                    "The fund holds only %(balance)s yuan; a payment of %(amount)s yuan would take it "
                    "below zero."
                )
                % {"balance": fund.balance, "amount": amount},
                "insufficient",
            )
        fund.balance -= amount
    else:
        fund.balance += amount
    entry = FundEntry(
        fund=fund,
        direction=direction,
        amount=amount,
        on=on,
        purpose=purpose.strip(),
        balance_after=fund.balance,
        recorded_by=signed_in(actor),
        **links,
    )
    entry.full_clean()
    entry.save(force_insert=True)
    save_versioned(
        fund,
        actor=actor,
        action=f"welfare.fund.{direction}",
        fields=["balance"],
        before=before,
        extra={"entry": entry.pk, "amount": str(amount)},
    )
    return entry


@transaction.atomic
def record_fund_income(*, actor: Actor, fund: Fund, amount: Decimal, on: dt.date, purpose: str) -> FundEntry:
    """Money paid into a fund: an allocation, a donation, a union contribution."""
    if not permissions.can_keep_fund(actor, fund):
        raise PermissionDenied
    return _entry(
        lock(fund), actor=actor, direction=EntryDirection.INCOME, amount=amount, on=on, purpose=purpose
    )


@transaction.atomic
def pay_from_fund(
    *,
    actor: Actor,
    fund: Fund,
    amount: Decimal,
    on: dt.date,
    purpose: str,
    person: Person | None = None,
    claim: InsuranceClaim | None = None,
) -> FundEntry:
    """A payment from a fund to a person (A20: from the risk fund, for an event in the
    line of duty). The fund's row is locked first: two payments at once are made one
    after the other, and the second is refused if the first left too little."""
    if not permissions.can_keep_fund(actor, fund):
        raise PermissionDenied
    if person is not None and person.court_id != fund.court_id:
        raise _refuse("person", _("The person must belong to this court."), "other_court")
    if claim is not None:
        if claim.court_id != fund.court_id:
            raise _refuse("claim", _("Choose a claim of this court."), "other_court")
        if fund.kind == FundKind.RISK and claim.on_duty != OnDuty.ON_DUTY:
            raise _refuse(
                "claim", _("The risk fund pays for events decided to be in the line of duty."), "off_duty"
            )
        person = claim.person
    return _entry(
        lock(fund),
        actor=actor,
        direction=EntryDirection.PAYMENT,
        amount=amount,
        on=on,
        purpose=purpose,
        person=person,
        claim=claim,
    )


# --- Condolence (A21) -----------------------------------------------------------------


def cap_in_force(occasion: str) -> CondolenceCap | None:
    return CondolenceCap.objects.filter(occasion=occasion, in_force=True).first()


@transaction.atomic
def add_cap(
    *,
    actor: Actor,
    jurisdiction: str,
    occasion: str,
    cap: Decimal,
    is_example: bool = False,
    in_force: bool = True,
    source: str = "",
) -> CondolenceCap:
    """The city administrator adds a row to the cap table (A21)."""
    if not (actor is not None and getattr(actor, "is_superuser", False)):
        raise PermissionDenied
    row = CondolenceCap(
        jurisdiction=jurisdiction.strip(),
        occasion=occasion,
        cap=cap,
        is_example=is_example,
        in_force=in_force,
        source=source.strip(),
    )
    return create_versioned(
        row,
        actor=actor,
        action="welfare.cap.add",
        fields=["jurisdiction", "occasion", "cap", "is_example", "in_force"],
    )


@transaction.atomic
def update_cap(
    *, actor: Actor, cap: CondolenceCap, expected_version: int, changes: Mapping[str, Any]
) -> CondolenceCap:
    """The city administrator corrects the cap table (A21: a setting per jurisdiction)."""
    if not (actor is not None and getattr(actor, "is_superuser", False)):
        raise PermissionDenied
    return update_versioned(
        CondolenceCap,
        cap.pk,
        actor=actor,
        action="welfare.cap.update",
        expected_version=expected_version,
        changes=changes,
    )


def _step(payment: CondolencePayment, kind: str, actor: Actor, note: str = "") -> CondolenceStep:
    return CondolenceStep.objects.create(payment=payment, kind=kind, by=signed_in(actor), note=note.strip())


PAYMENT_FIELDS = [
    "court",
    "person",
    "occasion",
    "relative",
    "reason",
    "amount",
    "cap",
    "raised_standard",
    "status",
]


@transaction.atomic
def request_condolence(
    *,
    actor: Actor,
    court: Court,
    person: Person,
    occasion: str,
    amount: Decimal,
    reason: str,
    relative: str = "",
    raised_standard: bool = False,
    followup: FollowUp | None = None,
) -> CondolencePayment:
    """The union requests a condolence or hardship payment (A21). Above the cap in force
    for the occasion it is refused, naming the cap — unless it asks for a raised
    standard for harm in the line of duty, which a court leader must then approve."""
    if not permissions.can_keep_condolence(actor, court.pk):
        raise PermissionDenied
    _of_court(person, court)
    if not reason.strip():
        raise _refuse("reason", _("Say why the payment is made."), "required")
    cap = cap_in_force(occasion)
    if cap is None:
        raise _refuse(
            "occasion",
            _("No cap is set for this occasion; the city administrator sets the cap table first."),
            "no_cap",
        )
    if amount > cap.cap and not raised_standard:
        raise _refuse(
            "amount",
            _("%(amount)s yuan is above the cap of %(cap)s yuan for “%(occasion)s” (%(jurisdiction)s).")
            % {
                "amount": amount,
                "cap": cap.cap,
                "occasion": cap.get_occasion_display(),
                "jurisdiction": cap.jurisdiction,
            },
            "above_cap",
        )
    if raised_standard and followup is None and occasion != "harm_on_duty":
        raise _refuse(
            "raised_standard",
            _(
                "A raised standard is only for harm in the line of duty: choose that occasion or "
                "the follow-up after harm."
            ),
            "not_on_duty",
        )
    if followup is not None and followup.person_id != person.pk:
        raise _refuse("followup", _("The follow-up is about another person."), "other_person")
    payment = create_versioned(
        CondolencePayment(
            court=court,
            person=person,
            occasion=occasion,
            relative=relative.strip(),
            reason=reason.strip(),
            amount=amount,
            cap=cap.cap,
            raised_standard=raised_standard and amount > cap.cap,
            followup=followup,
            requested_by=signed_in(actor),
        ),
        actor=actor,
        action="welfare.condolence.request",
        fields=PAYMENT_FIELDS,
    )
    _step(payment, StepKind.REQUEST, actor)
    if payment.raised_standard:
        notify(
            recipients=accounts_with_roles(court.pk, *permissions.LEADERS),
            kind="welfare.condolence.raised",
            title=gettext_lazy("A condolence payment above its cap asks for a raised standard"),
            url=reverse("welfare:payment_detail", args=[payment.pk]),
            dedupe_key=f"welfare.condolence.raised:{payment.pk}",
            court=court,
        )
    return payment


@transaction.atomic
def approve_raised_standard(
    *, actor: Actor, payment: CondolencePayment, note: str = "", expected_version: int | None = None
) -> CondolencePayment:
    """A court leader approves the raised standard for harm in the line of duty (A21),
    recorded with the approver and the time."""
    payment = lock(payment, expected_version)
    if not permissions.can_approve_raised(actor, payment):
        if not payment.raised_standard or payment.raised_approved_by_id is not None:
            raise _refuse(
                None, _("This payment asks for no raised standard, or it was approved already."), "no_raise"
            )
        raise PermissionDenied
    before = audit.snapshot(payment, ["raised_approved_by", "raised_approved_at"])
    payment.raised_approved_by = signed_in(actor)
    payment.raised_approved_at = timezone.now()
    payment = save_versioned(
        payment,
        actor=actor,
        action="welfare.condolence.raise",
        fields=["raised_approved_by", "raised_approved_at"],
        before=before,
    )
    _step(payment, StepKind.RAISED_STANDARD, actor, note)
    return payment


# The chain: from which status each step moves a payment on, and to which.
CHAIN: dict[str, tuple[str, str, str]] = {
    StepKind.GROUP_CHECK: (CondolenceStatus.REQUESTED, CondolenceStatus.GROUP_CHECKED, "group_check"),
    StepKind.CHAIR_APPROVAL: (CondolenceStatus.GROUP_CHECKED, CondolenceStatus.APPROVED, "approve"),
    StepKind.FINANCE_PAID: (CondolenceStatus.APPROVED, CondolenceStatus.PAID, "paid"),
    StepKind.RECEIPT: (CondolenceStatus.PAID, CondolenceStatus.RECEIVED, "receipt"),
}
STEP_REFUSED = _("This step cannot be taken while the payment is “%(status)s”.")
SAME_PERSON = _(
    "You recorded the union group's check of this payment, so the union chair's "
    "approval must be recorded by someone else (segregation of duties)."
)


@transaction.atomic
def advance_condolence(
    *,
    actor: Actor,
    payment: CondolencePayment,
    step: str,
    note: str = "",
    voucher: str = "",
    expected_version: int | None = None,
) -> CondolencePayment:
    """Move a payment one step along its chain (A21), recording who and when: the union
    group's check, the union chair's approval (not before a raised standard is approved,
    and not by whoever recorded the group's check: segregation of duties),
    finance paid (the voucher number, recorded by the union: there is no finance role),
    the receipt. A step out of order is refused, naming the payment's status."""
    if step not in CHAIN:
        raise _refuse("step", _("Unknown step."), "invalid")
    if not permissions.can_move_payment(actor, payment):
        raise PermissionDenied
    payment = lock(payment, expected_version)
    source, target, verb = CHAIN[step]
    require_status(payment, source, message=STEP_REFUSED)
    if permissions.took_checked_step(actor, payment, step):
        raise _refuse(None, SAME_PERSON, "same_person")
    fields = ["status"]
    if step == StepKind.CHAIR_APPROVAL and payment.raised_standard and payment.raised_approved_by_id is None:
        raise _refuse(
            None, _("The raised standard must be approved by a court leader first."), "raise_pending"
        )
    if step == StepKind.FINANCE_PAID:
        if not voucher.strip():
            raise _refuse("voucher", _("Enter the finance voucher number."), "required")
        fields.append("voucher")
    before = audit.snapshot(payment, fields)
    payment.status = target
    if step == StepKind.FINANCE_PAID:
        payment.voucher = voucher.strip()
    payment = save_versioned(
        payment, actor=actor, action=f"welfare.condolence.{verb}", fields=fields, before=before
    )
    _step(payment, step, actor, note)
    return payment


@transaction.atomic
def refuse_condolence(
    *, actor: Actor, payment: CondolencePayment, note: str, expected_version: int | None = None
) -> CondolencePayment:
    """The union group or chair does not approve the payment, saying why."""
    if not permissions.can_move_payment(actor, payment):
        raise PermissionDenied
    payment = lock(payment, expected_version)
    require_status(payment, CondolenceStatus.REQUESTED, CondolenceStatus.GROUP_CHECKED, message=STEP_REFUSED)
    if not note.strip():
        raise _refuse("note", _("Say why the payment is not approved."), "required")
    before = audit.snapshot(payment, ["status"])
    payment.status = CondolenceStatus.REFUSED
    payment = save_versioned(
        payment, actor=actor, action="welfare.condolence.refuse", fields=["status"], before=before
    )
    _step(payment, StepKind.REFUSAL, actor, note)
    return payment


VISIT_FIELDS = ["court", "person", "occasion", "visited_on", "visitors", "note", "followup"]


@transaction.atomic
def record_visit(
    *,
    actor: Actor,
    court: Court,
    person: Person,
    occasion: str,
    visited_on: dt.date,
    visitors: str,
    note: str = "",
    followup: FollowUp | None = None,
) -> CondolenceVisit:
    """The union visited a person (A21)."""
    if not permissions.can_keep_condolence(actor, court.pk):
        raise PermissionDenied
    _of_court(person, court)
    if followup is not None and followup.person_id != person.pk:
        raise _refuse("followup", _("The follow-up is about another person."), "other_person")
    visit = CondolenceVisit(
        court=court,
        person=person,
        occasion=occasion,
        visited_on=visited_on,
        visitors=visitors.strip(),
        note=note.strip(),
        followup=followup,
    )
    return create_versioned(visit, actor=actor, action="welfare.visit.add", fields=VISIT_FIELDS)


# --- Special assistance fund (A25) ----------------------------------------------------

APPLICATION_FIELDS = ["court", "person", "ground", "facts", "amount_requested", "status", "followup"]


@transaction.atomic
def submit_application(
    *,
    actor: Actor,
    court: Court,
    person: Person,
    ground: str,
    facts: str,
    amount_requested: Decimal,
    followup: FollowUp | None = None,
) -> AssistanceApplication:
    """The committee office records an application to the special fund (A25)."""
    if not permissions.can_keep_applications(actor, court.pk):
        raise PermissionDenied
    _of_court(person, court)
    if not facts.strip():
        raise _refuse("facts", _("Describe the contribution or the hardship."), "required")
    if followup is not None and followup.person_id != person.pk:
        raise _refuse("followup", _("The follow-up is about another person."), "other_person")
    application = AssistanceApplication(
        court=court,
        person=person,
        ground=ground,
        facts=facts.strip(),
        amount_requested=amount_requested,
        followup=followup,
        submitted_by=signed_in(actor),
    )
    return create_versioned(
        application, actor=actor, action="welfare.application.submit", fields=APPLICATION_FIELDS
    )


DECIDE_REFUSED = _("Only an application awaiting the committee can be decided; this one is “%(status)s”.")


@transaction.atomic
def decide_application(
    *,
    actor: Actor,
    application: AssistanceApplication,
    approve: bool,
    decided_on: dt.date,
    amount_approved: Decimal | None = None,
    note: str = "",
    resolution: Resolution | None = None,
    expected_version: int | None = None,
) -> AssistanceApplication:
    """The committee decides (A25): the chair or a vice-chair, or the office recording
    the adopted resolution of a committee meeting that decided it."""
    application = lock(application, expected_version)
    require_status(application, ApplicationStatus.SUBMITTED, message=DECIDE_REFUSED)
    from benchguard.core.access import has_role

    court_id = application.court_id
    if has_role(actor, *permissions.DECIDERS, court_id=court_id):
        if resolution is not None:
            _check_resolution(resolution, court_id)
    elif has_role(actor, *permissions.OFFICE, court_id=court_id):
        if resolution is None:
            raise _refuse(
                "resolution", _("Choose the meeting's resolution that decided the application."), "required"
            )
        _check_resolution(resolution, court_id)
    else:
        raise PermissionDenied
    fields = ["status", "amount_approved", "decided_by", "decided_on", "resolution", "decision_note"]
    before = audit.snapshot(application, fields)
    if approve:
        if amount_approved is None:
            raise _refuse("amount_approved", _("Enter the amount approved."), "required")
        if amount_approved > application.amount_requested:
            # An approval grants what was asked, or less: more would be a new application.
            raise _refuse(
                "amount_approved",
                _("The amount approved may not exceed the %(requested)s yuan applied for.")
                % {"requested": application.amount_requested},
                "above_requested",
            )
        application.status, application.amount_approved = ApplicationStatus.APPROVED, amount_approved
    else:
        if not note.strip():
            raise _refuse("note", _("Give the reasons for not approving."), "required")
        application.status = ApplicationStatus.REFUSED
    application.decided_by = signed_in(actor)
    application.decided_on = decided_on
    application.resolution = resolution
    application.decision_note = note.strip()
    return save_versioned(
        application, actor=actor, action="welfare.application.decide", fields=fields, before=before
    )


def _check_resolution(resolution: Resolution, court_id: int) -> None:
    if resolution.meeting.court_id != court_id or not resolution.adopted:
        raise _refuse(
            "resolution", _("Choose an adopted resolution of this court's committee."), "other_court"
        )


@transaction.atomic
def pay_application(
    *, actor: Actor, application: AssistanceApplication, on: dt.date, expected_version: int | None = None
) -> FundEntry:
    """Pay an approved application from the court's special fund (A25): the fund's row is
    locked, the balance never goes below zero."""
    if not permissions.can_keep_applications(actor, application.court_id):
        raise PermissionDenied
    application = lock(application, expected_version)
    require_status(
        application,
        ApplicationStatus.APPROVED,
        message=_("Only an approved application can be paid; this one is “%(status)s”."),
    )
    assert application.amount_approved is not None
    fund = lock(fund_of(application.court_id, FundKind.SPECIAL))
    entry = _entry(
        fund,
        actor=actor,
        direction=EntryDirection.PAYMENT,
        amount=application.amount_approved,
        on=on,
        purpose=str(_("Special assistance: %(ground)s") % {"ground": application.get_ground_display()}),
        person=application.person,
        application=application,
    )
    before = audit.snapshot(application, ["status"])
    application.status = ApplicationStatus.PAID
    save_versioned(
        application, actor=actor, action="welfare.application.pay", fields=["status"], before=before
    )
    return entry


# --- Follow-up after harm -------------------------------------------------------------


def followup_days() -> dict[str, int]:
    return {**FOLLOWUP_DAYS, **getattr(settings, "WELFARE_FOLLOWUP_DAYS", {})}


@transaction.atomic
def open_followup(
    *,
    actor: Actor,
    person: Person,
    reason: str,
    incident: Incident | None = None,
    matter: Matter | None = None,
) -> FollowUp | None:
    """Open the follow-up after harm for a person (signals.py calls it the moment an
    incident or matter records the harm or the threat): an item on each desk of the
    person's court, each with its due date, and each desk told. One per person per
    incident (or matter): a second call returns None."""
    if (incident is None) == (matter is None):
        raise ValueError("a follow-up comes from one incident or one matter")
    source: dict[str, Any] = {"incident": incident} if incident is not None else {"matter": matter}
    if FollowUp.objects.filter(person=person, **source).exists():
        return None
    if matter is not None:
        linked = Incident.objects.filter(matter=matter).values_list("pk", flat=True).first()
        if linked and FollowUp.objects.filter(person=person, incident_id=linked).exists():
            return None  # the incident behind the matter opened it already
    try:
        with transaction.atomic():
            followup = create_versioned(
                FollowUp(court_id=person.court_id, person=person, reason=reason, **source),
                actor=actor,
                action="welfare.followup.open",
                fields=["court", "person", "reason", "incident", "matter"],
            )
    except IntegrityError:  # opened by another transaction a moment ago
        return None
    today = timezone.localdate()
    days = followup_days()
    for kind, role in permissions.ITEM_DESK.items():
        create_versioned(
            FollowUpItem(
                followup=followup, kind=kind, owner_role=role, due_on=today + dt.timedelta(days=days[kind])
            ),
            actor=actor,
            action="welfare.followup.item",
            fields=["kind", "owner_role", "due_on"],
        )
        transaction.on_commit(_teller(followup, list(accounts_with_roles(person.court_id, role)), kind))
    return followup


def _teller(followup: FollowUp, recipients: list[Any], kind: str) -> Callable[[], None]:
    """Tell the desk of its new item, once the follow-up is committed."""
    return lambda: _tell_desk(followup, recipients, kind)


def _tell_desk(followup: FollowUp, recipients: list[Any], kind: str) -> None:
    """Each desk's notification names its item and the follow-up (its number, and the
    incident's date or the matter's number), so a desk with two follow-ups tells them
    apart. The person is named in the body, and only to those who read the follow-up
    anyway; never on the counselling item (nor anything of health in the title, which is
    also the e-mail's subject)."""
    item = followup.items.get(kind=kind)
    readers = [account for account in recipients if permissions.can_read_followup(account, followup)]
    if followup.incident is not None:
        title = localized(
            gettext_lazy("Follow-up after harm no. %(number)s (incident of %(date)s): %(item)s"),
            number=followup.pk,
            date=f"{timezone.localtime(followup.incident.occurred_at):%Y-%m-%d}",
            item=choice_label(item, "kind"),
        )
    else:
        title = localized(
            gettext_lazy("Follow-up after harm no. %(number)s (matter %(matter)s): %(item)s"),
            number=followup.pk,
            matter=str(followup.matter),
            item=choice_label(item, "kind"),
        )
    body = (
        ""
        if kind == ItemKind.COUNSELLING_OFFER
        else localized(gettext_lazy("Concerning %(person)s."), person=followup.person.name)
    )
    notify(
        recipients=readers,
        kind="welfare.followup.opened",
        title=title,
        body=body,
        url=reverse("welfare:followup_detail", args=[followup.pk]),
        dedupe_key=f"welfare.followup:{followup.pk}:{kind}",
        court=followup.court,
    )


@transaction.atomic
def close_item(
    *,
    actor: Actor,
    item: FollowUpItem,
    outcome: str,
    counselling: str = "",
    expected_version: int | None = None,
) -> FollowUpItem:
    """The desk closes its item with what was done. The counselling item records only
    whether the offer was accepted or declined — never what was said in counselling."""
    item = lock(item, expected_version, related=["followup"])
    if not permissions.can_close_item(actor, item):
        if item.status != ItemStatus.OPEN:
            raise _refuse(None, _("This item is closed already."), "closed")
        raise PermissionDenied
    if not outcome.strip():
        raise _refuse("outcome", _("Say what was done."), "required")
    if item.kind == ItemKind.COUNSELLING_OFFER and not counselling:
        raise _refuse("counselling", _("Say whether the offer was accepted or declined."), "required")
    if item.kind != ItemKind.COUNSELLING_OFFER and counselling:
        raise _refuse(
            "counselling", _("Only the counselling item records the answer to the offer."), "not_counselling"
        )
    fields = ["status", "outcome", "counselling", "done_by", "done_at"]
    before = audit.snapshot(item, fields)
    item.status = ItemStatus.DONE
    item.outcome = outcome.strip()
    item.counselling = counselling
    item.done_by = signed_in(actor)
    item.done_at = timezone.now()
    return save_versioned(
        item, actor=actor, action="welfare.followup.close_item", fields=fields, before=before
    )


def open_items_of(followups: Iterable[FollowUp]) -> int:
    return FollowUpItem.objects.filter(followup__in=list(followups), status=ItemStatus.OPEN).count()


# --- Reports by category (A2, A28) -----------------------------------------------------


def export_by_category(*, actor: Actor, reports: Sequence[Mapping[str, Any]]) -> bytes:
    """The reports by category (selectors.by_category: what the actor reads) as a workbook,
    one row per register and category: counts and sums, never a name. Logged."""
    if not permissions.can_enter_area(actor):
        raise PermissionDenied
    rows = [
        (str(report["label"]), str(cell["category"]), cell["count"], cell["sum"] if report["money"] else "")
        for report in reports
        for cell in report["cells"]
    ]
    content = xlsx(
        title=str(_("Welfare by category")),
        header=[_("Register"), _("Category"), pgettext_lazy("how many", "Number"), _("Amount (yuan)")],
        rows=rows,
    )
    audit.record_event(
        actor=actor, action="welfare.report.export", obj=None, registers=[str(r["label"]) for r in reports]
    )
    return content
