"""`benchguard worker`: the one background process a court runs beside the web server.

Each pass it (1) writes its heartbeat, which /healthz reads, (2) claims and enqueues
the periodic jobs that are due (`core.jobs.run_due_jobs`), (3) runs the queued tasks of
the configured tasks backend, then sleeps `--interval` seconds when there was nothing
left to do. One loop for every backend keeps heartbeat and periodic jobs alive whichever
queue a court chose:

- database (`django_tasks_db`): ready rows are claimed under a row lock the way
  `db_worker` does it and run by its `Worker.run_task`, so results, failures and signals
  are recorded exactly as the library records them;
- redis (`django_tasks_rq`): an RQ `SimpleWorker` in burst mode empties the queues
  in this process (no fork, so it shares our database connection handling);
- immediate: tasks already ran when they were enqueued; only jobs and heartbeat remain.

No timer lives in memory: the period claims live in `PeriodicRun`, so restarting or
running several workers never skips or doubles a period. `--once` makes one pass that
runs every ready task and exits (tests, cron). SIGTERM/SIGINT finish the current task
and stop; a second signal stops at once.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading
import uuid
from argparse import ArgumentParser, ArgumentTypeError
from collections.abc import Callable
from types import FrameType
from typing import Any, Protocol

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, close_old_connections
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.base import BaseTaskBackend
from django_tasks_db.backend import DatabaseBackend

from benchguard.core.context import request_id_scope
from benchguard.core.jobs import run_due_jobs
from benchguard.core.models import WorkerHeartbeat
from benchguard.core.task_recovery import recover_lost_tasks

logger = logging.getLogger("benchguard.worker")

# Tasks run per pass in the long-running loop before the heartbeat and periodic jobs get
# their turn again; --once has no limit.
DEFAULT_TASKS_PER_PASS = 50
# django_tasks_db refuses longer worker ids.
MAX_WORKER_ID_LENGTH = 64


class TaskRunner(Protocol):
    def run_ready(self, *, limit: int | None, should_stop: Callable[[], bool]) -> int:
        """Run ready tasks until none is left, `limit` ran or `should_stop()`; return the count."""
        ...

    def request_stop(self) -> None:
        """Called from a signal handler: stop after the current task."""
        ...


class DatabaseTaskRunner:
    """Claims and runs rows of the database queue the way `django_tasks_db`'s worker does."""

    def __init__(self, backend: DatabaseBackend, worker_id: str) -> None:
        from django_tasks_db.management.commands.db_worker import Worker

        self.backend = backend
        self.worker_id = worker_id
        self.queue_names = sorted(backend.queues)
        # Only `run_task` of the library's worker is used; its own loop would close
        # database connections and call sys.exit from its signal handler.
        self.executor = Worker(
            queue_names=self.queue_names or ["*"],
            interval=0,
            batch=True,
            backend_name=backend.alias,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )

    def _claim_next(self) -> Any:
        from django_tasks_db.models import DBTaskResult
        from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

        ready = DBTaskResult.objects.ready().filter(backend_name=self.backend.alias)
        if self.queue_names:
            ready = ready.filter(queue_name__in=self.queue_names)
        try:
            with exclusive_transaction(ready.db):
                task_result = ready.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as exc:
            # SQLite busy with another writer: leave the task for the next pass.
            if is_locked_database_exception(exc):
                return None
            raise
        return task_result

    def run_ready(self, *, limit: int | None, should_stop: Callable[[], bool]) -> int:
        ran = 0
        while not should_stop() and (limit is None or ran < limit):
            task_result = self._claim_next()
            if task_result is None:
                break
            # The task's log lines and audit lines carry the task's id as request id.
            with request_id_scope(f"task-{task_result.pk}"):
                self.executor.run_task(task_result)
            ran += 1
        return ran

    def request_stop(self) -> None:
        pass  # run_ready checks should_stop() between tasks


class RedisTaskRunner:
    """Empties the RQ queues with a burst `SimpleWorker` in this process."""

    def __init__(self, backend: BaseTaskBackend, worker_id: str, *, verbose: bool) -> None:
        self.backend = backend
        self.worker_id = worker_id
        self.verbose = verbose
        self._current: Any = None

    def run_ready(self, *, limit: int | None, should_stop: Callable[[], bool]) -> int:
        from django_rq.queues import get_queues
        from django_tasks_rq.backend import Job
        from rq.worker import SimpleWorker

        class BurstWorker(SimpleWorker):
            def _install_signal_handlers(self) -> None:
                """Signals belong to `benchguard worker`, which calls request_stop()."""

        if should_stop():
            return 0
        queue_names = sorted(self.backend.queues) or ["default"]
        queues = get_queues(*queue_names, job_class=Job)
        rq_worker = BurstWorker(
            queues,
            connection=queues[0].connection,
            job_class=Job,
            # A fresh name each pass: a crashed pass must not block the next from registering.
            name=f"{self.worker_id}-{uuid.uuid4().hex[:8]}",
        )
        self._current = rq_worker
        try:
            rq_worker.work(
                burst=True,
                max_jobs=limit,
                with_scheduler=True,  # moves due deferred (run_after) tasks onto the queue
                logging_level="INFO" if self.verbose else "WARNING",
            )
        finally:
            self._current = None
        return int(rq_worker.successful_job_count + rq_worker.failed_job_count)

    def request_stop(self) -> None:
        # RQ checks this flag before taking each job; its own request_stop() would raise
        # out of our signal handler when the worker is idle.
        if self._current is not None:
            self._current._stop_requested = True


