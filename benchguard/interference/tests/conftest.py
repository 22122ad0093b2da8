"""Fixtures of the interference tests: `record(actor=…, **changes)` records an entry about
the judge (王立明) through the service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from benchguard.cases.choices import Stage
from benchguard.interference import services
from benchguard.interference.choices import Method, SourceKind
from benchguard.interference.models import Entry
from benchguard.organization.models import Account, Person


def entry_fields(**changes: Any) -> dict[str, Any]:
    return {
        "source_kind": SourceKind.LEADING_CADRE,
        "person_name": "测试某",
        "person_unit": "某局",
        "person_post": "局长",
        "person_contact": "139 0000 9999",
        "occurred_at": timezone.now() - dt.timedelta(hours=2),
        "method": Method.PHONE,
        "request": "希望对某案“关照”",
        "case_number": "（2026）鲁02民初9999号",
        "stage": Stage.TRIAL,
        "response": "当即拒绝",
        **changes,
    }


@pytest.fixture
def record(db: None) -> Callable[..., Entry]:
    def make(actor: Account | None = None, judge: Person | None = None, **changes: Any) -> Entry:
        account = actor or Account.objects.get(username="judge")
        return services.record_entry(
            actor=account,
            judge=judge or Person.objects.get(account__username="judge"),
            **entry_fields(**changes),
        )

    return make


@pytest.fixture
def quarter_job(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """`run(worker_id)`: one pass of the scheduler with this area's job alone, then one
    pass of `benchguard worker`, as a court runs them (the database task queue)."""
    from django.core.management import call_command

    from benchguard.core import jobs
    from benchguard.interference import tasks  # noqa: F401  (registers the job)

    job = next(job for job in jobs.registered_jobs() if job.name == "interference.quarter_reports")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    monkeypatch.setattr(jobs, "_registry", {job.name: job})
    monkeypatch.setattr(jobs, "_discovered", True)

    def run(worker_id: str) -> None:
        jobs.run_due_jobs(timezone.now(), worker_id)
        call_command("worker", "--once", "--worker-id", worker_id, verbosity=0)

    return run
