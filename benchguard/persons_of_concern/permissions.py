"""Who may do what with persons of concern and the controlled list (A15).

Readers (city-wide, any court of the city): the judicial police, the committee office,
filing clerks, division chiefs (they keep their division's log) and court leaders (the
vice-president in charge of the judicial police). Judges and other staff, gatehouse
guards (the gate only ever gets the matcher's yes/no), outsiders and the city
administrator (superuser status covers reference data, not this list) see nothing.

Approving and removing an entry: the committee office or a court leader, and never the
person who proposed it (four eyes; also a database constraint).
"""

from __future__ import annotations

from typing import Any

from benchguard.core.access import has_role
from benchguard.organization.choices import Role

READER_ROLES = frozenset(
    {Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE, Role.FILING_CLERK, Role.DIVISION_CHIEF, Role.COURT_LEADER}
)
APPROVER_ROLES = frozenset({Role.COMMITTEE_OFFICE, Role.COURT_LEADER})
MATCH_API_ROLES = frozenset({Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE})


def can_read(user: Any) -> bool:
    return has_role(user, *READER_ROLES)


def can_edit_person(user: Any, person: Any = None) -> bool:
    return can_read(user)


def can_propose(user: Any, person: Any = None) -> bool:
    return can_read(user)


def can_approve_entry(user: Any, entry: Any) -> bool:
    return has_role(user, *APPROVER_ROLES) and entry.proposed_by_id != getattr(user, "pk", None)


def can_remove_entry(user: Any, entry: Any) -> bool:
    return has_role(user, *APPROVER_ROLES)


def can_export(user: Any) -> bool:
    return can_read(user)


def can_use_match_api(user: Any) -> bool:
    return has_role(user, *MATCH_API_ROLES)
