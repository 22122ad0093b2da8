"""Who may reset another account's second factor (the administrator's reset)."""

from __future__ import annotations

from typing import Any

from benchguard.core.access import is_city_admin
from benchguard.organization.admin_base import admin_court_ids, can_administer


def account_court_ids(account: Any) -> set[int]:
    """The courts an account belongs to: where it holds a role, and its person's court."""
    from benchguard.organization.models import Person, RoleAssignment

    ids = set(RoleAssignment.objects.filter(account=account).values_list("court_id", flat=True))
    ids.update(Person.objects.filter(account=account).values_list("court_id", flat=True))
    return ids


def can_reset_second_factor(user: Any, account: Any) -> bool:
    """The city administrator for every account; a court's system administrator for the
    accounts of their court. Never one's own (a lost phone is reset by someone else)."""
    if not can_administer(user) or account.pk == user.pk:
        return False
    return is_city_admin(user) or bool(account_court_ids(account) & admin_court_ids(user))
