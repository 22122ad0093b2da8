"""Who each level of a case is (A14, A16): the judge in charge, the chiefs of its
division, the court's leaders, its president, the higher court. Alerts go to a level and
are acknowledged by anyone in it; upward reports climb them one at a time."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

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
        # Of the case's division, or a chief of no one division (as permissions.is_chief_of).
        division = Q(role_assignments__department_id=case.division_id) | Q(
            role_assignments__department_id__isnull=True
        )
        accounts = Account.objects.filter(
            division if case.division_id else Q(),
            is_active=True,
            role_assignments__court_id=court_id,
            role_assignments__role=Role.DIVISION_CHIEF,
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


def first_with_accounts(case: Case, tier: int) -> int:
    """The level a report to `tier` is addressed to: `tier`, or the first above it with
    anyone in it (a division without a chief reports to the leaders), up to the
    president; the higher court and the political-legal committee as asked."""
    if tier >= Tier.HIGHER_COURT:
        return tier
    for level in range(tier, Tier.HIGHER_COURT):
        if tier_accounts(case, level):
            return level
    return tier


def received_outside(report: Any) -> bool:
    """Is the report's receipt recorded by the court, the body it went to having no
    account here (the political-legal committee; a higher court not in BenchGuard)?"""
    if report.tier == Tier.POLITICAL_LEGAL:
        return True
    return report.tier == Tier.HIGHER_COURT and not tier_accounts(report.case, Tier.HIGHER_COURT)
