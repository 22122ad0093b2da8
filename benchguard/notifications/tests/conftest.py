"""Fixtures of the notification tests: the database task queue and the real worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command

from benchguard.core import jobs
from benchguard.notifications.models import Notification

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_tasks(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tasks wait in the database queue until `run_worker()`; no periodic job interferes."""
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(jobs, "_registry", {})
    monkeypatch.setattr(jobs, "_discovered", True)


@pytest.fixture
def run_worker(database_tasks: None) -> Callable[[], None]:
    """One pass of `benchguard worker`, exactly as a court runs it."""

    def run() -> None:
        call_command("worker", "--once", "--worker-id", "notifications-test", verbosity=0)

    return run


@pytest.fixture(autouse=True)
def empty_inboxes(db: None) -> None:
    """Each test starts from empty inboxes: the demo data's notifications (sent by the
    matters demo) belong to that area's stories, and would blur counts and orderings here.
    Rolled back with the test, like everything else."""
    Notification.objects.all().delete()
