"""Who may read and keep the welfare registers (A20, A21, A25) and the follow-up after
harm — as narrow as the work needs, court by court, plus the person themself.

- Insurance and the occupational risk fund (A20): the personnel office keeps them; the
  trade union reads them; a person reads their own claims.
- Condolence payments and visits (A21): the trade union keeps them (the union group's
  check and the union chair's approval are its steps; it records that finance paid —
  there is no finance role, the union records the voucher); the personnel office reads
  them; a person reads their own; a court leader (president, chair, leader) sees the
  payments asking for a raised standard, to approve it, and nothing else.
- The special assistance fund (A25): the committee office keeps applications and the
  fund; the chair and vice-chairs read them and decide; a person reads their own.
- The follow-up after harm: the four desks (committee office, trade union, personnel
  office, counsellor) of the court read the checklist, each closes its own item; the
  person reads their own. The counselling item says only whether the offer was
  accepted or declined; counselling itself lives in the wellbeing area.

Nobody else sees any of it: not the city administrator, not the court's system
administrator, not the judge's colleagues."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role
from benchguard.welfare.choices import (
    ApplicationStatus,
    CondolenceStatus,
    FundKind,
    ItemKind,
    ItemStatus,
    StepKind,
)

if TYPE_CHECKING:
    from benchguard.welfare.models import (
        AssistanceApplication,
        CondolencePayment,
        FollowUp,
        FollowUpItem,
        Fund,
        InsuranceClaim,
    )

PERSONNEL = frozenset({Role.PERSONNEL_OFFICE})
UNION = frozenset({Role.TRADE_UNION})
OFFICE = frozenset({Role.COMMITTEE_OFFICE})
DECIDERS = frozenset({Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR})
LEADERS = frozenset({Role.COURT_LEADER, Role.COURT_PRESIDENT, Role.COMMITTEE_CHAIR})

INSURANCE_KEEPERS = PERSONNEL
INSURANCE_READERS = PERSONNEL | UNION
CONDOLENCE_KEEPERS = UNION
CONDOLENCE_READERS = UNION | PERSONNEL
SPECIAL_KEEPERS = OFFICE
SPECIAL_READERS = OFFICE | DECIDERS
DESKS = frozenset({Role.COMMITTEE_OFFICE, Role.TRADE_UNION, Role.PERSONNEL_OFFICE, Role.COUNSELLOR})
# Whose desk each follow-up item is on.
ITEM_DESK: dict[str, str] = {
    ItemKind.CONDOLENCE_VISIT: Role.TRADE_UNION,
    ItemKind.INSURANCE_CLAIM: Role.PERSONNEL_OFFICE,
    ItemKind.COUNSELLING_OFFER: Role.COUNSELLOR,
    ItemKind.SPECIAL_FUND: Role.COMMITTEE_OFFICE,
}
# Everyone who reads something of the area (the audit trail's readers: audit_rules).
ALL_READERS = INSURANCE_READERS | CONDOLENCE_READERS | SPECIAL_READERS | DESKS
REPORT_READERS = PERSONNEL | UNION | OFFICE


def courts(user: Any, roles: frozenset[str]) -> set[int]:
    return court_ids_with(user, roles)


# Insurance and the risk fund (A20)
def can_read_insurance(user: Any) -> bool:
    return bool(courts(user, INSURANCE_READERS))


def can_keep_insurance(user: Any, court_id: int | None = None) -> bool:
    ids = courts(user, INSURANCE_KEEPERS)
    return bool(ids) if court_id is None else court_id in ids


def can_handle_claim(user: Any, claim: InsuranceClaim) -> bool:
    return can_keep_insurance(user, claim.court_id)


# Funds
def fund_keepers(kind: str) -> frozenset[str]:
    return INSURANCE_KEEPERS if kind == FundKind.RISK else SPECIAL_KEEPERS


def fund_readers(kind: str) -> frozenset[str]:
    return INSURANCE_READERS if kind == FundKind.RISK else SPECIAL_READERS


def can_read_funds(user: Any) -> bool:
    return bool(courts(user, INSURANCE_READERS | SPECIAL_READERS))


def can_keep_fund(user: Any, fund: Fund) -> bool:
    return has_role(user, *fund_keepers(fund.kind), court_id=fund.court_id)


# Condolence (A21)
def can_read_condolence(user: Any) -> bool:
    return bool(courts(user, CONDOLENCE_READERS | LEADERS))


def can_keep_condolence(user: Any, court_id: int | None = None) -> bool:
    ids = courts(user, CONDOLENCE_KEEPERS)
    return bool(ids) if court_id is None else court_id in ids


def can_approve_raised(user: Any, payment: CondolencePayment) -> bool:
    """A court leader approves a raised standard for harm in the line of duty."""
    return (
        payment.raised_standard
        and payment.raised_approved_by_id is None
        and payment.status in (CondolenceStatus.REQUESTED, CondolenceStatus.GROUP_CHECKED)
        and has_role(user, *LEADERS, court_id=payment.court_id)
    )


def can_move_payment(user: Any, payment: CondolencePayment) -> bool:
    return can_keep_condolence(user, payment.court_id)


# Segregation of duties in the approval chain: a step may not be taken by whoever took
# the step it checks (the union chair does not approve what they checked as the group).
CHECKED_STEP: dict[str, str] = {StepKind.CHAIR_APPROVAL: StepKind.GROUP_CHECK}


def took_checked_step(user: Any, payment: CondolencePayment, step: str) -> bool:
    """Did the user take the step that `step` checks (segregation of duties)?"""
    checked = CHECKED_STEP.get(step)
    return checked is not None and payment.steps.filter(kind=checked, by_id=user.pk).exists()


def can_take_step(user: Any, payment: CondolencePayment, step: str) -> bool:
    """May the user take this step of the payment's chain (its status aside)?"""
    return can_move_payment(user, payment) and not took_checked_step(user, payment, step)


