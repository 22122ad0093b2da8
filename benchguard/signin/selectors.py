"""The accounts an administrator may reset, with whether each has enrolled."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from benchguard.core.access import is_city_admin
from benchguard.organization.admin_base import admin_court_ids
from benchguard.organization.models import Account, Person, RoleAssignment


def accounts_for_reset(user: Any, query: str = "") -> QuerySet[Account]:
    accounts = Account.objects.exclude(pk=user.pk)
    if not is_city_admin(user):
        courts = admin_court_ids(user)
        accounts = accounts.filter(
            Exists(RoleAssignment.objects.filter(account=OuterRef("pk"), court_id__in=courts))
            | Exists(Person.objects.filter(account=OuterRef("pk"), court_id__in=courts))
        )
    if query:
        accounts = accounts.filter(Q(username__icontains=query) | Q(display_name__icontains=query))
    return accounts.annotate(
        enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    ).order_by("username")


def get_account_for_reset(user: Any, pk: int) -> Account:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(accounts_for_reset(user), pk=pk)
