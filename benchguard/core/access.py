"""Who may see and do what: role grants scoped by court (house style 4).

Every read of a domain object goes through a queryset's `visible_to(user)` or a
`get_*_for(user, pk)` selector built on these helpers. What a user may not see is
answered with 404, as if it did not exist; what they may see but not change, 403.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Grant:
    role: str
    court_id: int
    department_id: int | None


def grants_of(user: Any) -> frozenset[Grant]:
    """The user's role assignments, read once per request and kept on the user object."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_benchguard_grants", None)
    if cached is None:
        cached = frozenset(
            Grant(role, court_id, department_id)
            for role, court_id, department_id in user.role_assignments.values_list(
                "role", "court_id", "department_id"
            )
        )
        user._benchguard_grants = cached
    return cached


def keep_grants(user: Any, grants: Iterable[Grant]) -> None:
    """Keep grants read together with the user (the sign-in backend's one query)."""
    user._benchguard_grants = frozenset(grants)


def forget_grants(user: Any) -> None:
    """Drop the cached grants after the user's roles changed."""
    if hasattr(user, "_benchguard_grants"):
        del user._benchguard_grants


def is_city_admin(user: Any) -> bool:
    """A superuser administers reference data of every court (not private details)."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def has_role(user: Any, *roles: str, court_id: int | None = None) -> bool:
    """Does the user hold any of `roles` (in `court_id`, when given)?"""
    return any(
        grant.role in roles and (court_id is None or grant.court_id == court_id) for grant in grants_of(user)
    )


def court_ids_with(user: Any, roles: Iterable[str] | None = None) -> set[int]:
    """Courts where the user holds any of `roles` (any role at all when None)."""
    wanted = None if roles is None else set(roles)
    return {g.court_id for g in grants_of(user) if wanted is None or g.role in wanted}


def roles_of(user: Any) -> set[str]:
    return {grant.role for grant in grants_of(user)}
