"""Periodic jobs: work that must happen once every period (a daily purge, hourly
reminders), however many workers are running and however often they restart.

Nothing here keeps time in memory. Each pass of `benchguard worker` calls
`run_due_jobs`, which works out every job's *current period* from the clock (in the
court's time zone, settings.TIME_ZONE = Asia/Shanghai) and tries to insert a
`PeriodicRun(job, period)` row. The unique constraint `periodic_run_once_per_period`
lets exactly one worker win; the winner enqueues the job's task through the tasks API
and everyone else moves on. The table is the memory: a worker that was down at 03:00
catches up with that period when it comes back (once, for the latest period only).

Adding a job is two decorators on a module-level function in `<app>/tasks.py` (the
worker imports every installed app's `tasks` module before its first pass):

    from django_tasks import task

    from benchguard.core.jobs import daily, every_minutes, hourly, periodic

    @periodic("matters.send_due_reminders", daily(at="08:00"))
    @task()
    def send_due_reminders() -> int:
        ...

- The name is the job's identity in `PeriodicRun`: keep it stable, `<app>.<verb_noun>`.
- Schedules: `every_minutes(15)`, `hourly(minute=5)`, `daily(at="03:30")`.
- The task takes no arguments and runs on the worker like any other task, so it must be
  safe to run late, and — with the Redis backend, where the enqueue cannot share the
  claim's transaction — safe to run twice in the rare case the claim fails to commit
  after the enqueue. With the database backend claim and queued task commit together.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks import task, task_backends
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.utils import is_locked_database_exception

from benchguard.core.audit import record_event
from benchguard.core.models import PeriodicRun

logger = logging.getLogger(__name__)

_KEY_FORMAT = "%Y-%m-%dT%H:%M"
_MAX_NAME_LENGTH = PeriodicRun._meta.get_field("job").max_length or 100
_MAX_WORKER_LENGTH = PeriodicRun._meta.get_field("worker").max_length or 100


# --- Schedules ----------------------------------------------------------------------


class Schedule(Protocol):
    """When a job is due: maps a local time to the key of the period it falls in.

    Two times in the same period give the same key; the key of the next period differs.
    Keys are short strings (at most 40 characters) stored in `PeriodicRun.period`.
    """

    def period_key(self, local_now: datetime) -> str: ...


@dataclass(frozen=True)
class EveryMinutes:
    """Every N minutes, counted from local midnight (15 → :00, :15, :30, :45)."""

    minutes: int

    def __post_init__(self) -> None:
        if not 1 <= self.minutes <= 24 * 60:
            raise ImproperlyConfigured(f"every_minutes({self.minutes}): use 1 to 1440 minutes")

    def period_key(self, local_now: datetime) -> str:
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        minute_of_day = local_now.hour * 60 + local_now.minute
        start = midnight + timedelta(minutes=minute_of_day - minute_of_day % self.minutes)
        return start.strftime(_KEY_FORMAT)


@dataclass(frozen=True)
class Hourly:
    """Once an hour, due at `minute` past the hour; the key is that due time."""

    minute: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.minute <= 59:
            raise ImproperlyConfigured(f"hourly(minute={self.minute}): use 0 to 59")

    def period_key(self, local_now: datetime) -> str:
        due = local_now.replace(minute=self.minute, second=0, microsecond=0)
        if local_now < due:
            due -= timedelta(hours=1)
        return due.strftime(_KEY_FORMAT)


@dataclass(frozen=True)
class Daily:
    """Once a day, due at `at` local time; the key is the date (so moving `at` does not
    make the job run twice on the day of the change)."""

    at: time

    def period_key(self, local_now: datetime) -> str:
        day: date = local_now.date()
        if local_now.time() < self.at:
            day -= timedelta(days=1)
        return day.isoformat()


def every_minutes(minutes: int) -> EveryMinutes:
    return EveryMinutes(minutes)


def hourly(minute: int = 0) -> Hourly:
    return Hourly(minute)


_HH_MM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def daily(at: str) -> Daily:
    """`daily(at="03:30")`: every day at that local (court) time."""
    match = _HH_MM.match(at)
    if match is None:
        raise ImproperlyConfigured(f"daily(at={at!r}): write the time as HH:MM, e.g. '03:30'")
    return Daily(time(int(match[1]), int(match[2])))


# --- Registry -----------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    schedule: Schedule
    task: Task[[], Any]


_registry: dict[str, PeriodicJob] = {}
_discovered = False

TaskT = TypeVar("TaskT", bound=Task[Any, Any])


def register_job(*, name: str, schedule: Schedule, task: Task[[], Any]) -> PeriodicJob:
    """Make `task` run once per period of `schedule`. Usually used through `@periodic`."""
    if not name or len(name) > _MAX_NAME_LENGTH:
        raise ImproperlyConfigured(f"periodic job name {name!r}: 1 to {_MAX_NAME_LENGTH} chars")
    existing = _registry.get(name)
    # The same task registered again is a module being re-imported (autoreload), not a clash.
    if existing is not None and existing.task.module_path != task.module_path:
        raise ImproperlyConfigured(
            f"periodic job {name!r} is already registered for {existing.task.module_path}"
        )
    job = PeriodicJob(name=name, schedule=schedule, task=task)
    _registry[name] = job
    return job


def unregister_job(name: str) -> None:
    """Remove a job (tests register throw-away jobs and remove them afterwards)."""
    _registry.pop(name, None)


def periodic(name: str, schedule: Schedule) -> Callable[[TaskT], TaskT]:
    """Decorator over a `@task()`: register it as periodic job `name` on `schedule`."""

    def decorator(task_obj: TaskT) -> TaskT:
        if not isinstance(task_obj, Task):
            raise ImproperlyConfigured(
                f"@periodic({name!r}) must decorate a django-tasks @task(), put it above @task()"
            )
        register_job(name=name, schedule=schedule, task=task_obj)
        return task_obj

    return decorator


def registered_jobs() -> list[PeriodicJob]:
    """Every registered job, by name, after importing each installed app's `tasks`."""
    global _discovered
    if not _discovered:
        autodiscover_modules("tasks")
        _discovered = True
    return [_registry[name] for name in sorted(_registry)]


