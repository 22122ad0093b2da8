"""Running the same work in two threads at the same moment, as two workers would.

Each thread has its own database connection, so the test needs
`@pytest.mark.django_db(transaction=True)`: a thread must see the other's commit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def at_once(work: Callable[[str], T], *names: str) -> tuple[dict[str, T], list[BaseException]]:
    """Run `work(name)` for each of `names` in its own thread, all starting together:
    what each returned (by name), and whatever any of them raised."""
    start_together = threading.Barrier(len(names))
    results: dict[str, T] = {}
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            start_together.wait(timeout=10)
            results[name] = work(name)
        except BaseException as exc:  # reported by the caller's assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def needs_postgres() -> None:
    """Skip on SQLite, whose in-memory test database refuses a second connection outright
    instead of making it wait (CI runs the suite on PostgreSQL too, where these run);
    on PostgreSQL, load the demo: a transactional test starts from an empty database
    (an earlier one flushed every table), and the demo is idempotent."""
    import pytest

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL); CI does")
    from benchguard.organization.demo import load_demo

    load_demo()