class NoTaskRunner:
    """The immediate backend runs tasks as they are enqueued: nothing is ever queued."""

    def run_ready(self, *, limit: int | None, should_stop: Callable[[], bool]) -> int:
        return 0

    def request_stop(self) -> None:
        pass


def task_runner_for(backend: BaseTaskBackend, worker_id: str, *, verbose: bool) -> TaskRunner:
    if isinstance(backend, DatabaseBackend):
        return DatabaseTaskRunner(backend, worker_id)
    backend_class = type(backend).__module__ + "." + type(backend).__name__
    if backend_class.startswith("django_tasks_rq."):
        return RedisTaskRunner(backend, worker_id, verbose=verbose)
    if backend_class.startswith("django_tasks.backends.immediate."):
        return NoTaskRunner()
    raise CommandError(f"benchguard worker cannot run tasks of backend {backend_class}")


class BackgroundWorker:
    def __init__(self, *, worker_id: str, runner: TaskRunner, interval: float) -> None:
        self.worker_id = worker_id
        self.runner = runner
        self.interval = interval
        self.stopping = False
        self._wake = threading.Event()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(worker=self.worker_id, defaults={"beat_at": timezone.now()})

    def run_pass(self, *, limit: int | None) -> int:
        """Heartbeat, due periodic jobs, then ready tasks; returns how many tasks ran."""
        with request_id_scope():
            self.beat()
            run_due_jobs(timezone.now(), self.worker_id)
            return self.runner.run_ready(limit=limit, should_stop=lambda: self.stopping)

    def recover(self) -> None:
        """At start: a task this worker id left RUNNING died with the previous process
        (core.task_recovery); the periodic job catches the rest."""
        with request_id_scope():
            self.beat()
            recover_lost_tasks(now=timezone.now())

    def run_forever(self, *, tasks_per_pass: int) -> None:
        logger.info("worker %s started (interval %ss)", self.worker_id, self.interval)
        try:
            self.recover()
        except Exception:
            logger.exception("recovering lost tasks failed; the periodic job will retry")
        while not self.stopping:
            ran = 0
            try:
                ran = self.run_pass(limit=tasks_per_pass)
            except Exception:
                # A database restart or a Redis blip must not end the worker: log it and
                # try again after the interval, with fresh connections.
                logger.exception("worker pass failed; retrying in %ss", self.interval)
            close_old_connections()
            if ran < tasks_per_pass and not self.stopping:
                self._wake.wait(self.interval)
                self._wake.clear()
        logger.info("worker %s stopped", self.worker_id)

    def handle_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            logger.warning("%s again: stopping now", signal.strsignal(signum))
            raise SystemExit(1)
        logger.info("%s: finishing the current task, then stopping", signal.strsignal(signum))
        self.stopping = True
        self.runner.request_stop()
        self._wake.set()


def _worker_id(value: str) -> str:
    if not value or len(value) > MAX_WORKER_ID_LENGTH:
        raise ArgumentTypeError(f"1 to {MAX_WORKER_ID_LENGTH} characters")
    return value


def _interval(value: str) -> float:
    number = float(value)
    if not 0 < number <= 3600:
        raise ArgumentTypeError("seconds between 0 and 3600")
    return number


class Command(BaseCommand):
    help = "Run background work: queued tasks, periodic jobs and the worker heartbeat."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="One pass: heartbeat, due periodic jobs, every ready task; then exit.",
        )
        parser.add_argument(
            "--interval",
            type=_interval,
            default=5.0,
            help="Seconds to wait when the queue is empty (default: %(default)s).",
        )
        parser.add_argument(
            "--worker-id",
            type=_worker_id,
            default=socket.gethostname()[:MAX_WORKER_ID_LENGTH] or "worker",
            help="Name in heartbeats and job claims; unique per worker (default: host name).",
        )
        parser.add_argument(
            "--tasks-per-pass",
            type=int,
            default=DEFAULT_TASKS_PER_PASS,
            help="Tasks run before the next heartbeat and job check (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        worker_id: str = options["worker_id"]
        runner = task_runner_for(backend, worker_id, verbose=options["verbosity"] > 1)
        worker = BackgroundWorker(worker_id=worker_id, runner=runner, interval=options["interval"])
        if options["once"]:
            worker.recover()
            ran = worker.run_pass(limit=None)
            if options["verbosity"] > 0:
                self.stdout.write(f"worker {worker_id}: ran {ran} task(s)")
            return
        previous = {sig: signal.signal(sig, worker.handle_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            worker.run_forever(tasks_per_pass=max(1, options["tasks_per_pass"]))
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
