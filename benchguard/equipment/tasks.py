"""Scheduled work of the equipment area (A10.2): the re-check of stored recordings
against their SHA-256 and the deletion of files past their retention (legal holds
respected). Both are safe to run twice."""

from django_tasks import task

from benchguard.core.jobs import daily, periodic
from benchguard.equipment import services


@periodic("equipment.check_recordings", daily(at="02:30"))
@task()
def check_recordings() -> int:
    return services.check_due_recordings()


@periodic("equipment.purge_recordings", daily(at="03:30"))
@task()
def purge_recordings() -> int:
    return services.purge_expired_recordings()
