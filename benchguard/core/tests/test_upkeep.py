"""Planner statistics (issue 11): gathered after `migrate` applied something, and kept
current by the nightly job."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from benchguard.core import tasks, upkeep
from tests.backends import execute_on_this_backend

pytestmark = pytest.mark.django_db


def _has_statistics(table: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchall():
                return False
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        return bool(cursor.fetchone()[0])


def _forget_statistics() -> None:
    execute_on_this_backend(
        sqlite="DROP TABLE IF EXISTS sqlite_stat1",
        postgresql="DELETE FROM pg_statistic WHERE starelid = 'matters_matter'::regclass",
    )


def test_a_migrate_that_applied_something_analyses_the_tables() -> None:
    _forget_statistics()
    upkeep.analyze_after_migrate(sender=apps.get_app_config("matters"), plan=[("migration", False)])
    assert not _has_statistics("matters_matter")  # once per migrate: on the core app's signal
    upkeep.analyze_after_migrate(sender=apps.get_app_config("core"), plan=[])
    assert not _has_statistics("matters_matter")  # nothing applied, nothing to do
    upkeep.analyze_after_migrate(sender=apps.get_app_config("core"), plan=[("migration", False)])
    assert _has_statistics("matters_matter")


def test_the_nightly_job_refreshes_the_statistics() -> None:
    _forget_statistics()
    statement = tasks.optimize_database.call()
    assert statement == ("PRAGMA optimize" if connection.vendor == "sqlite" else "ANALYZE")
    if connection.vendor == "postgresql":
        assert _has_statistics("matters_matter")
