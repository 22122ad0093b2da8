"""`benchguard worker` runs queued tasks, due periodic jobs and its heartbeat."""

from __future__ import annotations

import signal
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django_tasks import TaskResultStatus, default_task_backend, task
from django_tasks_db.models import DBTaskResult

from benchguard.core import jobs
from benchguard.core.audit import record_event
from benchguard.core.management.commands.worker import BackgroundWorker
from benchguard.core.models import AuditEntry, PeriodicRun, WorkerHeartbeat

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def record_worker_test_event(marker: str) -> str:
    """A real task with a visible effect: one audit line carrying `marker`."""
    record_event(actor=None, action="core.tests.worker_ran", marker=marker)
    return marker


@task()
def fail_on_purpose() -> None:
    raise ValueError("this task fails on purpose")


@task()
def record_periodic_tick() -> None:
    record_event(actor=None, action="core.tests.periodic_tick")


def events(marker: str | None = None) -> list[dict[str, Any]]:
    entries = AuditEntry.objects.filter(action="core.tests.worker_ran")
    return [e.data for e in entries if marker is None or e.data.get("marker") == marker]


@pytest.fixture
def database_tasks(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def no_periodic_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "_registry", {})
    monkeypatch.setattr(jobs, "_discovered", True)


@pytest.mark.django_db
def test_worker_once_runs_a_queued_task_with_the_database_backend(
    database_tasks: None, no_periodic_jobs: None
) -> None:
    result = record_worker_test_event.enqueue("db-1")

    call_command("worker", "--once", "--worker-id", "worker-a", verbosity=0)

    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert stored.worker_ids == ["worker-a"]
    assert events("db-1") == [{"marker": "db-1"}]


@pytest.mark.django_db
def test_worker_once_records_a_failing_task_and_runs_the_rest(
    database_tasks: None, no_periodic_jobs: None
) -> None:
    failing = fail_on_purpose.enqueue()
    fine = record_worker_test_event.enqueue("after-failure")

    call_command("worker", "--once", verbosity=0)

    assert DBTaskResult.objects.get(id=failing.id).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get(id=fine.id).status == TaskResultStatus.SUCCESSFUL
    assert events("after-failure")


@pytest.mark.django_db
def test_worker_once_writes_its_heartbeat(database_tasks: None, no_periodic_jobs: None) -> None:
    moment = datetime(2026, 11, 30, 10, 5, tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=False):
        call_command("worker", "--once", "--worker-id", "worker-a", verbosity=0)

    assert WorkerHeartbeat.objects.get(worker="worker-a").beat_at == moment


@pytest.mark.django_db
def test_worker_once_runs_a_due_periodic_job_in_the_same_pass(
    database_tasks: None, no_periodic_jobs: None
) -> None:
    jobs.register_job(name="tests.periodic_tick", schedule=jobs.hourly(), task=record_periodic_tick)

    with time_machine.travel(datetime(2026, 11, 30, 10, 5, tzinfo=SHANGHAI), tick=False):
        call_command("worker", "--once", "--worker-id", "worker-a", verbosity=0)
        call_command("worker", "--once", "--worker-id", "worker-b", verbosity=0)

    run = PeriodicRun.objects.get(job="tests.periodic_tick")
    assert (run.period, run.worker) == ("2026-11-30T10:00", "worker-a")
    assert AuditEntry.objects.filter(action="core.tests.periodic_tick").count() == 1


class StopAfterFirstPass:
    """A task runner that delivers SIGTERM's handler while 'running' its first task."""

    def __init__(self) -> None:
        self.passes = 0
        self.stop_requested = False
        self.on_run: Callable[[], None] = lambda: None

    def run_ready(self, *, limit: int | None, should_stop: Callable[[], bool]) -> int:
        self.passes += 1
        self.on_run()
        return 0

    def request_stop(self) -> None:
        self.stop_requested = True


# transaction=True: the loop refreshes database connections between passes, which a
# test wrapped in one transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_sigterm_lets_the_current_pass_finish_then_stops_the_loop(no_periodic_jobs: None) -> None:
    runner = StopAfterFirstPass()
    worker = BackgroundWorker(worker_id="worker-a", runner=runner, interval=3600)
    runner.on_run = lambda: worker.handle_signal(signal.SIGTERM, None)

    worker.run_forever(tasks_per_pass=10)  # returns at once: no 3600 s wait after a stop

    assert runner.passes == 1
    assert runner.stop_requested
    assert WorkerHeartbeat.objects.filter(worker="worker-a").exists()


def test_a_second_signal_stops_the_worker_at_once() -> None:
    worker = BackgroundWorker(worker_id="worker-a", runner=StopAfterFirstPass(), interval=1)
    worker.handle_signal(signal.SIGINT, None)

    with pytest.raises(SystemExit):
        worker.handle_signal(signal.SIGINT, None)


# --- Redis (RQ) backend -------------------------------------------------------------


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_worker_once_runs_a_queued_task_with_the_redis_backend(
    redis_tasks: str, no_periodic_jobs: None
) -> None:
    result = record_worker_test_event.using(queue_name=redis_tasks).enqueue("rq-1")
    assert events("rq-1") == []  # queued in Redis, not run yet

    call_command("worker", "--once", "--worker-id", "worker-rq", verbosity=0)

    assert events("rq-1") == [{"marker": "rq-1"}]
    finished = default_task_backend.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == "rq-1"
