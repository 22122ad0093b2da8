"""Who may read and keep exposure cases and takedown notices (A18).

Exposure online: the court's committee office keeps them (registers, drafts and sends
notices, records the platform's answers, escalates); the chair, vice-chairs, court
leaders and the president read them. The judge affected reads their own online cases
and the notices sent for them (not the internal investigations, which name colleagues).

Leaks, peeping, covert photos and eavesdropping inside the court: the discipline
inspectors and the committee office investigate them (register, read the access log,
close), the chair and vice-chairs read them. Court leaders without a committee role do
not; nor does the person affected, who sees who opened their private record on their
own private page already.

Nobody else, the city administrator included, sees a case."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role
from benchguard.privacy.choices import INTERNAL_KINDS

if TYPE_CHECKING:
    from benchguard.privacy.models import ExposureCase

KEEPERS = frozenset({Role.COMMITTEE_OFFICE})
READERS = frozenset(
    {
        Role.COMMITTEE_OFFICE,
        Role.COMMITTEE_CHAIR,
        Role.COMMITTEE_VICE_CHAIR,
        Role.COURT_LEADER,
        Role.COURT_PRESIDENT,
    }
)
INTERNAL_KEEPERS = frozenset({Role.COMMITTEE_OFFICE, Role.DISCIPLINE_INSPECTION})
INTERNAL_READERS = frozenset(
    {Role.COMMITTEE_OFFICE, Role.DISCIPLINE_INSPECTION, Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR}
)
MATTER_OPENERS = frozenset({Role.COMMITTEE_OFFICE, Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR})


def reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, READERS)


def internal_reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, INTERNAL_READERS)


def can_read_register(user: Any) -> bool:
    return bool(reader_court_ids(user) or internal_reader_court_ids(user)) or has_role(user, Role.JUDGE)


def can_register(user: Any, court_id: int | None = None, kind: str | None = None) -> bool:
    roles = INTERNAL_KEEPERS if kind in INTERNAL_KINDS else KEEPERS
    if kind is None:
        roles = INTERNAL_KEEPERS
    ids = court_ids_with(user, roles)
    return bool(ids) if court_id is None else court_id in ids


def can_keep(user: Any, case: ExposureCase) -> bool:
    roles = INTERNAL_KEEPERS if case.kind in INTERNAL_KINDS else KEEPERS
    return has_role(user, *roles, court_id=case.court_id)


def can_read_all(user: Any, case: ExposureCase) -> bool:
    roles = INTERNAL_READERS if case.kind in INTERNAL_KINDS else READERS
    return has_role(user, *roles, court_id=case.court_id)


def can_send_notices(user: Any, case: ExposureCase) -> bool:
    return case.kind not in INTERNAL_KINDS and has_role(user, *KEEPERS, court_id=case.court_id)


def can_open_matter(user: Any, case: ExposureCase) -> bool:
    return has_role(user, *MATTER_OPENERS, court_id=case.court_id)


def can_edit_settings(user: Any, court_id: int) -> bool:
    return has_role(user, *KEEPERS, court_id=court_id)
