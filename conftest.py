"""Shared test fixtures: the court's named personas (house style 15).

The demo data (the city's real courts, one account per role, a judge of another court
and an outsider) is loaded once per test database; each test runs in a transaction
that is rolled back, so tests read like the court's own stories:
`client_as("office")`, `persona("judge2")`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from benchguard.organization.demo import load_demo
from benchguard.organization.models import Account, Person

PERSONA_NAMES = [
    "judge", "staff", "office", "chair", "vicechair", "member", "chief", "leader",
    "police", "guard", "clerk", "personnel", "admin", "judge2", "outsider", "cityadmin",
]  # fmt: skip


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        load_demo()
        # The demo queues e-mails for its notifications; they belong to no test's story
        # and would make every test that counts queued tasks start from a dozen.
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()


@pytest.fixture
def persona(db: None) -> Callable[[str], Account]:
    def get(username: str) -> Account:
        return Account.objects.get(username=username)

    return get


@pytest.fixture
def person_of(db: None) -> Callable[[str], Person]:
    def get(username: str) -> Person:
        return Person.objects.select_related("court", "department").get(account__username=username)

    return get


@pytest.fixture
def client_as(db: None) -> Callable[[str | None], Client]:
    """A test client signed in as the persona (None: not signed in)."""

    def make(username: str | None) -> Client:
        client = Client()
        if username is not None:
            client.force_login(Account.objects.get(username=username))
        return client

    return make
