"""/healthz for load balancers and monitoring: can this node serve, and is the
background worker alive? /readyz for deployment tools and on-call: is the whole site
ready — database, task queue and a worker that beat recently?

The answer is 200 when the database and the task queue answer and 503 when either does
not, with a JSON body saying which check failed. The worker's heartbeat is reported but
never turns the answer into a 503 (see `_worker_check`). The body carries no names,
hosts or error messages — only statuses, counts, ages and exception class names — since
anyone who can reach the server may ask for it without signing in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.base import BaseTaskBackend
from django_tasks_db.backend import DatabaseBackend

from benchguard.core.models import WorkerHeartbeat

Check = dict[str, Any]
# A health probe must answer quickly even when Redis silently drops packets.
REDIS_PROBE_TIMEOUT_SECONDS = 2.0


def _failure(exc: BaseException) -> Check:
    # The class name says what kind of failure; the message could carry hosts or users.
    return {"status": "fail", "error": type(exc).__name__}


def _database_check() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return _failure(exc)
    return {"status": "ok"}


def _redis_queue_lengths(backend: BaseTaskBackend) -> dict[str, int]:
    import django_rq
    import redis

    lengths: dict[str, int] = {}
    for name in sorted(backend.queues) or ["default"]:
        queue = django_rq.get_queue(name)
        pool = queue.connection.connection_pool
        if type(pool) is redis.ConnectionPool:
            # Same server and credentials as the queue, but with timeouts of our own.
            probe_pool = redis.ConnectionPool(
                connection_class=pool.connection_class,
                **{
                    **pool.connection_kwargs,
                    "socket_connect_timeout": REDIS_PROBE_TIMEOUT_SECONDS,
                    "socket_timeout": REDIS_PROBE_TIMEOUT_SECONDS,
                },
            )
            client = redis.Redis(connection_pool=probe_pool)
        else:  # sentinel or another special pool: use it as configured
            probe_pool = None
            client = queue.connection
        try:
            client.ping()
            lengths[name] = int(client.llen(queue.key))
        finally:
            if probe_pool is not None:
                probe_pool.disconnect()
    return lengths


def _task_queue_check() -> Check:
    try:
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if isinstance(backend, DatabaseBackend):
            from django_tasks_db.models import DBTaskResult

            ready = DBTaskResult.objects.ready().filter(backend_name=backend.alias).count()
            return {"status": "ok", "backend": "database", "ready": ready}
        module = type(backend).__module__
        if module.startswith("django_tasks_rq"):
            return {"status": "ok", "backend": "redis", "queued": _redis_queue_lengths(backend)}
        if module.startswith("django_tasks.backends.immediate"):
            return {"status": "ok", "backend": "immediate"}
        return {"status": "ok", "backend": type(backend).__name__}
    except Exception as exc:
        return _failure(exc)


def _worker_check(database_ok: bool) -> Check:
    # A missing or stale worker is reported, not answered with 503: the load balancer
    # uses this answer to decide whether this web node may serve requests, and it still
    # can — tasks just wait in the queue. Taking every web node out of rotation because
    # the separate worker stopped would turn delayed reminders into a full outage.
    # Monitoring should alert on "stale"/"missing" instead.
    stale_after = settings.WORKER_HEARTBEAT_STALE_SECONDS
    if not database_ok:
        return {"status": "unknown", "stale_after_seconds": stale_after}
    try:
        last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    except Exception as exc:
        return _failure(exc)
    if last is None:
        return {"status": "missing", "stale_after_seconds": stale_after}
    age = max(0, int((timezone.now() - last).total_seconds()))
    return {
        "status": "stale" if age > stale_after else "ok",
        "last_heartbeat_seconds_ago": age,
        "stale_after_seconds": stale_after,
    }


@csrf_exempt
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Unauthenticated on purpose: probes have no session. Touches no session or user."""
    database = _database_check()
    task_queue = _task_queue_check()
    worker = _worker_check(database["status"] == "ok")
    healthy = database["status"] == "ok" and task_queue["status"] == "ok"
    return JsonResponse(
        {
            "status": "ok" if healthy else "fail",
            "checks": {"database": database, "task_queue": task_queue, "worker": worker},
        },
        status=200 if healthy else 503,
    )


@csrf_exempt
@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness of the whole installation: 200 only when the database and the task queue
    answer and some worker's heartbeat is fresh; else 503 naming the failed check.

    Not for the load balancer (see `_worker_check`): a deployment waits for it after an
    upgrade before moving on to the next server, and monitoring alerts on it. The same
    body as /healthz, so no names, hosts or messages.
    """
    database = _database_check()
    task_queue = _task_queue_check()
    worker = _worker_check(database["status"] == "ok")
    ready = database["status"] == "ok" and task_queue["status"] == "ok" and worker["status"] == "ok"
    return JsonResponse(
        {
            "status": "ok" if ready else "fail",
            "checks": {"database": database, "task_queue": task_queue, "worker": worker},
        },
        status=200 if ready else 503,
    )
