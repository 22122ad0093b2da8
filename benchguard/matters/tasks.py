"""Scheduled work of the matters area: the time-limit reminders (A26.4) and the reminders
of the internal target for accepting or declining an application (A26.2)."""

from django_tasks import task

from benchguard.core.jobs import daily, periodic
from benchguard.matters import services


@periodic("matters.send_due_reminders", daily(at="08:00"))
@task()
def send_due_reminders() -> int:
    return services.send_due_reminders() + services.send_acceptance_reminders()
