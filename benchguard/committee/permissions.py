"""Who may do what with a court's committee (A4–A6).

The chair, the vice-chairs and the committee office of a court manage its roster and
meetings; committee members see the roster and the meetings they are invited to;
nobody else sees anything (404). Superusers are not given committee business: it is
not reference data.
"""

from __future__ import annotations

from typing import Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

MANAGER_ROLES = frozenset({Role.COMMITTEE_OFFICE, Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR})
ROSTER_ROLES = MANAGER_ROLES | {Role.COMMITTEE_MEMBER}


def managed_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, MANAGER_ROLES)


def member_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, [Role.COMMITTEE_MEMBER])


def roster_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, ROSTER_ROLES)


def can_manage_committee(user: Any, court_id: int) -> bool:
    """Roster, settings and meetings of the court: its chair, vice-chairs and office."""
    return has_role(user, *MANAGER_ROLES, court_id=court_id)


def can_see_committee(user: Any) -> bool:
    """The menu entry: anyone who may open some court's committee pages."""
    return bool(roster_court_ids(user))


def can_complete_action(user: Any, action: Any) -> bool:
    """The action's owner, or the committee's managers."""
    return (user.is_authenticated and action.owner.account_id == user.pk) or can_manage_committee(
        user, action.resolution.meeting.court_id
    )
