"""Who may read and keep the leave, pay, health, counselling and culture registers
(A22–A24), court by court. The city administrator (superuser) holds no role in a court
and sees none of it.

- Leave: the personnel office keeps its court's leave (service start, leave taken);
  it and the court's leaders read it; each person reads their own.
- Pay problems: anyone reports a problem with their own pay; the personnel office and
  the trade union report for someone of their court. The personnel office, the union
  and the leaders read the court's problems; the personnel office resolves them. The
  person reads their own.
- Health (exams, recuperation): health data, read as narrowly as the work needs — the
  personnel office, which organises the exams, and the person themself. Leaders see
  counts in the report by category, never names.
- Counselling: the content and even the fact of a session are visible to its
  counsellor and the person only — not to court leaders, the committee office, the
  personnel office, the court's system administrator or the city administrator. A
  counsellor of the court books sessions for its people; a person books their own with a
  counsellor of their court. Nobody else sees a session in a list, an export, the API,
  the admin (not registered) or the audit trail (audit_rules.py); the counsellor sees
  counts.
- Culture and lectures, the reading room: everyone of the court reads them; the trade
  union, the personnel office and (for lectures) the counsellor keep them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

if TYPE_CHECKING:
    from benchguard.organization.models import Person
    from benchguard.wellbeing.models import CounsellingSession, PayIssue

PERSONNEL = frozenset({Role.PERSONNEL_OFFICE})
LEADERS = frozenset({Role.COURT_LEADER, Role.COURT_PRESIDENT})
LEAVE_READERS = PERSONNEL | LEADERS
PAY_READERS = PERSONNEL | LEADERS | {Role.TRADE_UNION}
PAY_REPORTERS = PERSONNEL | {Role.TRADE_UNION}
HEALTH_READERS = PERSONNEL
COUNSELLORS = frozenset({Role.COUNSELLOR})
CULTURE_KEEPERS = frozenset({Role.TRADE_UNION, Role.PERSONNEL_OFFICE, Role.COUNSELLOR})
REPORT_READERS = PERSONNEL | LEADERS | {Role.TRADE_UNION}


def own_person(user: Any) -> Person | None:
    """The user's own person record (cached on the user for the request)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_wellbeing_person"):
        from benchguard.organization.models import Person

        user._wellbeing_person = Person.objects.filter(account=user, is_active=True).first()
    person: Person | None = user._wellbeing_person
    return person


def any_court_ids(user: Any) -> set[int]:
    """Courts where the user holds any role or works (culture is read by everyone there)."""
    ids = court_ids_with(user)
    person = own_person(user)
    if person is not None:
        ids.add(person.court_id)
    return ids


# --- Leave ----------------------------------------------------------------------------


def leave_reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, LEAVE_READERS)


def can_read_leave(user: Any) -> bool:
    return bool(leave_reader_court_ids(user))


def can_keep_leave(user: Any, court_id: int | None = None) -> bool:
    if court_id is None:
        return bool(court_ids_with(user, PERSONNEL))
    return has_role(user, *PERSONNEL, court_id=court_id)


def can_see_leave_of(user: Any, person: Person) -> bool:
    own = own_person(user)
    return (own is not None and own.pk == person.pk) or person.court_id in leave_reader_court_ids(user)


# --- Pay problems ---------------------------------------------------------------------


def pay_reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, PAY_READERS)


def can_read_pay(user: Any) -> bool:
    return bool(pay_reader_court_ids(user))


def can_report_pay_for(user: Any, person: Person) -> bool:
    own = own_person(user)
    if own is not None and own.pk == person.pk:
        return True
    return has_role(user, *PAY_REPORTERS, court_id=person.court_id)


def can_report_pay(user: Any) -> bool:
    return own_person(user) is not None or bool(court_ids_with(user, PAY_REPORTERS))


def can_resolve_pay(user: Any, issue: PayIssue) -> bool:
    return has_role(user, *PERSONNEL, court_id=issue.court_id)


# --- Health ---------------------------------------------------------------------------


def health_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, HEALTH_READERS)


def can_keep_health(user: Any, court_id: int | None = None) -> bool:
    if court_id is None:
        return bool(health_court_ids(user))
    return has_role(user, *HEALTH_READERS, court_id=court_id)


# --- Counselling ----------------------------------------------------------------------


def is_counsellor(user: Any, court_id: int | None = None) -> bool:
    if court_id is None:
        return bool(court_ids_with(user, COUNSELLORS))
    return has_role(user, *COUNSELLORS, court_id=court_id)


def can_use_counselling(user: Any) -> bool:
    """The counselling page: a counsellor, or anyone with a person record (their own)."""
    return is_counsellor(user) or own_person(user) is not None


def is_party_to(user: Any, session: CounsellingSession) -> bool:
    """The session's counsellor or its person: the only two who see it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if session.counsellor_id == user.pk:
        return True
    own = own_person(user)
    return own is not None and own.pk == session.person_id


def can_book_for(user: Any, person: Person) -> bool:
    own = own_person(user)
    return (own is not None and own.pk == person.pk) or is_counsellor(user, person.court_id)


def can_write_notes(user: Any, session: CounsellingSession) -> bool:
    return session.counsellor_id == getattr(user, "pk", None)


# --- Culture, lectures, the reading room ----------------------------------------------


def culture_keeper_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, CULTURE_KEEPERS)


def can_read_culture(user: Any) -> bool:
    return bool(any_court_ids(user))


def can_keep_culture(user: Any, court_id: int | None = None) -> bool:
    if court_id is None:
        return bool(culture_keeper_court_ids(user))
    return has_role(user, *CULTURE_KEEPERS, court_id=court_id)


# --- Reports --------------------------------------------------------------------------


def report_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, REPORT_READERS)


def can_read_report(user: Any) -> bool:
    return bool(report_court_ids(user))


def court_ids_with_personnel(user: Any) -> set[int]:
    return court_ids_with(user, PERSONNEL)


def court_ids_with_pay_reporters(user: Any) -> set[int]:
    return court_ids_with(user, PAY_REPORTERS)


def court_ids_with_counsellor(user: Any) -> set[int]:
    return court_ids_with(user, COUNSELLORS)
