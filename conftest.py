"""Shared test fixtures: the court's named personas (house style 15).

The demo data (the city's real courts, one account per role, a judge of another court
and an outsider) is in every test database: built once per run and copied into each
xdist worker (`tests/demo_db.py`); each test runs in a transaction that is rolled back,
so tests read like the court's own stories: `client_as("office")`, `persona("judge2")`.
The personas' usernames are `benchguard.organization.demo.PERSONA_USERNAMES`.

`BENCHGUARD_TEST_DATE=2027-02-28 pytest …` runs the whole session on a moved clock (see
docs/testing.md): no test may depend on the day it runs.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from benchguard.organization.models import Account, Court, Person
from tests import demo_db

TEST_DATE_VARIABLE = "BENCHGUARD_TEST_DATE"
session_clock_key = pytest.StashKey[time_machine.travel]()


def session_moment() -> dt.datetime | None:
    """The moment BENCHGUARD_TEST_DATE asks for (a date is its midnight, court time)."""
    value = os.environ.get(TEST_DATE_VARIABLE, "").strip()
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        message = f"{TEST_DATE_VARIABLE}={value!r}: give YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        raise pytest.UsageError(message) from None
    if moment.tzinfo is None:
        from django.conf import settings

        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return moment


def is_xdist_controller(config: pytest.Config) -> bool:
    return config.pluginmanager.hasplugin("dsession") and not hasattr(config, "workerinput")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # The clock moves before anything is built (the demo places its rows around now) and
    # keeps ticking; a test's own time_machine.travel() nests inside it.
    moment = session_moment()
    if moment is not None:
        clock = time_machine.travel(moment, tick=True)
        clock.start()
        config.stash[session_clock_key] = clock


def pytest_sessionstart(session: pytest.Session) -> None:
    # The controller names the run (before xdist starts its workers with that name) so
    # that it can delete the run's demo copy at the end.
    config = session.config
    if is_xdist_controller(config) and config.getoption("testrunuid", None) is None:
        config.option.testrunuid = uuid.uuid4().hex


def pytest_report_header(config: pytest.Config) -> str | None:
    moment = session_moment()
    return f"clock moved to {moment.isoformat()} ({TEST_DATE_VARIABLE})" if moment else None


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if is_xdist_controller(config):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with config.stash[blocking_manager_key].unblock():
            demo_db.forget_run(connections["default"], config.option.testrunuid)


def pytest_unconfigure(config: pytest.Config) -> None:
    clock = config.stash.get(session_clock_key, None)
    if clock is not None:
        clock.stop()


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: Any,
    django_db_use_migrations: bool,
    django_db_keepdb: bool,
    django_db_createdb: bool,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """The test database with the demo loaded, copied from this run's one build.

    Replaces pytest-django's fixture of the same name; its options (--reuse-db,
    --create-db, --nomigrations) and a serialized rollback take its ordinary path.
    """
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    verbosity = request.config.option.verbose
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    connection = connections["default"]
    keepdb = django_db_keepdb and not django_db_createdb
    ordinary = (
        not django_db_use_migrations
        or keepdb
        or serialized_aliases
        or set(aliases) != {"default"}
        or not demo_db.can_copy(connection)
    )
    with django_db_blocker.unblock():
        if ordinary:
            if not django_db_use_migrations:
                _disable_migrations()
            db_cfg = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,  # type: ignore[arg-type]  # a set, as pytest-django passes
                serialized_aliases=serialized_aliases,
                keepdb=keepdb,
            )
            demo_db.load_demo_data()
        else:
            run_id = getattr(request.config, "workerinput", {}).get("testrunuid")
            old_name = demo_db.setup_demo_database(connection, run_id, verbosity)
            db_cfg = [(connection, old_name, True)]

    yield

    with django_db_blocker.unblock():
        demo_db.teardown_demo_database(connection)
        if not django_db_keepdb:
            teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture
def court(db: None) -> Court:
    """The intermediate court (370200), where most personas hold their roles."""
    return Court.objects.get(division_code="370200")


@pytest.fixture
def office(db: None) -> Account:
    """The intermediate court's committee office (the persona "office")."""
    return Account.objects.get(username="office")


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
