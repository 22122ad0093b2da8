"""The inbox reads its index in the order it shows (issue 11): no sort of the court's
matters, so a page costs the same with 20,000 or 80,000 of them — without relying on
planner statistics, which a real install may never gather."""

from __future__ import annotations

import pytest
from django.db import connection

from benchguard.matters import selectors
from benchguard.organization.models import Account

pytestmark = pytest.mark.django_db


def _plan(sql: str, params: tuple) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [str(row[-1]) for row in cursor.fetchall()]
        # PostgreSQL plans by its statistics; forbid sorting and scanning, and the plan
        # shows whether the index can serve the order at all.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return [str(row[0]) for row in cursor.fetchall()]


def test_the_inbox_page_is_read_in_index_order_without_statistics() -> None:
    with connection.cursor() as cursor:  # no statistics, as on a fresh install
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    office = Account.objects.get(username="office")
    sql, params = selectors.inbox(office)[:50].query.sql_with_params()
    plan = "\n".join(_plan(sql, params))
    assert "matter_inbox_order_idx" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
