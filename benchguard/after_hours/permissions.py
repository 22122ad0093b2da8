"""Who may ask for, decide and see after-hours protection (A12.3).

- Requested for a judge by the judge themselves, a division chief of the judge's
  department or the committee office of the judge's court.
- Decided, logged and completed by the judicial police of the court.
- Seen by the court-wide roles of its court (the incident register's: judicial police,
  committee office, court leaders, president), the requester, the protected judge and
  the officers assigned (querysets.ProtectionRequestQuerySet.visible_to).
- The pages sit in the register's navigation: whoever holds a role in a court opens the
  list (incidents.permissions.can_report).
"""

from __future__ import annotations

from typing import Any

from benchguard.core.access import grants_of, has_role
from benchguard.organization.choices import Role


def protection_scope(user: Any) -> tuple[set[int], set[int]]:
    """(departments where the user is division chief, courts where they are the
    committee office): beyond themselves, whom the user may request protection for."""
    grants = grants_of(user)
    chief_departments = {
        g.department_id for g in grants if g.role == Role.DIVISION_CHIEF and g.department_id is not None
    }
    office_courts = {g.court_id for g in grants if g.role == Role.COMMITTEE_OFFICE}
    return chief_departments, office_courts


def can_request_protection(user: Any, judge: Any) -> bool:
    """The judge themselves, a division chief of the judge's department, or the
    committee office of the judge's court."""
    if user is None or not user.is_authenticated:
        return False
    if judge.account_id is not None and judge.account_id == user.pk:
        return True
    chief_departments, office_courts = protection_scope(user)
    return judge.court_id in office_courts or (
        judge.department_id is not None and judge.department_id in chief_departments
    )


def can_see(user: Any, request: Any) -> bool:
    """Whether the request is among those the user sees (querysets.ProtectionRequestQuerySet)."""
    return type(request).objects.visible_to(user).filter(pk=request.pk).exists()


def can_act_on_protection(user: Any, request: Any) -> bool:
    """Decide, log and complete: the judicial police of the request's court."""
    return has_role(user, Role.JUDICIAL_POLICE, court_id=request.court_id)
