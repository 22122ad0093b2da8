"""Scoping at the gate (house style 4): `.visible_to(user)` is the one way a page, the
API, a panel or an export finds gate rows. Who sees what is in permissions.py."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from benchguard.core.access import court_ids_with
from benchguard.gate.permissions import DESK_ROLES, LIST_ROLES

if TYPE_CHECKING:
    from benchguard.core.types import Actor

# Who may open a visit of their court: the desk (guards, the judicial police) and the
# register's readers (the judicial police, the court's leaders).
VISIT_ROLES = DESK_ROLES | LIST_ROLES


class CourtScopedQuerySet(models.QuerySet):
    """Rows of a court's gate, seen by the holders of `roles` in that court (by default
    the desk: guards and the judicial police). `court_path` leads from the row to its
    court."""

    court_path = "post__court_id"

    def visible_to(self, user: Actor, *, roles: Collection[str] = DESK_ROLES) -> Self:
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(self._in_courts(user, roles))

    def _in_courts(self, user: Actor, roles: Collection[str]) -> Q:
        return Q(**{f"{self.court_path}__in": court_ids_with(user, roles)})


class PostQuerySet(CourtScopedQuerySet):
    court_path = "court_id"


class IdDepositQuerySet(CourtScopedQuerySet):
    pass


class CheckpointShiftQuerySet(CourtScopedQuerySet):
    pass


class HeldItemQuerySet(CourtScopedQuerySet):
    court_path = "shift__post__court_id"


class EntryRefusalQuerySet(CourtScopedQuerySet):
    court_path = "shift__post__court_id"


class PassageEntryQuerySet(CourtScopedQuerySet):
    pass


class VisitQuerySet(CourtScopedQuerySet):
    court_path = "court_id"

    def visible_to(self, user: Actor, *, roles: Collection[str] | None = None) -> Self:
        """The desk and the register's readers see their courts' visits; a host their
        own visitors. A page for one role passes `roles` and sees only those courts'
        visits: the register, its counts and export (LIST_ROLES), the hardware API
        (DESK_ROLES), the holds (POLICE_ROLES)."""
        if user is None or not user.is_authenticated:
            return self.none()
        if roles is not None:
            return self.filter(self._in_courts(user, roles))
        return self.filter(self._in_courts(user, VISIT_ROLES) | Q(host__account=user))

    def hosted_by(self, user: Actor) -> Self:
        """The visits to the user as host (A12.2: a host sees their own visitors)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(host__account=user)
