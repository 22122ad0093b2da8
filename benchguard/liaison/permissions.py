"""Who may read and keep the liaison directory and the register of requests (A19).

The directory: the committee office keeps its court's directory. The office, the chair
and vice-chairs, court leaders and the judicial police of a court read it; the office
and leaders of the intermediate court also read the directories of its base courts
(city-wide coordination). Nobody else, the city administrator included, sees it.

The requests sent to those bodies: the same roles read their own court's requests,
and only their own court's (no city-wide reading: a request names a judge and what
happened to them). The committee office and the judicial police of the court send
requests and keep them: record the answer, close, withdraw — the two offices that
coordinate with the bodies (the police, formerly through the incident register's
requests to the police, A8, A9.2). The incident, case or matter a request is about is
shown to a reader only when that area lets them see it. Nobody else, the city
administrator included, sees a request; the audit trail withholds their values from
those who do not read them (audit_rules.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

if TYPE_CHECKING:
    from benchguard.liaison.models import Agency, AgencyContact, LiaisonRequest

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
# Send requests and keep them (answer, close, withdraw), in their own court.
SENDERS = frozenset({Role.COMMITTEE_OFFICE, Role.JUDICIAL_POLICE})
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


def request_reader_court_ids(user: Any) -> set[int]:
    """Courts whose requests to outside bodies the user reads (their own courts only)."""
    return court_ids_with(user, READERS)


def sender_court_ids(user: Any) -> set[int]:
    """Courts for which the user sends requests and keeps them."""
    return court_ids_with(user, SENDERS)


def can_read_requests(user: Any) -> bool:
    return bool(request_reader_court_ids(user))


def can_send(user: Any, court_id: int | None = None) -> bool:
    """May the user send requests (for the court, when given)?"""
    ids = sender_court_ids(user)
    return bool(ids) if court_id is None else court_id in ids


def can_handle_request(user: Any, request: LiaisonRequest) -> bool:
    """May the user record the answer to the request, close or withdraw it?"""
    return can_send(user, request.court_id)
