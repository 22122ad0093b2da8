"""Decisions about single objects: may this user open or change that person's record?

Lists are scoped by `querysets.*.visible_to`; these predicates answer for one object
that the user can already see.
"""

from __future__ import annotations

from typing import Any

from benchguard.core.access import has_role, is_city_admin

__all__ = ["can_administer", "can_edit_person", "can_edit_private", "can_open_private", "is_self"]
from benchguard.organization.admin_base import can_administer
from benchguard.organization.choices import PRIVATE_DETAILS_ROLES, Role


def is_self(user: Any, person: Any) -> bool:
    return bool(user.is_authenticated and person.account_id is not None and person.account_id == user.pk)


def can_edit_person(user: Any, person: Any) -> bool:
    return is_city_admin(user) or has_role(
        user, Role.PERSONNEL_OFFICE, Role.SYSTEM_ADMIN, court_id=person.court_id
    )


def can_open_private(user: Any, person: Any) -> bool:
    """A18: the person themself and the roles whose work needs it, in the same court.
    Administrators (even superusers) are not among them."""
    return is_self(user, person) or has_role(user, *PRIVATE_DETAILS_ROLES, court_id=person.court_id)


def can_edit_private(user: Any, person: Any) -> bool:
    return is_self(user, person) or has_role(user, Role.PERSONNEL_OFFICE, court_id=person.court_id)
