"""Who may press, see and answer an alarm (A8, A9.3, A12).

- Press: anyone holding a role in the court (a judge on a phone, a clerk at a courtroom
  terminal, a terminal's own account): the same people who may report an incident.
- See: the court's judicial police, committee office, leaders and president see every
  alarm of their court (the officers' screen, the list); whoever pressed an alarm, and
  the person it was pressed for, see that alarm (to see that help is coming).
- Answer (take it on, record the arrival): the judicial police of the court.
- Close (with the outcome): the judicial police and the committee office of the court.
- Points and settings: the court's system administrator, in the admin.
"""

from __future__ import annotations

from typing import Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

WATCHERS = frozenset({Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE, Role.COURT_LEADER, Role.COURT_PRESIDENT})
RESPONDERS = frozenset({Role.JUDICIAL_POLICE})
CLOSERS = frozenset({Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE})


def pressing_court_ids(user: Any) -> set[int]:
    return court_ids_with(user)


def can_press(user: Any, court_id: int | None = None) -> bool:
    ids = pressing_court_ids(user)
    return bool(ids) if court_id is None else court_id in ids


def watcher_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, WATCHERS)


def can_watch(user: Any) -> bool:
    """Whether the user has an officers' screen (the alarms of a court)."""
    return bool(watcher_court_ids(user))


def can_respond(user: Any, alarm: Any) -> bool:
    return alarm.is_open and has_role(user, *RESPONDERS, court_id=alarm.court_id)


def can_close(user: Any, alarm: Any) -> bool:
    return alarm.is_open and has_role(user, *CLOSERS, court_id=alarm.court_id)
