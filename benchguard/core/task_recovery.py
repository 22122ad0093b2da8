"""Database-queue tasks left RUNNING by a worker that was killed (issue 16, part 5).

`django_tasks_db` marks a row RUNNING when a worker claims it and SUCCESSFUL or FAILED
when the task ends. A worker killed in between (OOM killer, `kill -9`, a power cut)
leaves the row RUNNING for ever: nobody runs it again and nobody is told. A row is
taken to be lost when either

- the worker that claimed it has beaten its heartbeat *since* it claimed the row: a
  worker runs one task at a time and beats only between tasks, so it has moved on (it
  was restarted under the same id) and the task died with the old process; or
- it has been RUNNING longer than settings.TASK_RUNNING_TIMEOUT_MINUTES (its worker is
  gone for good). The timeout must exceed the longest task a court runs.

A lost row is marked FAILED (the default: visible in the task results, nothing runs
twice) or, with TASK_RECOVERY_ACTION=requeue, put back in the queue for any worker —
only for installations whose tasks are all safe to run twice. Each recovery writes an
audit event and a warning log line. `benchguard worker` recovers when it starts and
every five minutes (job `core.recover_lost_tasks`); `benchguard recover-tasks` does it
by hand.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend

from benchguard.core.audit import record_event
from benchguard.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

FAIL = "fail"
REQUEUE = "requeue"
LOST_EXCEPTION_PATH = "benchguard.core.task_recovery.WorkerLost"


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker died while running it."""


@dataclass(frozen=True)
class Recovered:
    task_id: str
    task_path: str
    worker: str
    reason: str  # "worker restarted" or "timed out"
    action: str  # FAIL or REQUEUE


def _database_aliases() -> list[str]:
    return [alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)]


def recover_lost_tasks(*, now: datetime, action: str | None = None) -> list[Recovered]:
    """Fail or re-queue every lost RUNNING row of the database queue (see the module)."""
    from django_tasks_db.models import DBTaskResult

    action = action or settings.TASK_RECOVERY_ACTION
    if action not in (FAIL, REQUEUE):
        raise ValueError(f"action must be {FAIL!r} or {REQUEUE!r}, not {action!r}")
    aliases = _database_aliases()
    if not aliases:
        return []
    timeout = timedelta(minutes=settings.TASK_RUNNING_TIMEOUT_MINUTES)
    beats = dict(WorkerHeartbeat.objects.values_list("worker", "beat_at"))
    recovered: list[Recovered] = []
    with transaction.atomic():
        # Few rows are RUNNING at any time (one per worker); a row another transaction
        # holds is being finished right now and is skipped.
        running = (
            DBTaskResult.objects.running()
            .filter(backend_name__in=aliases)
            .select_for_update(skip_locked=True)
        )
        for current in running:
            worker = current.worker_ids[-1] if current.worker_ids else ""
            beat_at = beats.get(worker)
            if current.started_at is None or current.started_at < now - timeout:
                reason = "timed out"
            elif beat_at is not None and beat_at > current.started_at:
                reason = "worker restarted"
            else:
                continue
            started = current.started_at.isoformat() if current.started_at else ""
            if action == REQUEUE:
                current.status = TaskResultStatus.READY
                current.started_at = None
                current.save(update_fields=["status", "started_at"])
            else:
                current.status = TaskResultStatus.FAILED
                current.finished_at = now
                current.return_value = None
                current.exception_class_path = LOST_EXCEPTION_PATH
                current.traceback = (
                    f"RUNNING since {started} on worker {worker or '?'}, which stopped without "
                    f"finishing it ({reason}); marked failed by task recovery"
                )
                current.save(
                    update_fields=[
                        "status",
                        "finished_at",
                        "return_value",
                        "exception_class_path",
                        "traceback",
                    ]
                )
            record_event(
                actor=None,
                action="core.tasks.recovered",
                task_id=str(current.pk),
                task_path=current.task_path,
                worker=worker,
                started_at=started,
                reason=reason,
                outcome=action,
            )
            logger.warning(
                "task %s (%s) lost by worker %s (%s): %s",
                current.pk,
                current.task_path,
                worker or "?",
                reason,
                "re-queued" if action == REQUEUE else "marked failed",
            )
            recovered.append(Recovered(str(current.pk), current.task_path, worker, reason, action))
    return recovered
