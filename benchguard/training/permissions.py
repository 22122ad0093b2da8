"""Who may do what in training and drills (A11).

- Courses, sessions and attendance: the personnel office keeps them (政治部 organises the
  court's training).
- Drills on the emergency plans (A13.4): the judicial police and the committee office run
  and record them, with their findings and follow-ups.
- Readers of the court's training, drills and the list of people not yet trained: those
  keepers, the court's leaders and the committee's chair and vice-chairs. The committee
  office sees the judges at risk who are untrained (A11 with A12.3 and A14).
- Everyone sees their own training record (the home panel).
The city administrator holds none of these roles and sees none of it: a person's
training is a personnel record of their court."""

from __future__ import annotations

from typing import Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

COURSE_KEEPERS = frozenset({Role.PERSONNEL_OFFICE})
DRILL_KEEPERS = frozenset({Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE})
READERS = frozenset(
    {
        *COURSE_KEEPERS,
        *DRILL_KEEPERS,
        Role.COURT_LEADER,
        Role.COURT_PRESIDENT,
        Role.COMMITTEE_CHAIR,
        Role.COMMITTEE_VICE_CHAIR,
    }
)


def reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, READERS)


def can_read(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *READERS, court_id=court_id)


def can_keep_courses(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *COURSE_KEEPERS, court_id=court_id)


def can_keep_drills(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *DRILL_KEEPERS, court_id=court_id)
