"""Who may read and keep a court's cases (A14).

The case-filing division keeps them: its filing clerks register a case, edit it and add
its parties. A court's filing clerks, division chiefs, committee office, leaders and
president read its cases; a judge reads the cases they try (in charge or on the panel).
Nobody else — the city administrator included: these are case records, not reference
data — sees them.

What screening found of a case's parties is the controlled list's answer (A15): only
those the list answers (`persons_of_concern.permissions.can_check`: its readers, filing
clerks and division chiefs) see it, and only its readers see whom it names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role
from benchguard.persons_of_concern import permissions as list_permissions

if TYPE_CHECKING:
    from benchguard.cases.models import Case

KEEPERS = frozenset({Role.FILING_CLERK})
READERS = frozenset(
    {
        Role.FILING_CLERK,
        Role.DIVISION_CHIEF,
        Role.COMMITTEE_OFFICE,
        Role.COURT_LEADER,
        Role.COURT_PRESIDENT,
    }
)


def reader_court_ids(user: Any) -> set[int]:
    """Courts all of whose cases the user reads."""
    return court_ids_with(user, READERS)


def keeper_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, KEEPERS)


def can_list(user: Any) -> bool:
    """Is the list of cases of use to the user: a reader of a court's cases, or a judge
    (who finds there the cases they try)?"""
    return bool(reader_court_ids(user)) or has_role(user, Role.JUDGE)


def can_file(user: Any) -> bool:
    """May the user register cases at some court?"""
    return bool(keeper_court_ids(user))


def can_file_at(user: Any, court_id: int) -> bool:
    return has_role(user, *KEEPERS, court_id=court_id)


def can_import(user: Any, case_import: Any) -> bool:
    """May the user preview and confirm an import of cases (its court's filing clerks)?"""
    return can_file_at(user, case_import.court_id)


def can_keep(user: Any, case: Case) -> bool:
    """May the user edit the case and add its parties?"""
    return has_role(user, *KEEPERS, court_id=case.court_id)


def can_see_screening(user: Any) -> bool:
    """Does the controlled list answer the user (listed or not, level, whom to call)?"""
    return list_permissions.can_check(user)


def can_see_who_was_found(user: Any) -> bool:
    """May the user see which listed person a party may be (the list's readers)?"""
    return list_permissions.can_read(user)
