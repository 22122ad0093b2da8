"""Scheduled work of the controlled list: the reminder at an entry's review date (A15)."""

from django_tasks import task

from benchguard.core.jobs import daily, periodic
from benchguard.persons_of_concern import services


@periodic("persons_of_concern.send_review_reminders", daily(at="08:00"))
@task()
def send_review_reminders() -> int:
    return services.send_review_reminders()
