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

from benchguard.core.access import court_ids_with, grants_of, has_role
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
        Role.COMMITTEE_CHAIR,
        Role.COMMITTEE_VICE_CHAIR,
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


# Risk (A14, A16) ------------------------------------------------------------------------
# The filing clerks flag a case; the judge in charge proposes its level and the chief of
# its division sets it; the judge, the chief and the court's leaders write its
# contingency plan and a leader or the president approves it. Alerts and upward reports
# are acknowledged by the level they are addressed to (services.tier_accounts). The
# committee office (or its chair) intervenes early; statements are drafted by those who
# write the plan and the office, signed off by a leader or the president, published by
# the office.

LEADERS = frozenset({Role.COURT_LEADER, Role.COURT_PRESIDENT})


def is_judge_of(user: Any, case: Case) -> bool:
    judge = case.judge
    return judge is not None and judge.account_id is not None and judge.account_id == user.pk


def is_chief_of(user: Any, case: Case) -> bool:
    """A division chief of the case's court: of its division, when it has one."""
    return any(
        grant.role == Role.DIVISION_CHIEF
        and grant.court_id == case.court_id
        and (case.division_id is None or grant.department_id in (None, case.division_id))
        for grant in grants_of(user)
    )


def is_leader_of(user: Any, case: Case) -> bool:
    return has_role(user, *LEADERS, court_id=case.court_id)


def can_flag(user: Any, case: Case) -> bool:
    return can_keep(user, case)


def can_propose_level(user: Any, case: Case) -> bool:
    return is_judge_of(user, case)


def can_set_level(user: Any, case: Case) -> bool:
    return is_chief_of(user, case)


def can_move_stage(user: Any, case: Case) -> bool:
    """The filing division registers the case's move; the judge in charge may too."""
    return can_keep(user, case) or is_judge_of(user, case)


def can_write_plan(user: Any, case: Case) -> bool:
    return is_judge_of(user, case) or is_chief_of(user, case) or is_leader_of(user, case)


def can_approve_plan(user: Any, case: Case) -> bool:
    return is_leader_of(user, case)


def can_report(user: Any, case: Case) -> bool:
    """May the user start an upward report on the case (the judge in charge or the
    division chief)?"""
    return is_judge_of(user, case) or is_chief_of(user, case)


def can_intervene(user: Any, case: Case) -> bool:
    return has_role(
        user, Role.COMMITTEE_OFFICE, Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR, court_id=case.court_id
    )


def can_draft_statement(user: Any, case: Case) -> bool:
    return can_write_plan(user, case) or has_role(user, Role.COMMITTEE_OFFICE, court_id=case.court_id)


def can_sign_off_statement(user: Any, case: Case) -> bool:
    return is_leader_of(user, case)


def can_publish_statement(user: Any, case: Case) -> bool:
    return has_role(user, Role.COMMITTEE_OFFICE, court_id=case.court_id) or is_leader_of(user, case)


def can_record_receipt(user: Any, case: Case) -> bool:
    """Who records that the political-legal committee received a report: the court's
    president and the committee office."""
    return has_role(user, Role.COURT_PRESIDENT, Role.COMMITTEE_OFFICE, court_id=case.court_id)


def can_watch(user: Any) -> bool:
    """The leaders' list of key cases and key persons (A16)."""
    return bool(court_ids_with(user, LEADERS | {Role.COMMITTEE_OFFICE}))


def can_pass_on(user: Any, report: Any) -> bool:
    """May the user pass the report on (the level it is addressed to, once acknowledged)?"""
    from benchguard.cases.tiers import is_of_tier, next_tiers

    return bool(next_tiers(report.tier)) and is_of_tier(user, report.case, report.tier)


def can_receive_for(user: Any, report: Any) -> bool:
    """May the user record the receipt of this report by a body without accounts here
    (the political-legal committee; a higher court not in BenchGuard)?"""
    from benchguard.cases.tiers import received_outside

    return received_outside(report) and can_record_receipt(user, report.case)


def can_read_risk_details(user: Any, case: Case) -> bool:
    """May the user read the case's contingency plan, upward reports and statements
    (the judge's security, the triggers, the public line)? Those who write, approve or
    receive them and the committee: not every reader of the court's cases (need to know)."""
    from benchguard.cases.choices import Tier
    from benchguard.cases.tiers import is_of_tier

    return (
        can_write_plan(user, case)
        or can_intervene(user, case)
        or can_record_receipt(user, case)
        or is_of_tier(user, case, Tier.HIGHER_COURT)  # a report raised to it
    )
