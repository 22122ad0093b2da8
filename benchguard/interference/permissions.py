"""Who may record, read and handle the interference register, its reports and the
personnel actions the committee reviews (A7).

The register (A7.1). A judge records the attempts made on them; a supervisor — a
division chief, a court leader, the trial-management office that keeps the register —
records an attempt on a judge of their court that the judge did not record. Each entry
is read by whoever recorded it and the judge it concerns, and, in the entry's court, by
the trial-management office (the keeper), the discipline inspection office and the
court's leaders (read-only). Nobody else reads it: not the court's system administrator,
not the city administrator, not the committee office — until the entry is *referred to
the committee* by its recorder, the judge or the keeper (A7.1 "reaches the committee").
From then on the court's committee office (and its chair and vice-chairs) read that
entry and may open a committee matter from it. Every read is an access line in the audit
trail (services.open_entry, services.list_entries).

The quarterly reports: the keeper prepares, signs and submits them and records the
political-legal committee's receipt; the court's leaders and discipline inspection read
them; the keeper of the parent court reads a base court's submitted reports and
acknowledges them for the higher court. The reports carry counts only.

Personnel actions (A7.2): the personnel office records them and reads its court's
actions; the committee office prepares the review and the chair or a vice-chair gives
the opinion; the committee (office, chair, vice-chairs, members) reads them with the
protection flag. The flag — that the judge recorded interference — is shown to the
committee side only, never to the personnel office. The judge concerned reads the
actions about themself and the committee's opinion, not the flag."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

if TYPE_CHECKING:
    from benchguard.interference.models import Entry, PersonnelAction, QuarterReport

KEEPERS = frozenset({Role.TRIAL_MANAGEMENT})
INSPECTORS = frozenset({Role.DISCIPLINE_INSPECTION})
LEADERS = frozenset({Role.COURT_LEADER, Role.COURT_PRESIDENT})
# Read every entry of their court.
COURT_READERS = KEEPERS | INSPECTORS | LEADERS
# Record an attempt on a judge of their court that the judge did not record.
SUPERVISORS = frozenset({Role.DIVISION_CHIEF, Role.COURT_LEADER, Role.COURT_PRESIDENT, Role.TRIAL_MANAGEMENT})
JUDGES = frozenset({Role.JUDGE, Role.DIVISION_CHIEF})
# Read the entries referred to the committee, and open a matter from them.
COMMITTEE_HANDLERS = frozenset({Role.COMMITTEE_OFFICE, Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR})
PERSONNEL = frozenset({Role.PERSONNEL_OFFICE})
COMMITTEE = COMMITTEE_HANDLERS | {Role.COMMITTEE_MEMBER}
REVIEWERS = frozenset({Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR})


def _account_id(user: Any) -> int | None:
    return user.pk if getattr(user, "is_authenticated", False) else None


def person_of(user: Any) -> Any:
    """The user's own person (their court, their name), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "person", None)


# --- The register --------------------------------------------------------------------


def is_referred(entry: Entry) -> bool:
    """Was the entry referred to the committee (asked of the database, not a cached
    relation: a referral may have been made since the entry was read)?"""
    from benchguard.interference.models import Referral

    return Referral.objects.filter(entry_id=entry.pk).exists()


def court_reader_ids(user: Any) -> set[int]:
    return court_ids_with(user, COURT_READERS)


def committee_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, COMMITTEE_HANDLERS)


def can_record(user: Any) -> bool:
    """May the user record an entry at all (on themself, or as a supervisor)?"""
    return bool(court_ids_with(user, JUDGES | SUPERVISORS))


def can_record_for(user: Any, judge: Any) -> bool:
    """On themself as a judge, or on a judge of a court they supervise."""
    if judge is None or not getattr(user, "is_authenticated", False):
        return False
    if judge.account_id == user.pk and judge.court_id in court_ids_with(user, JUDGES):
        return True
    return has_role(user, *SUPERVISORS, court_id=judge.court_id)


def can_read_entry(user: Any, entry: Entry) -> bool:
    uid = _account_id(user)
    if uid is None:
        return False
    if entry.recorded_by_id == uid or entry.judge.account_id == uid:
        return True
    if entry.court_id in court_reader_ids(user):
        return True
    return entry.court_id in committee_court_ids(user) and is_referred(entry)


def can_read_register(user: Any) -> bool:
    """May the user open the register's list (their own entries at least)?"""
    return can_record(user) or bool(court_reader_ids(user) | committee_court_ids(user))


def can_amend(user: Any, entry: Entry) -> bool:
    """The recorder corrects their entry with an amendment (never an amendment of an
    amendment: it amends the original)."""
    return entry.recorded_by_id == _account_id(user) and entry.amends_id is None


def can_refer(user: Any, entry: Entry) -> bool:
    """The recorder, the judge concerned or the keeper refers the entry to the committee."""
    uid = _account_id(user)
    if uid is None:
        return False
    return (
        entry.recorded_by_id == uid
        or entry.judge.account_id == uid
        or has_role(user, *KEEPERS, court_id=entry.court_id)
    )


def is_keeper(user: Any, court_id: int) -> bool:
    return has_role(user, *KEEPERS, court_id=court_id)


def can_report_immediately(user: Any, entry: Entry) -> bool:
    return entry.affected_handling and is_keeper(user, entry.court_id)


def can_open_matter(user: Any, entry: Entry) -> bool:
    """The committee office, chair or a vice-chair of the court (open_ex_officio), once
    the entry was referred to the committee."""
    return has_role(user, *COMMITTEE_HANDLERS, court_id=entry.court_id) and is_referred(entry)


# --- Quarterly reports -------------------------------------------------------------------


def report_reader_ids(user: Any) -> set[int]:
    return court_ids_with(user, COURT_READERS)


def higher_keeper_ids(user: Any) -> set[int]:
    """Courts whose keeper acknowledges their base courts' reports for the higher court."""
    return court_ids_with(user, KEEPERS)


def can_read_reports(user: Any) -> bool:
    return bool(report_reader_ids(user))


def can_submit(user: Any, report: QuarterReport) -> bool:
    return is_keeper(user, report.court_id)


def can_acknowledge(user: Any, report: QuarterReport) -> bool:
    """The keeper of the parent court acknowledges a base court's report in the app."""
    parent_id = report.court.parent_id
    return parent_id is not None and is_keeper(user, parent_id)


# --- Personnel actions (A7.2) ------------------------------------------------------------


def personnel_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, PERSONNEL)


def committee_reader_ids(user: Any) -> set[int]:
    return court_ids_with(user, COMMITTEE)


def can_read_actions(user: Any) -> bool:
    """The personnel office and the committee; a judge about whom an action was recorded."""
    if personnel_court_ids(user) | committee_reader_ids(user):
        return True
    from benchguard.interference.models import PersonnelAction

    uid = _account_id(user)
    return uid is not None and PersonnelAction.objects.filter(judge__account_id=uid).exists()


def can_record_action(user: Any, court_id: int | None = None) -> bool:
    ids = personnel_court_ids(user)
    return bool(ids) if court_id is None else court_id in ids


def sees_flag(user: Any, action: PersonnelAction) -> bool:
    """The committee side only: never the personnel office, nor the judge."""
    return action.court_id in committee_reader_ids(user)


def can_prepare(user: Any, action: PersonnelAction) -> bool:
    return has_role(user, Role.COMMITTEE_OFFICE, court_id=action.court_id)


def can_review(user: Any, action: PersonnelAction) -> bool:
    return has_role(user, *REVIEWERS, court_id=action.court_id)
