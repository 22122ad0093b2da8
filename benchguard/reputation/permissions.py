"""Who may read and keep public-opinion events, clarifications and the pursuit of
liability (A5, A17).

Readers of a court's events: its committee office, the committee's chair and vice-chairs,
court leaders and the president. The judge concerned reads their own events — the facts,
the status, the screenshots and the clarification once published, never a draft — and
may report one themself (on application). The office keeps the register: registers,
investigates, drafts the clarification, publishes it once approved, records the harm
undone and the pursuit of liability; the chair or a vice-chair approves a clarification
and may open a committee matter from an event, as the office may. Nobody else, the city
administrator included, sees an event.

The pursuit of liability hangs off an event, a committee matter or an incident: whoever
reads that record reads its pursuits of liability; the committee office of the court
records them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

if TYPE_CHECKING:
    from benchguard.reputation.models import Clarification, OpinionEvent

KEEPERS = frozenset({Role.COMMITTEE_OFFICE})
APPROVERS = frozenset({Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR})
READERS = frozenset(
    {
        Role.COMMITTEE_OFFICE,
        Role.COMMITTEE_CHAIR,
        Role.COMMITTEE_VICE_CHAIR,
        Role.COURT_LEADER,
        Role.COURT_PRESIDENT,
    }
)


def reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, READERS)


def keeper_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, KEEPERS)


def is_concerned(user: Any, event: OpinionEvent) -> bool:
    return bool(user.is_authenticated and event.judge.account_id == user.pk)


def can_read_register(user: Any) -> bool:
    """The list of events: the readers, and a judge (their own events)."""
    return bool(reader_court_ids(user)) or can_apply(user)


def can_apply(user: Any) -> bool:
    """A judge reports an event about themself (A17: on the judge's application)."""
    return has_role(user, Role.JUDGE)


def can_register(user: Any) -> bool:
    return bool(keeper_court_ids(user)) or can_apply(user)


def can_keep(user: Any, event: OpinionEvent) -> bool:
    return has_role(user, *KEEPERS, court_id=event.court_id)


def can_read_all(user: Any, event: OpinionEvent) -> bool:
    """Drafts of the clarification and the internal notes: the court's readers only."""
    return has_role(user, *READERS, court_id=event.court_id)


def can_open_matter(user: Any, event: OpinionEvent) -> bool:
    return has_role(user, *KEEPERS, *APPROVERS, court_id=event.court_id)


def can_approve(user: Any, clarification: Clarification) -> bool:
    return has_role(user, *APPROVERS, court_id=clarification.event.court_id)


def can_record_liability(user: Any, court_id: int) -> bool:
    return has_role(user, *KEEPERS, court_id=court_id)
