"""Who may do what to a matter they can already see (A4.2, A26)."""

from __future__ import annotations

from typing import Any

from benchguard.core.access import has_role
from benchguard.organization.choices import Role


def is_applicant(user: Any, matter: Any) -> bool:
    return bool(
        user.is_authenticated and matter.applicant_id is not None and matter.applicant.account_id == user.pk
    )


def is_office(user: Any, court_id: int) -> bool:
    return has_role(user, Role.COMMITTEE_OFFICE, court_id=court_id)


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


def can_decide(user: Any, matter: Any) -> bool:
    """The chair decides; the office records a decision taken by a meeting resolution."""
    return is_chair(user, matter.court_id) or is_office(user, matter.court_id)


def can_apply(user: Any) -> bool:
    """Anyone with a person record may apply for themselves online (A2, A28)."""
    return bool(user.is_authenticated and getattr(user, "person", None) is not None)
