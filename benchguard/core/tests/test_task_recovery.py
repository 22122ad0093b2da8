"""Tasks left RUNNING by a killed worker are failed or re-queued, audited (issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from benchguard.core import jobs, tasks  # tasks: its jobs registered before any test patches the registry
from benchguard.core.models import AuditEntry, WorkerHeartbeat
from benchguard.core.task_recovery import LOST_EXCEPTION_PATH, recover_lost_tasks
from benchguard.core.tests.test_worker import DATABASE_TASKS, events, record_worker_test_event

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def database_tasks(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.TASKS = DATABASE_TASKS
    settings.TASK_RUNNING_TIMEOUT_MINUTES = 60
    settings.TASK_RECOVERY_ACTION = "fail"
    monkeypatch.setattr(jobs, "_registry", {})
    monkeypatch.setattr(jobs, "_discovered", True)


def claimed_by(worker: str, marker: str) -> DBTaskResult:
    """A task a worker claimed (RUNNING) and then died with: nothing ever finishes it."""
    result = record_worker_test_event.enqueue(marker)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker)
    return row


def recovered_events() -> list[dict[str, Any]]:
    return [entry.data for entry in AuditEntry.objects.filter(action="core.tasks.recovered")]


def test_a_task_running_past_the_timeout_is_marked_failed_and_audited() -> None:
    with time_machine.travel(T0, tick=False):
        row = claimed_by("worker-a", "lost")
    with time_machine.travel(T0 + timedelta(minutes=61), tick=False):
        recovered = recover_lost_tasks(now=timezone.now())

    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == LOST_EXCEPTION_PATH
    assert "worker-a" in row.traceback
    assert row.finished_at == T0 + timedelta(minutes=61)
    assert [(item.task_id, item.reason, item.action) for item in recovered] == [
        (str(row.pk), "timed out", "fail")
    ]
    (event,) = recovered_events()
    assert event["task_id"] == str(row.pk)
    assert event["worker"] == "worker-a"
    assert event["outcome"] == "fail"
    assert event["task_path"].endswith("record_worker_test_event")


def test_a_task_within_the_timeout_whose_worker_has_not_beaten_since_is_left_running() -> None:
    with time_machine.travel(T0, tick=False):
        WorkerHeartbeat.objects.create(worker="worker-a", beat_at=timezone.now())
        row = claimed_by("worker-a", "busy")
    with time_machine.travel(T0 + timedelta(minutes=59), tick=False):
        assert recover_lost_tasks(now=timezone.now()) == []

    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING
    assert recovered_events() == []


def test_a_task_whose_worker_restarted_is_recovered_at_once() -> None:
    """The worker beats only between tasks: a beat after the claim means it moved on."""
    with time_machine.travel(T0, tick=False):
        row = claimed_by("worker-a", "restarted")
    with time_machine.travel(T0 + timedelta(minutes=2), tick=False):
        WorkerHeartbeat.objects.create(worker="worker-a", beat_at=timezone.now())
        recovered = recover_lost_tasks(now=timezone.now())

    assert [item.reason for item in recovered] == ["worker restarted"]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED


def test_another_workers_heartbeat_does_not_recover_a_task() -> None:
    with time_machine.travel(T0, tick=False):
        row = claimed_by("worker-a", "other")
    with time_machine.travel(T0 + timedelta(minutes=2), tick=False):
        WorkerHeartbeat.objects.create(worker="worker-b", beat_at=timezone.now())
        assert recover_lost_tasks(now=timezone.now()) == []
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_requeue_puts_the_task_back_and_the_next_worker_runs_it(settings: Any) -> None:
    settings.TASK_RECOVERY_ACTION = "requeue"
    with time_machine.travel(T0, tick=False):
        row = claimed_by("worker-a", "again")
    with time_machine.travel(T0 + timedelta(minutes=61), tick=False):
        recover_lost_tasks(now=timezone.now())
        row.refresh_from_db()
        assert row.status == TaskResultStatus.READY
        assert row.started_at is None

        call_command("worker", "--once", "--worker-id", "worker-b", verbosity=0)

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["worker-a", "worker-b"]
    assert len(events("again")) == 1
    assert recovered_events()[0]["outcome"] == "requeue"


def test_the_worker_recovers_its_own_lost_task_when_it_starts() -> None:
    """systemd restarts a killed worker under the same id: its old task is failed first."""
    with time_machine.travel(T0, tick=False):
        row = claimed_by("worker-a", "killed")
    with time_machine.travel(T0 + timedelta(seconds=30), tick=False):
        call_command("worker", "--once", "--worker-id", "worker-a", verbosity=0)

    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert recovered_events()[0]["reason"] == "worker restarted"
    assert events("killed") == []  # it did not run twice


def test_recover_tasks_command_reports_and_can_requeue(capsys: pytest.CaptureFixture[str]) -> None:
    with time_machine.travel(T0, tick=False):
        row = claimed_by("worker-a", "by-hand")
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        call_command("recover_tasks", "--requeue")

    out = capsys.readouterr().out
    assert f"{row.pk} " in out
    assert "timed out, requeue" in out
    assert "1 lost task(s) recovered" in out
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY


def test_the_job_recovers_and_counts() -> None:
    with time_machine.travel(T0, tick=False):
        claimed_by("worker-a", "job")
    with time_machine.travel(T0 + timedelta(minutes=61), tick=False):
        assert tasks.recover_lost_tasks.call() == 1
        assert tasks.recover_lost_tasks.call() == 0


def test_recovery_and_head_export_are_periodic_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real registry

    schedules = {job.name: job.schedule for job in jobs.registered_jobs()}

    assert schedules["core.recover_lost_tasks"] == jobs.every_minutes(5)
    assert schedules["core.export_audit_head"] == jobs.hourly(minute=7)