# Special assistance fund (A25)
def can_read_applications(user: Any) -> bool:
    return bool(courts(user, SPECIAL_READERS))


def can_keep_applications(user: Any, court_id: int | None = None) -> bool:
    ids = courts(user, SPECIAL_KEEPERS)
    return bool(ids) if court_id is None else court_id in ids


def can_decide_application(user: Any, application: AssistanceApplication) -> bool:
    """The chair or a vice-chair decides; the office records a meeting's resolution."""
    return application.status == ApplicationStatus.SUBMITTED and has_role(
        user, *(DECIDERS | OFFICE), court_id=application.court_id
    )


def can_pay_application(user: Any, application: AssistanceApplication) -> bool:
    return application.status == ApplicationStatus.APPROVED and can_keep_applications(
        user, application.court_id
    )


# Follow-up after harm
def can_read_followups(user: Any) -> bool:
    return bool(courts(user, DESKS))


def can_read_followup(user: Any, followup: FollowUp) -> bool:
    return followup.court_id in courts(user, DESKS) or (
        user.is_authenticated and followup.person.account_id == user.pk
    )


def can_close_item(user: Any, item: FollowUpItem) -> bool:
    """The item's desk in the person's court closes it, while it is open."""
    return item.status == ItemStatus.OPEN and has_role(user, item.owner_role, court_id=item.followup.court_id)


def can_read_counselling_answer(user: Any, item: FollowUpItem) -> bool:
    """What became of the counselling offer (the answer, the counsellor's note) is between
    the counsellor of the person's court and the person (A23): the other desks see only
    that the item is open or done."""
    if item.kind != ItemKind.COUNSELLING_OFFER:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return item.followup.person.account_id == user.pk or has_role(
        user, Role.COUNSELLOR, court_id=item.followup.court_id
    )


def can_read_report(user: Any) -> bool:
    return bool(courts(user, REPORT_READERS))


def can_enter_area(user: Any) -> bool:
    """Does the user have a page of the area (the menu entry)?"""
    return bool(courts(user, ALL_READERS | LEADERS))
