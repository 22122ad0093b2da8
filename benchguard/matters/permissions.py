"""Who may do what to a matter they can already see (A4.2, A26)."""

from __future__ import annotations

from typing import Any

from benchguard.core.access import has_role
from benchguard.matters.choices import DecisionBasis, StepKind
from benchguard.organization.choices import Role


def is_applicant(user: Any, matter: Any) -> bool:
    return bool(
        user.is_authenticated and matter.applicant_id is not None and matter.applicant.account_id == user.pk
    )


def is_office(user: Any, court_id: int) -> bool:
    return has_role(user, Role.COMMITTEE_OFFICE, court_id=court_id)


def is_office_of(user: Any, matter: Any) -> bool:
    """Accept, decline, record an appeal's outcome: the office of the matter's court."""
    return is_office(user, matter.court_id)


def can_handle(user: Any, matter: Any) -> bool:
    """Register, accept, decline, record steps, feedback and appeals: the office (A4.2)
    and the assigned handler."""
    return is_office(user, matter.court_id) or (
        matter.handler_id is not None and matter.handler_id == user.pk
    )


def is_chair(user: Any, court_id: int) -> bool:
    return has_role(user, Role.COMMITTEE_CHAIR, court_id=court_id)


def is_chair_or_vice(user: Any, court_id: int) -> bool:
    return has_role(user, Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR, court_id=court_id)


def can_approve_time(user: Any, matter: Any) -> bool:
    """Suspensions and extensions need the chair's approval (issue #3, A26.4)."""
    return is_chair(user, matter.court_id)


def decision_bases(user: Any, matter: Any) -> list[str]:
    """The chair decides; the office records a decision taken by a meeting resolution.
    The decision form offers exactly these, and decide_matter refuses any other."""
    bases = []
    if is_chair(user, matter.court_id):
        bases.append(DecisionBasis.CHAIR.value)
    if is_office(user, matter.court_id):
        bases.append(DecisionBasis.MEETING.value)
    return bases


def can_decide(user: Any, matter: Any) -> bool:
    return bool(decision_bases(user, matter))


def allowed_steps(user: Any, matter: Any) -> list[str]:
    """The A26.2 steps this user may record: the chair or a vice-chair acknowledges a
    report; the office and the handler record the others. The step form offers exactly
    these, and record_step refuses any other."""
    handle = can_handle(user, matter)
    acknowledge = is_chair_or_vice(user, matter.court_id)
    return [
        step for step in StepKind.values if (acknowledge if step == StepKind.CHAIR_ACKNOWLEDGED else handle)
    ]


def can_resume(user: Any, matter: Any) -> bool:
    """Ending a suspension is the handler's (or the office's) step."""
    return can_handle(user, matter)


def can_answer(user: Any, matter: Any) -> bool:
    """The judge answers the result; the office and the handler may record an answer
    given otherwise, and attach files like the judge."""
    return is_applicant(user, matter) or can_handle(user, matter)


def can_apply(user: Any) -> bool:
    """Anyone with a person record may apply for themselves online (A2, A28)."""
    return bool(user.is_authenticated and getattr(user, "person", None) is not None)


def can_read_register(user: Any, court_id: int) -> bool:
    """The register of all the court's matters: its office, chair and vice-chairs."""
    return has_role(
        user, Role.COMMITTEE_OFFICE, Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR, court_id=court_id
    )
