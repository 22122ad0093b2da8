"""Who may do what with meetings with parties (A10.3).

- The judge a request is addressed to records it, schedules it in a designated room,
  records the meeting, or refuses it (a one-sided request may always be refused) — and
  may send a refusal to the interference register (A7.1).
- The court's division chiefs and leaders read the court's requests (supervision).
- The court's judicial police read them too: they keep order in the meeting rooms.
Nobody else, the city administrator included, sees a request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

if TYPE_CHECKING:
    from benchguard.meetings.models import MeetingRequest

READERS = frozenset({Role.DIVISION_CHIEF, Role.COURT_LEADER, Role.COURT_PRESIDENT, Role.JUDICIAL_POLICE})
JUDGES = frozenset({Role.JUDGE})


def reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, READERS)


def can_record(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *JUDGES, court_id=court_id)


def can_see_list(user: Any) -> bool:
    """The list of requests: judges (their own) and the court's readers."""
    return can_record(user) or bool(reader_court_ids(user))


def is_judge_of(user: Any, request: MeetingRequest) -> bool:
    return request.judge.account_id is not None and request.judge.account_id == getattr(user, "pk", None)


def can_act(user: Any, request: MeetingRequest) -> bool:
    """Schedule, record, refuse or cancel: the judge the request is addressed to."""
    return is_judge_of(user, request)
