"""Planner statistics (issue 11): the lists' queries are shaped to use their indexes
without statistics, but the query planner still chooses best when it has them.

- After `migrate`, the tables are analysed (`ANALYZE`): a fresh install, or one that
  just gained an index, gets statistics at once instead of after months of guessing.
- Every night the job `core.optimize_database` keeps them current: on SQLite
  `PRAGMA optimize`, which analyses only the tables whose size changed enough to
  matter (what the SQLite documentation asks long-lived applications to run
  periodically); on PostgreSQL `ANALYZE`, on top of what autovacuum does.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections


def analyze(using: str = DEFAULT_DB_ALIAS) -> str:
    """Gather planner statistics for every table; return the statement run."""
    statement = "ANALYZE"
    with connections[using].cursor() as cursor:
        cursor.execute(statement)
    return statement


def optimize(using: str = DEFAULT_DB_ALIAS) -> str:
    """Refresh the statistics that went stale; return the statement run."""
    connection = connections[using]
    statement = "PRAGMA optimize" if connection.vendor == "sqlite" else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(statement)
    return statement


def analyze_after_migrate(
    sender: Any, using: str = DEFAULT_DB_ALIAS, plan: Any = None, **kwargs: Any
) -> None:
    """post_migrate: analyse once per `migrate` that applied something (the signal is
    sent once per app; only the core app's call does the work)."""
    if plan and sender.label == "core":
        analyze(using)
