"""Fixtures shared by the core tests: the Redis-backed task queue."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_tasks(settings: Any) -> Iterator[str]:
    """The RQ backend on test database 15 with a queue name no other run uses.

    Fails, never skips, when Redis is down: deselect with `-m "not redis"` instead.
    """
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.fail(
            f"Redis is not reachable at {TEST_REDIS_URL} ({exc}); start it, "
            'or run the suite with -m "not redis"'
        )
    queue_name = f"test-{uuid.uuid4().hex[:12]}"
    # django_tasks_rq looks results up through the "default" connection.
    settings.RQ_QUEUES = {
        "default": {"URL": TEST_REDIS_URL},
        queue_name: {"URL": TEST_REDIS_URL, "DEFAULT_TIMEOUT": 60},
    }
    settings.RQ = {"DEFAULT_RESULT_TTL": 60}  # job and result keys expire by themselves
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}}
    yield queue_name
    keys = list(client.scan_iter(match=f"*{queue_name}*"))
    if keys:
        client.delete(*keys)
    client.close()
