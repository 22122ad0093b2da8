"""Narrowing an actor to the account a row records."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from benchguard.core.types import Actor
from benchguard.organization.models import Account


def account_of(actor: Actor) -> Account | None:
    """The account a row records as having acted (`recorded_by`, `decided_by` …), or None
    when the system acted. Services check what the actor may do before they record it,
    so an anonymous user never gets this far; were it to, nobody is named."""
    return actor if isinstance(actor, Account) else None


def signed_in(actor: Actor) -> Account:
    """The account that must stand behind a row no system job writes (a decision, a
    signature): anyone else is refused."""
    if not isinstance(actor, Account):
        raise PermissionDenied
    return actor
