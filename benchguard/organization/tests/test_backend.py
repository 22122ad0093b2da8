"""Loading the signed-in account (issue 11): one query for the account and its roles."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchguard.core.access import Grant, grants_of
from benchguard.organization.backends import AccountBackend
from benchguard.organization.models import Account, RoleAssignment

pytestmark = pytest.mark.django_db


def test_the_account_comes_with_its_grants_in_one_query() -> None:
    office = Account.objects.get(username="office")
    expected = {
        Grant(r.role, r.court_id, r.department_id) for r in RoleAssignment.objects.filter(account=office)
    }
    assert expected
    with CaptureQueriesContext(connection) as captured:
        user = AccountBackend().get_user(office.pk)
        assert user is not None and user.pk == office.pk and user.username == "office"
        assert grants_of(user) == expected
    assert len(captured) == 1


def test_unknown_malformed_and_inactive_accounts_are_nobody() -> None:
    backend = AccountBackend()
    assert backend.get_user(10**9) is None
    assert backend.get_user("not-a-number") is None
    office = Account.objects.get(username="office")
    Account.objects.filter(pk=office.pk).update(is_active=False)
    assert backend.get_user(office.pk) is None
    # An account without any role is still itself, with no grants.
    bare = Account.objects.create_user(username="bare", password=None)
    user = backend.get_user(str(bare.pk))
    assert user is not None and grants_of(user) == frozenset()
