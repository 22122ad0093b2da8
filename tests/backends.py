"""Test helpers on the database backends the suite runs on (SQLite and PostgreSQL)."""

from __future__ import annotations

from django.db import connection


def execute_on_this_backend(*, sqlite: str, postgresql: str) -> None:
    """Run, on the default connection, the statement written for its backend."""
    statement = {"sqlite": sqlite, "postgresql": postgresql}[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(statement)
