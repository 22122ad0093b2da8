"""Scheduled work of the duty area: escalate the alerts nobody on duty acknowledged in
time (DutySettings.escalate_after_minutes)."""

from django_tasks import task

from benchguard.core.jobs import every_minutes, periodic
from benchguard.duty import services


@periodic("duty.escalate_due_alerts", every_minutes(1))
@task()
def escalate_due_alerts() -> int:
    return services.escalate_due_alerts()
