"""Scheduled work of the liaison area: the reminders of overdue answers (A19)."""

from django_tasks import task

from benchguard.core.jobs import daily, periodic
from benchguard.liaison import services


@periodic("liaison.send_overdue_reminders", daily(at="08:15"))
@task()
def send_overdue_reminders() -> int:
    return services.send_overdue_reminders()
