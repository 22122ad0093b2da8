"""Query plans for the tests that check a list reads its index in order (issue 11):
planned as on a fresh install, without statistics."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet


def plan_of(query: QuerySet[Any, Any] | str, params: tuple[Any, ...] = ()) -> str:
    """The plan of a queryset (or of SQL with its parameters) as one text. SQLite plans
    without the statistics an ANALYZE would leave; PostgreSQL plans by its statistics, so
    sorting and sequential scans are forbidden and the plan shows whether an index can
    serve the query and its order at all."""
    if isinstance(query, QuerySet):
        query, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
            cursor.execute("EXPLAIN QUERY PLAN " + query, params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + query, params)
        return "\n".join(str(row[0]) for row in cursor.fetchall())
