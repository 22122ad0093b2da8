"""Who may do what at the gate (A12).

- The desk (check-in, phone confirmation, check-out, closing, day-end, today's visits and
  the IDs held): gatehouse guards and the judicial police of the court.
- Holds: a guard sees only that a visit is on hold ("do not admit, call the judicial
  police"), never whom it matched; the judicial police of the court see the hits and
  decide.
- Hosts: a person confirms or refuses their own visitors.
- Visits list, search, counts and export: the judicial police and court leaders.
- The checkpoint's shift log: guards and the judicial police.
"""

from __future__ import annotations

from typing import Any

from benchguard.core.access import has_role
from benchguard.organization.choices import Role

DESK_ROLES = frozenset({Role.GATEHOUSE_GUARD, Role.JUDICIAL_POLICE})
POLICE_ROLES = frozenset({Role.JUDICIAL_POLICE})
LIST_ROLES = frozenset({Role.JUDICIAL_POLICE, Role.COURT_LEADER, Role.COURT_PRESIDENT})


def can_use_desk(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *DESK_ROLES, court_id=court_id)


def can_decide_hold(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *POLICE_ROLES, court_id=court_id)


def is_host(user: Any, visit: Any) -> bool:
    return visit.host.account_id is not None and visit.host.account_id == getattr(user, "pk", None)


def can_list_visits(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *LIST_ROLES, court_id=court_id)
