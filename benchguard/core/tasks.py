"""Periodic jobs of the platform core (the worker imports every app's `tasks`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from benchguard.core import deadlines
from benchguard.core.jobs import daily, every_minutes, hourly, periodic


@periodic("core.seed_calendar", daily(at="02:30"))
@task()
def seed_calendar() -> dict[str, Any]:
    """Seed the holiday table for this year and next (A26.4), every day.

    Idempotent: a day without news changes nothing and writes nothing. When a newer
    `chinese-calendar` carrying next year's State Council schedule is installed, the
    next run replaces that year's provisional entries with the official table.
    """
    this_year = timezone.localdate().year
    report = deadlines.seed_calendar([this_year, this_year + 1])
    # Task results are stored as JSON: keys must be strings.
    return {str(year): result["status"] for year, result in report.items()}


@periodic("core.prune_once_submissions", daily(at="03:40"))
@task()
def prune_once_submissions() -> int:
    """Forget one-time form tokens and API Idempotency-Keys older than a week (issue 9):
    by then nobody goes back to resubmit the page, and no client retries the call."""
    from django.db import transaction

    from benchguard.core import once
    from benchguard.core.audit import record_event

    with transaction.atomic():
        deleted = once.prune()
        record_event(actor=None, action="core.once.pruned", count=deleted)
    return deleted


@periodic("core.optimize_database", daily(at="04:10"))
@task()
def optimize_database() -> str:
    """Keep the query planner's statistics current (issue 11; see core.upkeep)."""
    from benchguard.core import upkeep

    return upkeep.optimize()


@periodic("core.recover_lost_tasks", every_minutes(5))
@task()
def recover_lost_tasks() -> int:
    """Fail (or re-queue) database-queue tasks left RUNNING by a killed worker (issue 16;
    see core.task_recovery)."""
    from benchguard.core import task_recovery

    return len(task_recovery.recover_lost_tasks(now=timezone.now()))


@periodic("core.export_audit_head", hourly(minute=7))
@task()
def export_audit_head() -> str:
    """Write the audit chain's head outside the database every hour, when a file or a
    syslog address is configured (issue 16; see core.audit_export). Returns the hash."""
    from benchguard.core import audit_export

    head = audit_export.export_configured(now=timezone.now())
    return head.hash if head is not None else ""
