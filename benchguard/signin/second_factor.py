"""Who must sign in with a second factor: one function, from the areas' own predicates.

An account needs it when its roles let it read
- the controlled list and its dossiers (A15: `persons_of_concern.permissions.can_read`),
- other people's private details (A18: `organization.choices.PRIVATE_DETAILS_ROLES`, the
  roles `organization.permissions.can_open_private` admits beside the person themself),
- counselling sessions of others (A24: `wellbeing.permissions.is_counsellor`),
or when it can grant itself those roles in the admin: the city-wide administrator (a
superuser) and a court's system administrator (`organization.admin_base.can_administer`).

Everyone reads their own private details and their own counselling; that alone does
not call for a second factor. Any account may enrol voluntarily; once it has a
confirmed device it is asked for a code at every sign-in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from benchguard.core.access import has_role
from benchguard.organization.admin_base import can_administer
from benchguard.organization.choices import PRIVATE_DETAILS_ROLES
from benchguard.persons_of_concern import permissions as controlled_list
from benchguard.wellbeing import permissions as wellbeing

# Kept in the session at sign-in and after enrolment or a reset (signals, services).
HAS_DEVICE_SESSION_KEY = "signin_has_device"


def needs_second_factor(user: Any) -> bool:
    """Do this account's roles reach the most sensitive data (see the module's docstring)?"""
    return bool(reasons(user))


def reasons(user: Any) -> list[str]:
    """What of the above this account's roles reach, in words, for the pages that ask it
    to set up the second factor (a court leader must not read that they see counselling)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    found: list[Any] = []
    if controlled_list.can_read(user):
        found.append(_("the controlled list of persons of concern"))
    if has_role(user, *PRIVATE_DETAILS_ROLES):
        found.append(_("other people's private details"))
    if wellbeing.is_counsellor(user):
        found.append(_("counselling sessions of others"))
    if can_administer(user):
        found.append(_("the accounts and roles of the court"))
    return found


def required_for(user: Any) -> bool:
    """Must this account verify a second factor before anything else (the setting on)?"""
    return bool(settings.BENCHGUARD_OTP_REQUIRED) and needs_second_factor(user)
