"""Who each level of a case is (A14, A16): the judge in charge, the chiefs of its
division, the court's leaders, its president, the higher court. Alerts go to a level and
are acknowledged by anyone in it; upward reports climb them one at a time."""

from __future__ import annotations

from typing import Any

from benchguard.cases.choices import Tier
from benchguard.cases.models import Case
from benchguard.organization.choices import Role
from benchguard.organization.models import Account


def tier_accounts(case: Case, tier: int) -> list[Account]:
    """The active accounts a level is for this case (A14, A16): the judge in charge; the
    chiefs of its division (every chief of the court when it has no division); the
    court's leaders; its president; at the higher court, its committee office and
    leaders. The political-legal committee has no accounts here."""
    court_id = case.court_id
    if tier == Tier.JUDGE:
        judge = case.judge
        account = judge.account if judge is not None and judge.account_id else None
        return [account] if account is not None and account.is_active else []
    if tier == Tier.CHIEF:
        accounts = Account.objects.filter(
            is_active=True,
            role_assignments__court_id=court_id,
            role_assignments__role=Role.DIVISION_CHIEF,
            **({"role_assignments__department_id": case.division_id} if case.division_id else {}),
        )
    elif tier == Tier.LEADER:
        accounts = Account.objects.filter(
            is_active=True, role_assignments__court_id=court_id, role_assignments__role=Role.COURT_LEADER
        )
    elif tier == Tier.PRESIDENT:
        accounts = Account.objects.filter(
            is_active=True, role_assignments__court_id=court_id, role_assignments__role=Role.COURT_PRESIDENT
        )
    elif tier == Tier.HIGHER_COURT:
        parent_id = case.court.parent_id
        if parent_id is None:
            return []
        accounts = Account.objects.filter(
            is_active=True,
            role_assignments__court_id=parent_id,
            role_assignments__role__in=[Role.COMMITTEE_OFFICE, Role.COURT_LEADER],
        )
    else:
        return []
    return list(accounts.distinct().order_by("pk"))


def is_of_tier(user: Any, case: Case, tier: int) -> bool:
    return any(account.pk == user.pk for account in tier_accounts(case, tier))


def next_tiers(tier: int) -> list[int]:
    """The levels a report at `tier` may be passed on to: one level up; from the
    president, the higher court and the political-legal committee."""
    if tier == Tier.PRESIDENT:
        return [Tier.HIGHER_COURT, Tier.POLITICAL_LEGAL]
    if tier in (Tier.CHIEF, Tier.LEADER):
        return [tier + 1]
    return []
