"""Who may do what with persons of concern and the controlled list (A15).

Readers of the list and the dossiers (city-wide, any court of the city): the judicial
police, the committee office and court leaders (the vice-president in charge of the
judicial police; the president and vice-presidents are court leaders too).

Filing clerks and division chiefs get the matcher's answer only (`can_check`): listed
or not, the level and whom to call at the proposing court — never the dossier (no
person page, no description, no legal basis). They keep their divisions' logs
(日志备查), of their own court. Judges and other staff, gatehouse guards (the gate
only ever gets the matcher's yes/no), outsiders and the city administrator
(superuser status covers reference data, not this list) see nothing.

Approving, removing and correcting an entry and deciding an objection to it: the
committee office or a court leader of the court that proposed it (the entry's court),
and approval never by the person who proposed it (four eyes; also a database
constraint). Any reader records an objection.
"""

from __future__ import annotations

from typing import Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

READER_ROLES = frozenset({Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE, Role.COURT_LEADER})
# The matcher's answer without the dossier, and the log of their own court's divisions.
CHECKER_ROLES = frozenset({Role.FILING_CLERK, Role.DIVISION_CHIEF})
LOG_KEEPER_ROLES = READER_ROLES | CHECKER_ROLES
APPROVER_ROLES = frozenset({Role.COMMITTEE_OFFICE, Role.COURT_LEADER})
MATCH_API_ROLES = frozenset({Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE})


def can_read(user: Any) -> bool:
    """The list and the persons' dossiers, city-wide."""
    return has_role(user, *READER_ROLES)


def can_check(user: Any) -> bool:
    """The matcher's answer: listed or not, level, whom to call."""
    return has_role(user, *READER_ROLES, *CHECKER_ROLES)


def can_keep_logs(user: Any) -> bool:
    return has_role(user, *LOG_KEEPER_ROLES)


def log_court_ids(user: Any) -> set[int]:
    """Courts whose department logs a filing clerk or division chief reads and writes."""
    return court_ids_with(user, LOG_KEEPER_ROLES)


def can_edit_person(user: Any, person: Any = None) -> bool:
    return can_read(user)


def can_propose(user: Any, person: Any = None) -> bool:
    return can_read(user)


def decides_for(user: Any, entry: Any) -> bool:
    """The committee office or a court leader of the court that proposed the entry."""
    return has_role(user, *APPROVER_ROLES, court_id=entry.court_id)


def can_approve_entry(user: Any, entry: Any) -> bool:
    return decides_for(user, entry) and entry.proposed_by_id != getattr(user, "pk", None)


def can_remove_entry(user: Any, entry: Any) -> bool:
    return decides_for(user, entry)


def can_correct_entry(user: Any, entry: Any) -> bool:
    return decides_for(user, entry)


def can_record_objection(user: Any, entry: Any) -> bool:
    return can_read(user)


def can_decide_objection(user: Any, objection: Any) -> bool:
    return decides_for(user, objection.entry)


def can_export(user: Any) -> bool:
    return can_read(user)


def can_export_logs(user: Any) -> bool:
    return can_keep_logs(user)


def can_use_match_api(user: Any) -> bool:
    return has_role(user, *MATCH_API_ROLES)
