"""The benchmarks' one way to measure a request against its SQL floor (issue 11 item 1).

A request's *floor* is the time of its own SQL alone: the statements the request sent,
recorded as sent (`connection.execute_wrapper` sees the SQL with its parameters before
the driver gets them), replayed on the raw DB-API connection — no ORM, no Django cursor
wrapper, no Python between statements except the loop — each fetching all its rows as
Django does, inside a transaction that is rolled back, so the tables are never changed.
The *ratio* request p50 ÷ floor p50 then says how much of the request is spent outside
the database; unlike milliseconds it survives a busy machine, since both halves slow
down together.

What the floor leaves out, so that it is a floor: the request's transaction control
(BEGIN, SAVEPOINT, RELEASE, ROLLBACK TO — counted among the request's queries, as
Django's CaptureQueriesContext counts them, but not replayed: the replay runs inside its
own transaction) and the COMMIT (which is not a cursor statement). A statement that
cannot be replayed as it was sent — an INSERT clashing with the row the recorded
request itself committed (the same visit's deposit, the same unique key) — is found by
a first, untimed replay and from then on runs inside its own savepoint, rolled back
after the error, so the failed attempt (which did the same index probe) is timed
honestly and the transaction stays usable on PostgreSQL too; `Replay.failing` says how
many there were.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

WARMUP = 5
_CONTROL = ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "END")


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    index = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


@dataclass
class Timings:
    """Milliseconds of repeated runs: p50, p95 and the slowest."""

    values: list[float]

    def __post_init__(self) -> None:
        self.values = sorted(self.values)

    @property
    def p50(self) -> float:
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        return percentile(self.values, 0.95)

    @property
    def max(self) -> float:
        return self.values[-1]


@dataclass
class Statement:
    sql: str
    params: Any
    many: bool

    @property
    def is_control(self) -> bool:
        return self.sql.lstrip().upper().startswith(_CONTROL)


@contextmanager
def recording() -> Iterator[list[Statement]]:
    """Record every statement sent on the default connection while the block runs."""
    from django.db import connection

    statements: list[Statement] = []

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if many:
            params = list(params)  # it may be a generator, read once by the driver
        statements.append(Statement(sql, params, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield statements


def recorded(call: Callable[[], Any]) -> tuple[Any, list[Statement]]:
    with recording() as statements:
        result = call()
    return result, statements


class Replay:
    """The recorded statements of one request, ready to be replayed on the raw connection."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        from django.db import connection

        self.queries = len(statements)  # as CaptureQueriesContext counts them
        self._statements: list[tuple[str, Any, bool]] = []
        for statement in statements:
            if statement.is_control:
                continue
            sql = statement.sql
            if connection.vendor == "sqlite" and (statement.params is not None or statement.many):
                # What Django's SQLite cursor does before handing the query to sqlite3.
                from django.db.backends.sqlite3.base import SQLiteCursorWrapper

                params = statement.params[0] if statement.many and statement.params else statement.params
                names = list(params) if isinstance(params, dict) else None
                sql = SQLiteCursorWrapper.convert_query(None, sql, param_names=names)  # type: ignore[arg-type]
            self._statements.append((sql, statement.params, statement.many))
        self.failing: set[int] = set()
        self._discovered = False

    @property
    def replayed(self) -> int:
        return len(self._statements)

    def _run(self, *, discover: bool) -> float:
        from django.db import connection, transaction

        with transaction.atomic():
            cursor = connection.connection.cursor()
            error = connection.Database.Error
            started = time.perf_counter()
            for index, (sql, params, many) in enumerate(self._statements):
                guarded = discover or index in self.failing
                if guarded:
                    cursor.execute("SAVEPOINT bench_replay")
                try:
                    if many:
                        cursor.executemany(sql, params)
                    elif params is None:
                        cursor.execute(sql)
                    else:
                        cursor.execute(sql, params)
                    if cursor.description is not None:
                        cursor.fetchall()
                except error:
                    if not guarded:
                        raise
                    cursor.execute("ROLLBACK TO SAVEPOINT bench_replay")
                    if discover:
                        self.failing.add(index)
                if guarded:
                    cursor.execute("RELEASE SAVEPOINT bench_replay")
            elapsed = (time.perf_counter() - started) * 1000
            cursor.close()
            transaction.set_rollback(True)
        return elapsed

    def discover(self) -> None:
        """One untimed replay that finds the statements failing on replay (see the module)."""
        if not self._discovered:
            self._run(discover=True)
            self._discovered = True

    def once(self) -> float:
        self.discover()
        return self._run(discover=False)

    def times(self, iterations: int, warmup: int = WARMUP) -> Timings:
        self.discover()
        for _ in range(warmup):
            self._run(discover=False)
        return Timings([self._run(discover=False) for _ in range(iterations)])


@dataclass
class Measured:
    """One benchmark row's numbers: the request's timings, its queries and its floor."""

    request: Timings
    floor: Timings
    queries: int | str  # a count, or "min–max" when the measured calls differ
    failing_on_replay: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.request.p50 / self.floor.p50 if self.floor.p50 else float("inf")

    def as_dict(self) -> dict[str, Any]:
        return {
            "p50": self.request.p50,
            "p95": self.request.p95,
            "max": self.request.max,
            "queries": self.queries,
            "floor_p50": self.floor.p50,
            "floor_p95": self.floor.p95,
            "ratio": self.ratio,
            "failing_on_replay": self.failing_on_replay,
            **self.extra,
        }


def timed_calls(call: Callable[[], Any], iterations: int, warmup: int = WARMUP) -> tuple[Timings, Any]:
    """Time `iterations` runs of the same call (after `warmup` untimed ones)."""
    result = None
    for _ in range(warmup):
        result = call()
    values = []
    for _ in range(iterations):
        started = time.perf_counter()
        result = call()
        values.append((time.perf_counter() - started) * 1000)
    return Timings(values), result


def measure_repeatable(call: Callable[[], Any], iterations: int) -> tuple[Measured, Any]:
    """A call that sends the same SQL every time (a GET): time it, record it once (on a
    separate, untimed run, so recording never slows a timed one), replay its SQL as
    many times."""
    request, _result = timed_calls(call, iterations)
    result, statements = recorded(call)
    replay = Replay(statements)
    floor = replay.times(iterations)
    return Measured(request, floor, replay.queries, len(replay.failing)), result


def measure_each(calls: Sequence[Callable[[], Any]], *, warmup: int = WARMUP) -> Measured:
    """Calls that each send their own SQL and may be repeated (a look-up with different
    arguments): each is run once recorded (untimed; it also warms the caches), once
    timed, and its own SQL replayed once timed; p50s over all of them."""
    for call in calls[:warmup]:
        call()
    request, floor, counts, failing = [], [], [], 0
    for call in calls:
        _result, statements = recorded(call)
        started = time.perf_counter()
        call()
        request.append((time.perf_counter() - started) * 1000)
        replay = Replay(statements)
        floor.append(replay.once())
        counts.append(replay.queries)
        failing = max(failing, len(replay.failing))
    return Measured(Timings(request), Timings(floor), query_range(counts), failing)


def query_range(counts: Sequence[int]) -> int | str:
    low, high = min(counts), max(counts)
    return low if low == high else f"{low}–{high}"
