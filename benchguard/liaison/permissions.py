"""Who may read and keep the liaison directory (A19).

The committee office keeps its court's directory. The office, the chair and
vice-chairs, court leaders and the judicial police of a court read it; the office and
leaders of the intermediate court also read the directories of its base courts
(city-wide coordination). Nobody else, the city administrator included, sees it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

if TYPE_CHECKING:
    from benchguard.liaison.models import Agency, AgencyContact

KEEPERS = frozenset({Role.COMMITTEE_OFFICE})
READERS = frozenset(
    {
        Role.COMMITTEE_OFFICE,
        Role.COMMITTEE_CHAIR,
        Role.COMMITTEE_VICE_CHAIR,
        Role.COURT_LEADER,
        Role.COURT_PRESIDENT,
        Role.JUDICIAL_POLICE,
    }
)
# Of the intermediate court: they also read its base courts' directories.
CITY_READERS = frozenset({Role.COMMITTEE_OFFICE, Role.COURT_LEADER, Role.COURT_PRESIDENT})


def reader_court_ids(user: Any) -> set[int]:
    """Courts whose directory the user reads as their own court's."""
    return court_ids_with(user, READERS)


def city_reader_court_ids(user: Any) -> set[int]:
    """Courts whose base courts' directories the user also reads (when intermediate)."""
    return court_ids_with(user, CITY_READERS)


def keeper_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, KEEPERS)


def can_read(user: Any) -> bool:
    return bool(reader_court_ids(user))


def can_keep(user: Any, court_id: int) -> bool:
    """May the user add, edit and deactivate the court's bodies and contacts?"""
    return has_role(user, *KEEPERS, court_id=court_id)


def can_add_agency(user: Any) -> bool:
    return bool(keeper_court_ids(user))


def can_edit_agency(user: Any, agency: Agency) -> bool:
    return can_keep(user, agency.court_id)


def can_edit_contact(user: Any, contact: AgencyContact) -> bool:
    return can_keep(user, contact.agency.court_id)
