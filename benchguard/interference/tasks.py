"""Scheduled work of the interference area: the quarterly reports (A7.1)."""

from django_tasks import task

from benchguard.core.jobs import daily, periodic
from benchguard.interference import services


@periodic("interference.quarter_reports", daily(at="01:30"))
@task()
def quarter_reports() -> int:
    """Prepare the ended quarter's reports (a zero report when nothing was recorded) and
    tell the keeper and leaders, once, of a late one. Safe to run twice."""
    return services.quarter_reports_job()
