"""/healthz tells a load balancer whether this node can serve, and monitoring whether
the worker is alive."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from benchguard.core import health
from benchguard.core.models import WorkerHeartbeat
from benchguard.core.tests.conftest import TEST_REDIS_URL

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def queued_for_health() -> None:
    """Only ever enqueued here, never run."""


@pytest.fixture
def database_tasks(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    settings.WORKER_HEARTBEAT_STALE_SECONDS = 300


def beat(seconds_ago: int) -> None:
    WorkerHeartbeat.objects.create(worker="worker-a", beat_at=timezone.now() - timedelta(seconds=seconds_ago))


def get_health(client: Client) -> tuple[int, dict[str, Any]]:
    response = client.get(reverse("healthz"))
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


@pytest.mark.django_db
def test_healthz_answers_200_when_database_queue_and_worker_are_fine(
    client: Client, database_tasks: None
) -> None:
    beat(seconds_ago=5)
    queued_for_health.enqueue()

    status, body = get_health(client)

    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["task_queue"] == {"status": "ok", "backend": "database", "ready": 1}
    assert body["checks"]["worker"]["status"] == "ok"
    assert body["checks"]["worker"]["last_heartbeat_seconds_ago"] in (4, 5, 6)


@pytest.mark.django_db
def test_healthz_reports_a_stale_worker_but_still_answers_200(client: Client, database_tasks: None) -> None:
    beat(seconds_ago=301)

    status, body = get_health(client)

    assert status == 200
    assert body["checks"]["worker"]["status"] == "stale"
    assert body["checks"]["worker"]["stale_after_seconds"] == 300


@pytest.mark.django_db
def test_healthz_reports_the_freshest_of_several_workers(client: Client, database_tasks: None) -> None:
    WorkerHeartbeat.objects.create(worker="gone", beat_at=timezone.now() - timedelta(days=3))
    beat(seconds_ago=1)

    _status, body = get_health(client)

    assert body["checks"]["worker"]["status"] == "ok"


@pytest.mark.django_db
def test_healthz_reports_a_missing_worker_but_still_answers_200(client: Client, database_tasks: None) -> None:
    status, body = get_health(client)

    assert status == 200
    assert body["checks"]["worker"]["status"] == "missing"


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_queue_when_redis_is_unreachable(
    client: Client, settings: Any
) -> None:
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}

    status, body = get_health(client)

    assert status == 503
    assert body["status"] == "fail"
    assert body["checks"]["task_queue"] == {"status": "fail", "error": "ConnectionError"}
    assert body["checks"]["database"] == {"status": "ok"}
    # No address, port or message from the failure reaches an anonymous caller.
    assert "127.0.0.1" not in str(body)


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not_answer(
    client: Client, database_tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    class DeadConnection:
        def cursor(self) -> Any:
            raise OperationalError("connection refused by db.court.local")

    monkeypatch.setattr(health, "connection", DeadConnection())

    status, body = get_health(client)

    assert status == 503
    assert body["checks"]["database"] == {"status": "fail", "error": "OperationalError"}
    assert body["checks"]["worker"]["status"] == "unknown"
    assert "court.local" not in str(body)


@pytest.mark.django_db
def test_healthz_needs_no_login_sets_no_session_and_is_never_cached(
    client: Client, database_tasks: None
) -> None:
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_refuses_post(client: Client, database_tasks: None) -> None:
    assert client.post(reverse("healthz")).status_code == 405


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_reports_the_redis_queue_length(client: Client, redis_tasks: str) -> None:
    result = queued_for_health.using(queue_name=redis_tasks).enqueue()

    status, body = get_health(client)

    assert status == 200
    assert body["checks"]["task_queue"] == {
        "status": "ok",
        "backend": "redis",
        "queued": {redis_tasks: 1},
    }
    import redis

    redis.Redis.from_url(TEST_REDIS_URL).delete(f"rq:job:{result.id}")


# --- /readyz: the whole installation, worker included -----------------------------------


def get_ready(client: Client) -> tuple[int, dict[str, Any]]:
    response = client.get(reverse("readyz"))
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


@pytest.mark.django_db
def test_readyz_answers_200_with_a_fresh_worker_heartbeat(client: Client, database_tasks: None) -> None:
    beat(seconds_ago=10)

    status, body = get_ready(client)

    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["worker"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_answers_503_when_no_worker_ever_beat(client: Client, database_tasks: None) -> None:
    status, body = get_ready(client)

    assert status == 503
    assert body["status"] == "fail"
    assert body["checks"]["worker"]["status"] == "missing"
    assert body["checks"]["database"] == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_503_when_the_only_heartbeat_is_stale(client: Client, database_tasks: None) -> None:
    beat(seconds_ago=301)

    status, body = get_ready(client)

    assert status == 503
    assert body["checks"]["worker"]["status"] == "stale"
    # The load balancer's check is not affected by the same stale worker.
    assert get_health(client)[0] == 200


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_does_not_answer(
    client: Client, database_tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    beat(seconds_ago=1)

    class DeadConnection:
        def cursor(self) -> Any:
            raise OperationalError("connection refused by db.court.local")

    monkeypatch.setattr(health, "connection", DeadConnection())

    status, body = get_ready(client)

    assert status == 503
    assert body["checks"]["database"] == {"status": "fail", "error": "OperationalError"}
    assert body["checks"]["worker"]["status"] == "unknown"
    assert "court.local" not in str(body)


@pytest.mark.django_db
def test_readyz_answers_503_when_the_task_queue_is_unreachable(client: Client, settings: Any) -> None:
    beat(seconds_ago=1)
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}

    status, body = get_ready(client)

    assert status == 503
    assert body["checks"]["task_queue"] == {"status": "fail", "error": "ConnectionError"}


@pytest.mark.django_db
def test_readyz_needs_no_login_and_refuses_post(client: Client, database_tasks: None) -> None:
    beat(seconds_ago=1)

    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert client.post(reverse("readyz")).status_code == 405
