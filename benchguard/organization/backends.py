"""Signing in (the password check is Django's own) and loading the signed-in account.

`AccountBackend.get_user` runs on every request: it reads the account together with
its role assignments in one query (a LEFT JOIN), so the grants every page checks
(`core.access.grants_of`) cost no query of their own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from benchguard.core.access import Grant, keep_grants
from benchguard.organization.models import Account

_GRANT = ("role_assignments__role", "role_assignments__court_id", "role_assignments__department_id")


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Account | None:
        fields = [f.attname for f in Account._meta.concrete_fields]
        try:
            rows = list(Account._default_manager.filter(pk=user_id).order_by().values_list(*fields, *_GRANT))
        except (ValueError, TypeError):  # a session holding a malformed id
            return None
        if not rows:
            return None
        width = len(fields)
        user = Account.from_db(Account._default_manager.db, fields, rows[0][:width])
        keep_grants(user, (Grant(*row[width:]) for row in rows if row[width] is not None))
        return user if self.user_can_authenticate(user) else None
