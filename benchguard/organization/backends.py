"""Signing in (the password check is Django's own) and loading the signed-in account.

`AccountBackend.get_user` runs on every request: it reads the account together with
its role assignments in one query (a LEFT JOIN), so the grants every page checks
(`core.access.grants_of`) cost no query of their own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import QuerySet

from benchguard.core.access import Grant, keep_grants
from benchguard.core.prepared import PreparedRead
from benchguard.organization.models import Account

_GRANT = ("role_assignments__role", "role_assignments__court_id", "role_assignments__department_id")
_FIELDS = [f.attname for f in Account._meta.concrete_fields]


def _account_with_grants(user_id: int) -> QuerySet[Any, tuple[Any, ...]]:
    return Account._default_manager.filter(pk=user_id).order_by().values_list(*_FIELDS, *_GRANT)


# Read on every request: compiled once (issue 11), run with the session's account id.
_ACCOUNT_WITH_GRANTS = PreparedRead(_account_with_grants, user_id=1)


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Account | None:
        try:
            pk = int(user_id)
        except (ValueError, TypeError):  # a session holding a malformed id
            return None
        rows = _ACCOUNT_WITH_GRANTS.rows(user_id=pk)
        if not rows:
            return None
        width = len(_FIELDS)
        user = Account.from_db(Account._default_manager.db, _FIELDS, rows[0][:width])
        keep_grants(user, (Grant(*row[width:]) for row in rows if row[width] is not None))
        return user if self.user_can_authenticate(user) else None
