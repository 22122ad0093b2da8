"""Periodic jobs run once per period, however many workers race for them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from benchguard.core import jobs
from benchguard.core.jobs import (
    daily,
    every_minutes,
    hourly,
    prune_task_results,
    register_job,
    run_due_jobs,
)
from benchguard.core.models import AuditEntry, PeriodicRun
from tests.concurrency import at_once

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOB = "tests.hourly_tick"


@task()
def hourly_tick() -> None:
    """The test job's task; these tests only look at whether it was enqueued."""


def enqueued_ticks() -> int:
    return DBTaskResult.objects.filter(task_path=hourly_tick.module_path).count()


@pytest.fixture
def database_tasks(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def only_the_hourly_job(monkeypatch: pytest.MonkeyPatch, database_tasks: None) -> Iterator[None]:
    """A registry holding just the test job, so counts are not muddled by built-in jobs."""
    monkeypatch.setattr(jobs, "_registry", {})
    monkeypatch.setattr(jobs, "_discovered", True)
    register_job(name=JOB, schedule=hourly(), task=hourly_tick)
    yield


@pytest.mark.parametrize(
    ("schedule", "local_time", "expected_key"),
    [
        (hourly(), datetime(2026, 11, 30, 10, 59), "2026-11-30T10:00"),
        (hourly(minute=15), datetime(2026, 11, 30, 10, 14), "2026-11-30T09:15"),
        (hourly(minute=15), datetime(2026, 11, 30, 0, 5), "2026-11-29T23:15"),
        (every_minutes(15), datetime(2026, 11, 30, 10, 44), "2026-11-30T10:30"),
        (every_minutes(1), datetime(2026, 11, 30, 10, 44, 59), "2026-11-30T10:44"),
        (daily(at="03:30"), datetime(2026, 11, 30, 3, 29), "2026-11-29"),
        (daily(at="03:30"), datetime(2026, 11, 30, 3, 30), "2026-11-30"),
        (daily(at="00:00"), datetime(2027, 1, 1, 0, 0), "2027-01-01"),
    ],
)
def test_a_schedule_names_the_period_a_local_time_falls_in(
    schedule: jobs.Schedule, local_time: datetime, expected_key: str
) -> None:
    assert schedule.period_key(local_time.replace(tzinfo=SHANGHAI)) == expected_key


@pytest.mark.parametrize("bad", ["3:30", "24:00", "03:60", "0330", ""])
def test_a_daily_time_must_be_written_hh_mm(bad: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        daily(at=bad)


@pytest.mark.django_db
def test_periods_are_counted_in_the_courts_time_zone(only_the_hourly_job: None) -> None:
    # 02:10 UTC is 10:10 in Shanghai.
    (run,) = run_due_jobs(datetime(2026, 11, 30, 2, 10, tzinfo=ZoneInfo("UTC")), "worker-a")

    assert (run.job, run.period) == (JOB, "2026-11-30T10:00")


@pytest.mark.django_db
def test_a_second_worker_in_the_same_period_claims_nothing(only_the_hourly_job: None) -> None:
    now = datetime(2026, 11, 30, 10, 5, tzinfo=SHANGHAI)

    first = run_due_jobs(now, "worker-a")
    second = run_due_jobs(now + timedelta(minutes=30), "worker-b")

    assert [run.worker for run in first] == ["worker-a"]
    assert second == []
    assert PeriodicRun.objects.filter(job=JOB).count() == 1
    assert enqueued_ticks() == 1


# transaction=True: each thread has its own database connection and must see the
# other's committed claim (a normal test keeps everything in one uncommitted transaction
# on the main thread's connection, invisible to the threads).
# What the loser meets depends on the database, and both are covered by running this
# file with and without DATABASE_URL: on PostgreSQL its insert waits for the winner's
# commit and then fails on the unique constraint (or its pre-check already sees the
# claim); on SQLite the test database is a shared-cache in-memory database whose table
# locks fail at once instead of waiting ("database table is locked"), which
# run_due_jobs treats as "not claimed, look again next pass".
@pytest.mark.django_db(transaction=True)
def test_a_periodic_job_runs_once_per_period_even_with_two_workers(
    only_the_hourly_job: None,
) -> None:
    now = datetime(2026, 11, 30, 10, 5, tzinfo=SHANGHAI)
    claims, errors = at_once(lambda worker_id: len(run_due_jobs(now, worker_id)), "worker-a", "worker-b")

    assert errors == []
    assert sorted(claims.values()) == [0, 1]
    assert PeriodicRun.objects.filter(job=JOB, period="2026-11-30T10:00").count() == 1
    assert enqueued_ticks() == 1


@pytest.mark.django_db
def test_the_job_runs_again_in_the_next_period(only_the_hourly_job: None) -> None:
    with time_machine.travel(datetime(2026, 11, 30, 10, 5, tzinfo=SHANGHAI), tick=False) as clock:
        assert len(run_due_jobs(timezone.now(), "worker-a")) == 1
        clock.move_to(datetime(2026, 11, 30, 10, 59, 59, tzinfo=SHANGHAI))
        assert run_due_jobs(timezone.now(), "worker-a") == []
        clock.move_to(datetime(2026, 11, 30, 11, 0, tzinfo=SHANGHAI))
        assert len(run_due_jobs(timezone.now(), "worker-a")) == 1

    periods = sorted(PeriodicRun.objects.filter(job=JOB).values_list("period", flat=True))
    assert periods == ["2026-11-30T10:00", "2026-11-30T11:00"]
    assert enqueued_ticks() == 2


@pytest.mark.django_db
def test_a_lost_race_does_not_break_the_callers_transaction(
    only_the_hourly_job: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime(2026, 11, 30, 10, 5, tzinfo=SHANGHAI)
    PeriodicRun.objects.create(job=JOB, period="2026-11-30T10:00", worker="worker-a")

    # Let the cheap pre-check miss, as it does when another worker commits in between.
    real_is_claimed = jobs._is_claimed
    answers = iter([False])
    monkeypatch.setattr(
        jobs, "_is_claimed", lambda job, period: next(answers, None) or real_is_claimed(job, period)
    )
    with transaction.atomic():
        assert run_due_jobs(now, "worker-b") == []
        # Still usable: the failed insert was rolled back to its savepoint only.
        assert PeriodicRun.objects.count() == 1
    assert enqueued_ticks() == 0


@pytest.mark.django_db
def test_run_due_jobs_refuses_a_naive_time(only_the_hourly_job: None) -> None:
    with pytest.raises(ValueError, match="aware"):
        run_due_jobs(datetime(2026, 11, 30, 10, 5), "worker-a")


def test_one_name_cannot_be_given_to_two_different_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "_registry", {})
    register_job(name=JOB, schedule=hourly(), task=hourly_tick)
    register_job(name=JOB, schedule=hourly(), task=hourly_tick)  # re-import: fine

    with pytest.raises(ImproperlyConfigured, match="already registered"):
        register_job(name=JOB, schedule=hourly(), task=prune_task_results)


def test_the_task_result_prune_is_a_built_in_daily_job() -> None:
    registered = {job.name: job for job in jobs.registered_jobs()}

    prune = registered["core.prune_task_results"]
    assert prune.task is prune_task_results
    assert isinstance(prune.schedule, jobs.Daily)


def _finished_result(*, days_ago: int, status: str = "SUCCESSFUL") -> DBTaskResult:
    finished_at = timezone.now() - timedelta(days=days_ago)
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=hourly_tick.module_path,
        backend_name="default",
        status=status,
        started_at=finished_at,
        finished_at=finished_at if status != "READY" else None,
    )


@pytest.mark.django_db
def test_pruning_deletes_only_finished_results_past_retention_and_records_it(
    database_tasks: None, settings: Any
) -> None:
    settings.TASK_RESULT_RETENTION_DAYS = 30
    old_success = _finished_result(days_ago=31)
    old_failure = _finished_result(days_ago=45, status="FAILED")
    recent = _finished_result(days_ago=29)
    waiting = _finished_result(days_ago=60, status="READY")

    assert prune_task_results.call() == 2

    remaining = set(DBTaskResult.objects.values_list("id", flat=True))
    assert remaining == {recent.id, waiting.id}
    assert old_success.id not in remaining and old_failure.id not in remaining
    event = AuditEntry.objects.get(action="core.jobs.prune_task_results")
    assert event.actor_id is None
    assert event.data == {"count": 2}


@pytest.mark.django_db
def test_pruning_does_nothing_without_the_database_queue(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _finished_result(days_ago=90)

    assert prune_task_results.call() == 0

    assert DBTaskResult.objects.count() == 1
    assert not AuditEntry.objects.filter(action="core.jobs.prune_task_results").exists()


@pytest.mark.django_db
def test_pruning_forgets_the_claims_of_periods_past_retention(database_tasks: None, settings: Any) -> None:
    """A job that runs every minute (the gate's check escalation) leaves 1,440 claims a
    day: those older than the retention go, the recent ones stay (they still stop a
    second worker from running the same period)."""
    settings.TASK_RESULT_RETENTION_DAYS = 30
    now = timezone.now()
    old = PeriodicRun.objects.create(job=JOB, period="old", worker="w", started_at=now - timedelta(days=31))
    recent = PeriodicRun.objects.create(
        job=JOB, period="recent", worker="w", started_at=now - timedelta(days=29)
    )

    prune_task_results.call()

    assert not PeriodicRun.objects.filter(pk=old.pk).exists()
    assert PeriodicRun.objects.filter(pk=recent.pk).exists()
    line = AuditEntry.objects.filter(action="core.jobs.prune_periodic_runs").latest("id")
    assert line.data["count"] == 1