# --- Running ------------------------------------------------------------------------


def _is_claimed(job_name: str, period: str) -> bool:
    return PeriodicRun.objects.filter(job=job_name, period=period).exists()


def run_due_jobs(now: datetime, worker_id: str) -> list[PeriodicRun]:
    """Claim and enqueue every job whose current period has not been claimed yet.

    Returns the runs this call claimed. Safe to call from any number of workers at
    once: the unique (job, period) pair lets one insert succeed, and only the worker
    whose insert succeeded enqueues the task.
    """
    if timezone.is_naive(now):
        raise ValueError("run_due_jobs needs an aware datetime")
    local_now = timezone.localtime(now, timezone.get_default_timezone())
    claimed: list[PeriodicRun] = []
    for job in registered_jobs():
        period = job.schedule.period_key(local_now)
        try:
            # A cheap read first: almost every pass finds the period already claimed, and
            # a failed insert costs more (on PostgreSQL it also logs a server error).
            if _is_claimed(job.name, period):
                continue
            # The savepoint keeps a lost race from breaking a caller's transaction; if
            # the enqueue fails the claim is undone with it and the next pass retries.
            with transaction.atomic():
                run = PeriodicRun.objects.create(
                    job=job.name,
                    period=period,
                    worker=worker_id[:_MAX_WORKER_LENGTH],
                    started_at=now,
                )
                job.task.enqueue()
        except IntegrityError:
            if _is_claimed(job.name, period):
                logger.debug("periodic job %s %s claimed by another worker", job.name, period)
                continue
            raise
        except OperationalError as exc:
            # SQLite gave up waiting for another writer (often the worker claiming this
            # very period). Nothing was claimed; the next pass looks again.
            if is_locked_database_exception(exc):
                logger.warning("periodic job %s %s: database busy, next pass", job.name, period)
                continue
            raise
        logger.info("periodic job %s for period %s enqueued by %s", job.name, period, worker_id)
        claimed.append(run)
    return claimed


# --- Built-in jobs --------------------------------------------------------------------


@periodic("core.prune_task_results", daily(at="03:30"))
@task()
def prune_task_results() -> int:
    """Delete finished task results, and the claims of periodic jobs' past periods,
    older than settings.TASK_RESULT_RETENTION_DAYS.

    Only the database queue keeps results in our database; with Redis, RQ expires its
    own results. The claims are ours whatever the queue.
    """
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    database_aliases = [
        alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)
    ]
    deleted = 0
    with transaction.atomic():
        # The claims of past periods: a job that runs every minute leaves 1,440 a day. A
        # period that old is never claimed again (no schedule is longer than a day), so
        # forgetting it cannot make a job run twice.
        runs, _per_model = PeriodicRun.objects.filter(started_at__lt=cutoff).delete()
        if runs:
            record_event(actor=None, action="core.jobs.prune_periodic_runs", count=runs)
        if database_aliases:
            deleted, _per_model = (
                DBTaskResult.objects.finished()
                .filter(backend_name__in=database_aliases, finished_at__lt=cutoff)
                .delete()
            )
            record_event(actor=None, action="core.jobs.prune_task_results", count=deleted)
    return deleted
