"""Scheduled work of the alarm area: escalate the alarms nobody took on in time
(AlarmSettings.escalate_after_seconds). The officers' screen checks too on each poll,
so the delay holds to the seconds while a screen is open; this job is the floor when
none is."""

from django_tasks import task

from benchguard.alarm import services
from benchguard.core.jobs import every_minutes, periodic


@periodic("alarm.escalate_due_alarms", every_minutes(1))
@task()
def escalate_due_alarms() -> int:
    return services.escalate_due_alarms()
